// CLI start-up: `obmc power status` against a local simulator (HTTPS, its CA) and `obmc --version`,
// each a whole process of the compiled bin (dist/, as `npm ci` builds it and users install it),
// beside `node -e 0` in the same run. Runs are interleaved so load changes hit all three alike.
// Peak RSS comes from each child itself (process.resourceUsage().maxRSS at exit, through a
// preload every row gets). Run: npx tsx bench/cli-startup.ts [runs]   (prints one JSON line)

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSimulator } from '../simulator/index.ts';

const runs = Number(process.argv[2] ?? 15);
const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/cli/entry.js');
if (!existsSync(bin)) throw new Error('dist/cli/entry.js is missing: npm run build first');

const dir = mkdtempSync(join(tmpdir(), 'obmc-startup-'));
const ca = join(dir, 'ca.pem');
const rssFile = join(dir, 'rss');
const preload = join(dir, 'peak-rss.mjs');
writeFileSync(
  preload,
  `import { appendFileSync } from 'node:fs';
process.on('exit', () => appendFileSync(${JSON.stringify(rssFile)}, process.resourceUsage().maxRSS + '\\n'));
`,
);

const sim = await startSimulator({ port: 0, timing: 'instant' });
writeFileSync(ca, sim.caCertPem ?? '');
const env = {
  ...process.env,
  OPENBMC_ADDRESS: sim.url,
  OPENBMC_USERNAME: 'root',
  OPENBMC_PASSWORD: '0penBmc',
};

const rows = {
  'node -e 0': ['-e', '0'],
  'obmc --version': [bin, '--version'],
  'obmc power status': [bin, 'power', 'status', '--ca', ca],
} as const;
type Row = keyof typeof rows;
const samples = Object.fromEntries(
  Object.keys(rows).map((r) => [r, { ms: [], kib: [] }]),
) as unknown as Record<Row, { ms: number[]; kib: number[] }>;

for (let i = 0; i < runs; i++) {
  for (const [row, args] of Object.entries(rows) as [Row, readonly string[]][]) {
    rmSync(rssFile, { force: true });
    const t0 = performance.now();
    const { stdout } = await run(process.execPath, ['--import', preload, ...args], { env });
    samples[row].ms.push(performance.now() - t0);
    samples[row].kib.push(Number(readFileSync(rssFile, 'utf8').trim()));
    if (row === 'obmc power status' && stdout !== 'power off\n') throw new Error(`unexpected: ${stdout}`);
  }
}
await sim.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const base = median(samples['node -e 0'].ms);
const result = Object.fromEntries(
  Object.entries(samples).map(([row, s]) => [
    row,
    {
      wallMs: Math.round(median(s.ms)),
      peakRssMiB: Math.round((median(s.kib) / 1024) * 10) / 10,
      xNode: Math.round((median(s.ms) / base) * 100) / 100,
    },
  ]),
);
console.log(JSON.stringify({ bench: 'cli-startup', runs, rows: result }));
