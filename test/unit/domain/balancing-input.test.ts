import { describe, expect, it } from 'vitest';
import { balancingInput } from '../../../src/domain/balancing-input.ts';
import { guestFootprintMb } from '../../../src/domain/rules/target-memory.ts';
import { makeDisk, makeGuest, makeSnapshot, makeVsp, makeVspSettings } from '../../support/builders.ts';

describe('balancingInput', () => {
  const guests = [
    makeGuest({ name: 'hpux1', vcpus: 4, cpuUsagePct: 50 }),
    makeGuest({ name: 'linux1', os: 'LINUX', cpuUsagePct: 10 }),
    makeGuest({ name: 'lvol1', storage: [makeDisk({ backing: 'lv', backingText: 'lv', path: '/dev/vg01/rlvol1' })] }),
    makeGuest({ name: 'vpar1', kind: 'vpar' }),
    makeGuest({ name: 'stale1', state: 'NotRunnable', stateText: 'Off (NR)' }),
    makeGuest({ name: 'off1', state: 'Off', stateText: 'Off' }),
  ];
  const snapshot = makeSnapshot([
    makeVsp({ name: 'vsp1', guests }),
    makeVsp({ name: 'vsp2', cpu: { description: '?', cores: 8 } }),
  ]);
  const vsps = [makeVspSettings({ name: 'vsp1' }), makeVspSettings({ name: 'vsp2', maintenance: true })];

  const input = balancingInput(snapshot, vsps, { pinned: ['linux1'], antiAffinityGroups: { db: ['hpux1', 'off1'] } });

  it('gives CPU demand in cores and memory with HP’s overhead', () => {
    const hpux = input.vms.find((vm) => vm.name === 'hpux1');
    expect(hpux).toMatchObject({ host: 'vsp1', cpuDemand: 2, state: 'On', onlineEligible: true, group: 'db' });
    expect(hpux?.memoryMb).toBe(guestFootprintMb({ vcpus: 4, memoryMb: hpux ? guests[0]!.memoryMb : 0 }));
  });

  it('judges online eligibility with the preview’s rules, and leaves stale copies out', () => {
    const eligible = Object.fromEntries(input.vms.map((vm) => [vm.name, vm.onlineEligible]));
    expect(eligible).toEqual({ hpux1: true, linux1: false, lvol1: false, vpar1: false, off1: false });
    expect(input.vms.find((vm) => vm.name === 'linux1')?.pinned).toBe(true);
  });

  it('keeps maintenance, and gives an unknown processor a family compatible with nothing', () => {
    const vsp2 = input.hosts.find((host) => host.name === 'vsp2');
    expect(vsp2?.maintenance).toBe(true);
    expect(vsp2?.cpuFamily).toBeLessThan(0);
    expect(vsp2?.cpuFamily).not.toBe(input.hosts.find((host) => host.name === 'vsp1')?.cpuFamily);
  });
});
