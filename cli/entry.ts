// `tsx cli/entry.ts ...` (npm scripts): the same as the bin, without the tsx registration step.
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2));
