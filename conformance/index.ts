// The conformance kit's public API (`openbmc-kit/conformance`): the catalogue, the options resolver,
// targets, the planner and runner, and the reporters. Everything else in conformance/ is internal.

export type { Check, CheckContext, Group, Need } from './check.ts';
export { CATALOGUE, findChecks } from './checks/index.ts';
export {
  CONFORMANCE_TIMINGS,
  type ConformanceOptions,
  ConformanceOptionsError,
  type ConformanceTiming,
  type ResolvedConformanceOptions,
  resolveConformanceOptions,
} from './options.ts';
export { type Decision, explain, type PlannedTarget, type PlanOptions, plan } from './plan.ts';
export { type ConsoleOptions, consoleReporter } from './reporters/console.ts';
export { type JsonReport, toJsonReport } from './reporters/json.ts';
export { toJunitXml } from './reporters/junit.ts';
export { toMarkdownMatrix } from './reporters/markdown.ts';
export { type ReportFiles, writeReportFiles } from './reporters/report-files.ts';
export type { Reporter } from './reporters/reporter.ts';
export {
  type CheckResult,
  type Counts,
  exitCodeOf,
  type RunSummary,
  type Status,
  type TargetResult,
} from './results.ts';
export { DEFAULT_CONCURRENCY, type RunOptions, runConformance } from './runner.ts';
export { type EmbeddedOptions, embeddedTarget } from './targets/embedded.ts';
export { type RemoteOptions, remoteTarget } from './targets/remote.ts';
export type { Target, TargetSpec } from './targets/target.ts';
export { parseTargetsFile, type TargetsFile, TargetsFileError } from './targets/targets-file.ts';
