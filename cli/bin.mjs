#!/usr/bin/env node
// `npx obmc ...`: register tsx so the TypeScript sources run as they are, then hand over.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./run.ts');
process.exitCode = await runCli(process.argv.slice(2));
