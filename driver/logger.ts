// The driver logs structured records through any pino-compatible logger; silent by default.
// Records carry method, path, status and duration, never headers, bodies or credentials.

export interface DriverLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const silentLogger: DriverLogger = { debug() {}, info() {}, warn() {} };
