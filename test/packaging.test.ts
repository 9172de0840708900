// The package as a user gets it: `npm pack` (which builds), the tarball installed into a project
// outside the repository, and there a plain .mjs drives a simulator started from the installed
// package, a .ts consumer type-checks against the shipped declarations, and the installed `obmc`
// bin runs, loading for `power status` nothing but the driver, commander and undici.
//
// The install needs no registry: the temporary project gets a lockfile made from the repository's
// own (its production entries, whose tarballs `npm ci` already put in the npm cache), so
// `npm ci --prefer-offline` installs exactly the pinned dependencies from the cache.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SLOW = 300_000;

interface PackageJson {
  name: string;
  version: string;
  license: string;
  engines: Record<string, string>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
}
interface PackResult {
  filename: string;
  integrity: string;
  size: number;
  files: { path: string }[];
}
type LockEntry = { dev?: boolean; devOptional?: boolean } & Record<string, unknown>;

let project: string;
let packed: PackResult;
let pkg: PackageJson;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'obmc-consumer-'));
  pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as PackageJson;
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', project], {
    cwd: repo,
    maxBuffer: 16 * 2 ** 20,
  });
  [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [PackResult];
  await writeConsumerProject();
  await run(npm, ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
}, SLOW);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

/** package.json and a lockfile: the tarball plus the repository's production dependency tree. */
async function writeConsumerProject(): Promise<void> {
  const spec = `file:${packed.filename}`;
  const lock = JSON.parse(await readFile(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const production = Object.entries(lock.packages).filter(
    ([path, p]) => path !== '' && !p.dev && !p.devOptional,
  );
  const manifest = { name: 'consumer', private: true, type: 'module', dependencies: { [pkg.name]: spec } };
  const packages = {
    '': { name: 'consumer', dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      integrity: packed.integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
    ...Object.fromEntries(production),
  };
  await writeFile(join(project, 'package.json'), JSON.stringify(manifest));
  await writeFile(
    join(project, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }),
  );
}

describe('the packed package', { timeout: SLOW }, () => {
  it('ships the compiled parts, their declarations and the docs, nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => !p.startsWith('dist/')).sort()).toEqual([
      'CHECKS.md',
      'README.md',
      'package.json',
    ]);
    expect(paths.filter((p) => /\.ts$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((p) => /test|bench|fixtures/.test(p))).toEqual([]);
    for (const part of ['driver', 'simulator', 'conformance', 'protocol'])
      expect(paths).toEqual(expect.arrayContaining([`dist/${part}/index.js`, `dist/${part}/index.d.ts`]));
    expect(paths).toContain('dist/cli/entry.js');
  });

  it('a plain .mjs imports the driver and drives a simulator started from the installed package', async () => {
    await writeFile(
      join(project, 'drive.mjs'),
      `import { createOpenBMCDriver, PowerState } from 'openbmc-kit/driver';
import { startSimulator } from 'openbmc-kit/simulator';

const sim = await startSimulator({ port: 0, http: true, timing: 'instant', password: 'pkg-Test-1' });
const driver = createOpenBMCDriver();
const info = { openbmc_address: sim.url, openbmc_username: 'root', openbmc_password: 'pkg-Test-1' };
const task = { node: { driver_info: info, driver_internal_info: {} } };
try {
  await driver.power.setPowerState(task, PowerState.on);
  const state = await driver.power.getPowerState(task);
  console.log(JSON.stringify({ state, sessions: (await sim.control(0).state()).sessions }));
} finally {
  await driver.close();
  await sim.close();
}
`,
    );
    const { stdout } = await run(process.execPath, ['drive.mjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ state: 'power on', sessions: 0 });
  });

  it('a .ts consumer type-checks against the shipped declarations (which are real types)', async () => {
    await writeFile(
      join(project, 'consumer.ts'),
      `import { CATALOGUE, type RunSummary } from 'openbmc-kit/conformance';
import { createOpenBMCDriver, PowerStateFailure, type PowerTarget, type Task } from 'openbmc-kit/driver';
import { ProfileName } from 'openbmc-kit/protocol';
import { type RunningSimulator, startSimulator } from 'openbmc-kit/simulator';

export async function setPower(task: Task, target: PowerTarget): Promise<string> {
  const driver = createOpenBMCDriver();
  try {
    await driver.power.setPowerState(task, target);
    return await driver.power.getPowerState(task);
  } catch (err) {
    if (err instanceof PowerStateFailure) return err.code;
    throw err;
  } finally {
    await driver.close();
  }
}
export const sim: Promise<RunningSimulator> = startSimulator({ profile: ProfileName[0], timing: 'instant' });
export const ids: string[] = CATALOGUE.map((c) => c.id);
export const failed = (s: RunSummary): number => s.counts.fail;
// @ts-expect-error a power state is a string: were the declarations 'any', this line would be an error
export const wrong: Promise<number> = createOpenBMCDriver().power.getPowerState({} as Task);
`,
    );
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          // The shipped .d.ts files are checked too: none may need a type package the user lacks.
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(repo, 'node_modules/@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
    expect(result).toBe('');
  });

  it('the installed obmc bin: --version, and power status against the installed simulator loading only what it needs', async () => {
    const bin = join(project, 'node_modules/.bin/obmc');
    expect((await run(bin, ['--version'])).stdout).toBe(`${pkg.version}\n`);

    const sim = spawn(bin, ['sim', '--port', '0', '--http', '--timing', 'instant', '--log-level', 'silent'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await listeningUrl(sim);
      // A load hook records every module the ESM loader loads (CommonJS packages by their entry).
      const hooks = join(project, 'trace-hooks.mjs');
      const trace = join(project, 'loaded.txt');
      await writeFile(
        hooks,
        `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(trace)}, url + '\\n');
  return next(url, context);
}
`,
      );
      await writeFile(
        join(project, 'trace.mjs'),
        `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
      );
      const status = await run(
        process.execPath,
        ['--import', './trace.mjs', 'node_modules/openbmc-kit/dist/cli/entry.js', 'power', 'status'],
        {
          cwd: project,
          env: {
            ...process.env,
            OPENBMC_ADDRESS: url,
            OPENBMC_USERNAME: 'root',
            OPENBMC_PASSWORD: '0penBmc',
          },
        },
      );
      expect(status.stdout).toBe('power off\n');
      const packages = new Set(
        (await readFile(trace, 'utf8'))
          .split('\n')
          .map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1])
          .filter((name) => name !== undefined),
      );
      expect([...packages].sort()).toEqual(['commander', 'openbmc-kit', 'undici']);
      const modules = (await readFile(trace, 'utf8'))
        .split('\n')
        .filter((u) => u.includes('/openbmc-kit/dist/'));
      expect(modules.filter((u) => /\/dist\/(simulator|conformance)\//.test(u))).toEqual([]);
    } finally {
      sim.kill('SIGTERM');
      await once(sim, 'exit');
    }
  });
});

async function listeningUrl(child: ChildProcess): Promise<string> {
  let out = '';
  for await (const chunk of child.stdout ?? []) {
    out += String(chunk);
    const url = /^listening (\S+)/m.exec(out)?.[1];
    if (url) return url;
  }
  throw new Error(`obmc sim ended before listening: ${out}`);
}
