/**
 * `hpvm-chatops balance` as an operator runs it: the real bin script in a child process on a snapshot
 * file, its stdout and exit code (DESIGN §6).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../../../bin/hpvm-chatops.js', import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const HOST = { cpuCores: 8, memoryMb: 65536, cpuFamily: 32, cpuModel: 1, hpvmVersion: '6.3' };
const GUEST = { vcpus: 2, memoryMb: 4096, state: 'On', onlineEligible: true };
const SNAPSHOT = {
  hosts: [
    { name: 'vsp1', ...HOST },
    { name: 'vsp2', ...HOST },
    { name: 'vsp3', ...HOST, maintenance: true },
  ],
  vms: [
    { name: 'web01', host: 'vsp1', cpuDemand: 4, ...GUEST },
    { name: 'db01', host: 'vsp1', cpuDemand: 4, ...GUEST, pinned: true },
    { name: 'old01', host: 'vsp2', cpuDemand: 0, ...GUEST, state: 'Off' },
  ],
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'balance-cli-'));
  await writeFile(join(dir, 'snapshot.json'), JSON.stringify(SNAPSHOT));
  await writeFile(
    join(dir, 'invalid.json'),
    JSON.stringify({ hosts: [{ name: 'vsp1', ...HOST, cpuCores: -8 }], vms: [{ name: 'x', host: 'nowhere' }] }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hpvm-chatops balance', () => {
  it('prints the plan as DESIGN §6 JSON with --json and exits 0', async () => {
    const result = await cli('balance', '--snapshot', join(dir, 'snapshot.json'), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      moves: [{ vm: 'web01', from: 'vsp1', to: 'vsp2', mode: 'online', round: 1 }],
      before: { cpuStdDev: 0.5, maxCpuLoad: 1 },
      after: { cpuStdDev: 0, maxCpuLoad: 0.5 },
    });
  });

  it('prints a table, the moves with reasons and the figures without --json', async () => {
    const result = await cli('balance', '--snapshot', join(dir, 'snapshot.json'), '--max-moves', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'host  cores  before                      after',
        'vsp1      8  100% ████████████████████    50% ██████████·········· ',
        'vsp2      8    0% ····················    50% ██████████·········· ',
        'vsp3      8    0% ····················     0% ····················   (maintenance)',
        '',
        '1 online move(s) in 1 round(s) (each VSP in at most one move per round):',
        '  round 1  web01  vsp1 → vsp2   vsp1 100% → 50%, vsp2 0% → 50%',
        '',
        'cpu load sd 0.5000 → 0.0000, max 100% → 50%',
        '',
      ].join('\n'),
    );
  });

  it('lists every problem of an invalid snapshot and exits 2', async () => {
    const result = await cli('balance', '--snapshot', join(dir, 'invalid.json'), '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('invalid snapshot');
    for (const problem of [
      'hosts.0.cpuCores: Too small: expected number to be >0',
      'vms.0.vcpus: Invalid input: expected number, received undefined',
      'vms.0.state: Invalid option: expected one of "On"|"Off"',
      'vms.0.host: unknown host nowhere',
    ]) {
      expect(result.stderr).toContain(`  ${problem}\n`);
    }
  });

  it('refuses a missing --snapshot or a bad --max-moves with the usage line, exit 2', async () => {
    const missing = await cli('balance');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: hpvm-chatops balance --snapshot <file.json>');
    const bad = await cli('balance', '--snapshot', join(dir, 'snapshot.json'), '--max-moves', 'many');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--max-moves must be a whole number ≥ 0, not 'many'");
  });
});
