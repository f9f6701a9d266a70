/**
 * `hpvm-chatops plan` as an operator runs it: the real bin script against the example fleet, simulated on
 * 127.0.0.1 over real SSH. Nothing may be migrated by it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFleetFile } from '../../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../../src/sim/start-fleet.ts';

const run = promisify(execFile);
const BIN = new URL('../../../bin/hpvm-chatops.js', import.meta.url).pathname;
const EXAMPLE_FLEET = new URL('../../../manifests/fleet.example.yaml', import.meta.url).pathname;

describe('hpvm-chatops plan', () => {
  let dir: string;
  let fleet: RunningFleet;
  let configFile: string;

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plan-cli-'));
    const loaded = await loadFleetFile(EXAMPLE_FLEET);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    fleet = await startFleet(loaded.fleet, { stateDir: join(dir, 'state') });
    configFile = join(dir, 'config.yaml');
    await writeFile(configFile, fleet.configYaml());
  });

  afterAll(async () => {
    await fleet.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('previews an online move that passes every check, exit 0, and migrates nothing', async () => {
    const result = await cli('plan', '--config', configFile, '--', 'oradb01 to vsp2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Result: ready, 1 move in 1 round');
    expect(result.stdout).toContain(
      "✓ hp-precheck: hpvmmigrate -s -o on vsp1: HP's own checks of the online move to vsp2 ran",
    );
    expect(result.stdout).toMatch(
      /on vsp1:\n\s+\S+\/hpvmmigrate -s -o -P oradb01 -h vsp2\n\s+\S+\/hpvmmigrate -o -P oradb01 -h vsp2\n/,
    );
    expect(result.stderr).toBe('');
    expect(fleet.model.whereIs('oradb01')).toBe('vsp1');
    expect(fleet.model.migrationOf('oradb01')).toBeUndefined();
  });

  it('exits 3 with the failed rule and its fix when a check fails', async () => {
    const result = await cli('plan', '--config', configFile, '--', 'sles01 to vsp2 online');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('✗ guest-os: sles01 runs LINUX');
    expect(result.stdout).toContain('fix: use offline migration (downtime): /migrate sles01 to vsp2 offline --stop');
  });

  it('prints the plan as JSON with --json', async () => {
    const result = await cli('plan', '--config', configFile, '--json', '--', 'oradb01 to vsp2');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { ok: boolean; moves: { guest: { name: string }; mode: string }[] };
    expect(plan.ok).toBe(true);
    expect(plan.moves.map((move) => [move.guest.name, move.mode])).toEqual([['oradb01', 'online']]);
  });

  it('exits 2 with a did-you-mean for an unknown VSP', async () => {
    const result = await cli('plan', '--config', configFile, '--', 'oradb01 to vsp7');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`vsp7` is not a VSP of the fleet; did you mean');
  });

  it('exits 2 and lists every problem of a broken config at once', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'fleet:\n  - name: "bad name"\n    address: x\n');
    const result = await cli('plan', '--config', broken, '--', 'oradb01 to vsp2');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fleet.0.name: must match');
    expect(result.stderr).toContain('fleet.0.hostKeySha256:');
    expect(result.stderr).toContain('fleet.0.hpvmVersion:');
  });
});
