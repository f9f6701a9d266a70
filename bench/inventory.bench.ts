/**
 * `npm run bench:inventory`: the bot's inventory of a simulated fleet of 200 VSPs × 20 guests
 * (configurable: --vsps, --guests, --runs) over real SSH, exactly as `plan` and the bot read it:
 * SshRemoteShell + collectInventory, every guest's devices included.
 *
 * The simulated fleet runs in its own process (`hpvm-chatops sim`), as real VSPs would be other machines;
 * this process is the bot. Reported: wall time of each full inventory, and the peak RSS of this process.
 * Target (issue 2): under 5 s and under 300 MB on a 2-core machine.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { collectInventory } from '../src/app/collect-inventory.ts';
import { inventoryTarget } from '../src/app/inventory-targets.ts';
import { loadFleet } from '../src/cli/load-fleet.ts';
import { systemClock } from '../src/ports.ts';
import { generateFleet } from '../src/sim/generate-fleet.ts';

const { values } = parseArgs({
  options: {
    vsps: { type: 'string', default: '200' },
    guests: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
  },
});
const vspCount = Number(values.vsps);
const guestsPerVsp = Number(values.guests);
const runs = Number(values.runs);

const dir = await mkdtemp(join(tmpdir(), 'bench-inventory-'));
const fleetFile = join(dir, 'fleet.yaml');
const configFile = join(dir, 'config.yaml');
await writeFile(fleetFile, stringify(generateFleet({ vsps: vspCount, guestsPerVsp, seed: 42 })));

const bin = new URL('../bin/hpvm-chatops.js', import.meta.url).pathname;
const sim = spawn(
  process.execPath,
  [bin, 'sim', '--fleet', fleetFile, '--state-dir', join(dir, 'state'), '--config-out', configFile],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise<void>((resolve, reject) => {
  let output = '';
  sim.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Ctrl-C stops')) resolve();
  });
  sim.on('exit', (code) => reject(new Error(`sim exited with ${code}`)));
});

try {
  const loaded = await loadFleet(configFile, {});
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const { config, templates, shell } = loaded.fleet;
  const targets = config.fleet.map((vsp) => inventoryTarget(vsp, templates));
  const times: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const started = performance.now();
    const snapshot = await collectInventory(shell, targets, systemClock);
    const elapsed = performance.now() - started;
    times.push(elapsed);
    const guests = snapshot.vsps.reduce((sum, vsp) => sum + vsp.guests.length, 0);
    const withDevices = snapshot.vsps.reduce((sum, vsp) => sum + vsp.guests.filter((g) => g.storage).length, 0);
    const errors = snapshot.issues.filter((issue) => issue.severity === 'error').length;
    console.log(
      `run ${run}: ${(elapsed / 1000).toFixed(2)} s  vsps=${snapshot.vsps.length} failures=${snapshot.failures.length} ` +
        `guests=${guests} withDevices=${withDevices} parseErrors=${errors} warnings=${snapshot.issues.length - errors}` +
        `${run === 1 ? ' (cold: includes SSH handshakes)' : ' (connections reused)'}`,
    );
    if (snapshot.failures.length > 0 || guests !== vspCount * guestsPerVsp || errors > 0) {
      console.error(snapshot.failures.slice(0, 3), snapshot.issues.slice(0, 3));
      throw new Error('inventory incomplete: the benchmark measures a complete inventory only');
    }
  }
  await shell.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `\n${vspCount} VSPs × ${guestsPerVsp} guests, ${runs} runs on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`,
  );
  console.log(`wall time: cold ${(times[0]! / 1000).toFixed(2)} s, best ${(Math.min(...times) / 1000).toFixed(2)} s`);
  console.log(`peak RSS of the bot process: ${peakRssMb.toFixed(0)} MB`);
} finally {
  sim.kill('SIGINT');
  await new Promise((resolve) => sim.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });
}
