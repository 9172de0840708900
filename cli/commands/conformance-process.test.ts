// `obmc conformance` as a real child process (the CLI entry through tsx): in-process tests cannot
// see whether the process ends by itself once the embedded simulators are done, nor its exit code.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asList, parseJunit } from '../../test/support/junit.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// A safety net for a loaded machine (a tsx start plus two checks at fast timing), not an assertion.
const PROCESS_TIMEOUT = 60_000;

interface Run {
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs `obmc ARGS` to its end (a process that never ends fails the test by its timeout). */
function obmcProcess(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/entry.ts', ...args],
      { cwd: root },
      (_err, stdout, stderr) => resolve({ code: child.exitCode ?? String(child.signalCode), stdout, stderr }),
    );
  });
}

describe('obmc conformance as a process', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    '--profile bmcweb-2025 --timing fast: exits 0 by itself, its JUnit report parses and the Redfish unit passed',
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'obmc-conformance-'));
      const junit = join(dir, 'report.xml');
      const run = await obmcProcess([
        'conformance',
        '--profile',
        'bmcweb-2025',
        '--timing',
        'fast',
        '--check',
        'RUC-001',
        'RUC-002',
        '--quiet',
        '--junit',
        junit,
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const suites = parseJunit(await readFile(junit, 'utf8'));
      const redfish = suites.find((s) => s.name === 'bmcweb-2025/redfish');
      const cases = asList(redfish?.testcase);
      expect(cases.map((c) => String(c.name).split(' ')[0])).toEqual(['RUC-001', 'RUC-002']);
      for (const c of cases) {
        expect(c).not.toHaveProperty('failure');
        expect(c).not.toHaveProperty('error');
        expect(c).not.toHaveProperty('skipped');
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    '--timing realistic with --target and no --profile: refused as bad input, exit 2',
    async () => {
      const run = await obmcProcess([
        'conformance',
        '--timing',
        'realistic',
        '--target',
        'https://127.0.0.1:1',
        '--username',
        'root',
        '--password',
        'not-used-Pa55',
      ]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'obmc: invalid input: --timing sets how the embedded simulators move: give --profile too (a real BMC keeps its own time)\n',
      );
    },
    PROCESS_TIMEOUT,
  );
});
