// Structured logs (pino). Secrets never reach them: request logs carry method, path, status and
// duration only, and the redact paths cover anything that might carry credentials anyway.

import { type Logger, pino } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'headers.authorization',
  'headers.cookie',
  'headers["x-auth-token"]',
  'headers["x-xsrf-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: null, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}

export const silentLogger: Logger = pino({ level: 'silent' });
