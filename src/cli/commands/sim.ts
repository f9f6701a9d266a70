/**
 * `hpvm-chatops sim --fleet <file> [--state-dir .sim] [--config-out <file>] [--speed <factor>]`: simulated
 * VSPs on 127.0.0.1 until interrupted, and a config file the bot can use against them (README.md, "Command line").
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFleetFile } from '../../sim/fleet-file.ts';
import { startFleet } from '../../sim/start-fleet.ts';
import { EXIT, type CliIo } from '../cli-io.ts';

const USAGE = `usage: hpvm-chatops sim --fleet <file> [--state-dir .sim] [--config-out <state-dir>/config.yaml] [--speed <factor>]
example: hpvm-chatops sim --fleet manifests/fleet.example.yaml --speed 20
`;

export async function simCommand(argv: string[], io: CliIo): Promise<number> {
  let values: { fleet?: string; 'state-dir': string; 'config-out'?: string; speed?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        fleet: { type: 'string' },
        'state-dir': { type: 'string', default: '.sim' },
        'config-out': { type: 'string' },
        speed: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`hpvm-chatops sim: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.fleet === undefined) {
    io.stderr(`hpvm-chatops sim: --fleet is required\n${USAGE}`);
    return EXIT.usage;
  }
  const speedFactor = values.speed === undefined ? undefined : Number(values.speed);
  if (speedFactor !== undefined && !(Number.isFinite(speedFactor) && speedFactor > 0)) {
    io.stderr(`hpvm-chatops sim: --speed must be a positive number, got '${values.speed}'\n${USAGE}`);
    return EXIT.usage;
  }
  const loaded = await loadFleetFile(values.fleet);
  if (!loaded.ok) {
    io.stderr(loaded.problems.map((problem) => `${problem}\n`).join(''));
    return EXIT.usage;
  }

  const stateDir = resolve(values['state-dir']);
  const fleet = await startFleet(loaded.fleet, { stateDir, ...(speedFactor === undefined ? {} : { speedFactor }) });
  try {
    const configPath = resolve(values['config-out'] ?? join(stateDir, 'config.yaml'));
    await mkdir(dirname(configPath), { recursive: true });
    await writeFile(configPath, fleet.configYaml(), { mode: 0o600 });
    const width = Math.max(...fleet.vsps.map((vsp) => vsp.name.length));
    for (const vsp of fleet.vsps) {
      io.stdout(`${vsp.name.padEnd(width)}  ${`127.0.0.1:${vsp.port}`.padEnd(15)}  ${vsp.fingerprint}\n`);
    }
    io.stdout(`\nconfig: ${configPath}\n`);
    io.stdout(
      `try:    node bin/hpvm-chatops.js plan --config ${configPath} -- "${exampleRequest(loaded.fleet.vsps)}"\n`,
    );
    io.stdout('Ctrl-C stops the simulated fleet.\n');
    await io.interrupted;
  } finally {
    await fleet.close();
  }
  return EXIT.ok;
}

/** A request that names a real running guest and another VSP of this fleet. */
function exampleRequest(vsps: readonly { name: string; guests: readonly { name: string; state: string }[] }[]): string {
  const source = vsps.find((vsp) => vsp.guests.some((guest) => guest.state === 'On')) ?? vsps[0];
  const guest = source?.guests.find((candidate) => candidate.state === 'On') ?? source?.guests[0];
  const target = vsps.find((vsp) => vsp !== source);
  return `${guest?.name ?? 'vm01'} to ${target?.name ?? 'vsp2'}`;
}
