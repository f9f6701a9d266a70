import { describe, expect, it } from 'vitest';
import { formatZodProblems } from '../../../../src/config.ts';
import { parseBalanceSnapshot } from '../../../../src/domain/balance/balance-snapshot-schema.ts';
import { host, snapshot, vm } from './balance-builders.ts';

function problems(raw: unknown): string[] {
  const parsed = parseBalanceSnapshot(raw);
  return parsed.ok ? [] : formatZodProblems(parsed.error);
}

describe('parseBalanceSnapshot', () => {
  it('accepts a snapshot (a stale Off copy of a running guest included)', () => {
    const input = snapshot(
      [host('vsp1'), host('vsp2', { maintenance: true })],
      [vm('vm01', 'vsp1', 1.5, { group: 'db', pinned: false }), vm('vm01', 'vsp2', 0, { state: 'Off' })],
    );
    const parsed = parseBalanceSnapshot(input);
    expect(parsed.ok && parsed.snapshot).toEqual(input);
  });

  it('reports every problem at once, field errors and references together', () => {
    const raw = {
      hosts: [host('vsp1', { cpuCores: 0 }), host('vsp1'), { name: 'vsp3' }],
      vms: [
        vm('vm01', 'vsp9', -1),
        { ...vm('bad name', 'vsp1', 1), state: 'Running' },
        vm('vm02', 'vsp1', 1),
        vm('vm02', 'vsp3', 1),
      ],
    };
    expect(problems(raw)).toEqual([
      'hosts.0.cpuCores: Too small: expected number to be >0',
      'hosts.2.cpuCores: Invalid input: expected number, received undefined',
      'hosts.2.memoryMb: Invalid input: expected number, received undefined',
      'hosts.2.cpuFamily: Invalid input: expected number, received undefined',
      'hosts.2.cpuModel: Invalid input: expected number, received undefined',
      'hosts.2.hpvmVersion: Invalid input: expected string, received undefined',
      'vms.0.cpuDemand: Too small: expected number to be >=0',
      'vms.1.name: must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      'vms.1.state: Invalid option: expected one of "On"|"Off"',
      'hosts.1.name: duplicate host vsp1 (also hosts.0)',
      'vms.0.host: unknown host vsp9',
      'vms.3.state: vm02 is On twice (also vms.2)',
    ]);
  });

  it('names a missing top level', () => {
    expect(problems([])).toEqual(['(root): Invalid input: expected object, received array']);
    expect(problems({ hosts: [] })).toEqual(['vms: Invalid input: expected array, received undefined']);
  });
});
