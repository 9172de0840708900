// `obmc sim`: start simulated BMCs and keep them up until interrupted.

import { readFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ProfileName } from '../../protocol/index.ts';
import { parseFaultFile } from '../../simulator/faults/definitions.ts';
import { loadFleetFile } from '../../simulator/fleet.ts';
import { createLogger } from '../../simulator/logger.ts';
import { TIMINGS, type Timing } from '../../simulator/options.ts';
import { startSimulator } from '../../simulator/server.ts';
import type { CliIo } from '../io.ts';

export const parseInteger = (name: string) => (value: string) => {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be an integer.`);
  return Number(value);
};

interface SimFlags {
  host: string;
  port: number;
  http?: boolean;
  profile: string;
  timing: Timing;
  seed?: number;
  username: string;
  password: string;
  nodes: number;
  manualClock?: boolean;
  state?: string;
  fleet?: string;
  faults?: string;
  logLevel: string;
}

export function registerSimCommand(program: Command, io: CliIo): void {
  program
    .command('sim')
    .description('run simulated OpenBMC BMCs (HTTPS with a self-signed certificate by default)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port of the first BMC (0 = free ports)', parseInteger('--port'), 2443)
    .option('--http', 'serve plain HTTP instead of HTTPS')
    .addOption(new Option('--profile <name>', 'firmware profile').choices(ProfileName).default('bmcweb-2021'))
    .addOption(new Option('--timing <speed>', 'transition speed').choices(TIMINGS).default('realistic'))
    .option('--seed <n>', 'reproducible tokens and sensor values (tests only)', parseInteger('--seed'))
    .option('--username <name>', 'BMC account name', 'root')
    .option('--password <password>', 'BMC account password', '0penBmc')
    .option('--nodes <n>', 'how many BMCs to serve', parseInteger('--nodes'), 1)
    .option('--manual-clock', 'simulated time moves only through POST /_sim/clock/advance')
    .option('--fleet <file>', 'JSON file giving each BMC its profile, credentials, timing and seed')
    .option('--faults <file>', 'JSON array of faults to inject at start (see the README)')
    .option('--state <file>', 'keep settings, accounts and power state across restarts in this JSON file')
    .addOption(
      new Option('--log-level <level>', 'request log level (stderr)')
        .choices(['silent', 'error', 'info', 'debug'])
        .default('info'),
    )
    .action(async (flags: SimFlags) => {
      const fleet = flags.fleet === undefined ? undefined : await loadFleetFile(flags.fleet);
      const faults =
        flags.faults === undefined ? [] : parseFaultFile(await readFile(flags.faults, 'utf8'), flags.faults);
      const sim = await startSimulator({
        ...(fleet === undefined ? {} : { fleet }),
        faults,
        host: flags.host,
        port: flags.port,
        http: flags.http ?? false,
        profile: flags.profile,
        timing: flags.timing,
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        username: flags.username,
        password: flags.password,
        nodes: flags.nodes,
        manualClock: flags.manualClock ?? false,
        // Over HTTP is the only way to advance this clock, also while a BMC reboots.
        controlWhileDown: flags.manualClock ?? false,
        ...(flags.state === undefined ? {} : { stateFile: flags.state }),
        logger: createLogger(flags.logLevel),
      });
      for (const [i, url] of sim.urls.entries())
        io.stdout(`listening ${url} profile=${sim.nodes[i]?.profile.name}\n`);
      await io.interrupted;
      await sim.close();
    });
}
