import { describe, expect, it } from 'vitest';
import { checkMemoryFit } from '../../../../src/domain/rules/check-memory-fit.ts';
import { offlineRoute } from '../../../../src/domain/rules/offline-fix.ts';
import { guestFootprintMb, guestOverheadMb, targetMemory } from '../../../../src/domain/rules/target-memory.ts';
import { makeGuest, makeVsp } from '../../../support/builders.ts';

describe('guestOverheadMb (HP 6.3: vCPUs × memory × 0.4 % + 64 MB)', () => {
  it.each([
    [4, 16384, 327], // HP's example: "~320 MB"
    [1, 1024, 69],
    [2, 4096, 97],
    [8, 65536, 2162],
  ])('%i vCPUs, %i MB → %i MB', (vcpus, memoryMb, expected) => {
    expect(guestOverheadMb(vcpus, memoryMb)).toBe(expected);
  });
});

describe('targetMemory', () => {
  it('subtracts reserved memory, running guests (and guests in other states), and planned moves', () => {
    const inventory = makeVsp({
      name: 'vsp2',
      memoryMb: 65536,
      guests: [
        makeGuest({ name: 'a', state: 'On', vcpus: 2, memoryMb: 4096 }),
        makeGuest({ name: 'b', state: 'Other', vcpus: 1, memoryMb: 1024 }),
        makeGuest({ name: 'c', state: 'Off', memoryMb: 8192 }),
        makeGuest({ name: 'd', state: 'NotRunnable', memoryMb: 8192 }),
      ],
    });
    expect(targetMemory(inventory, 4096, 1000)).toEqual({
      vsp: 'vsp2',
      totalMb: 65536,
      reservedMb: 4096,
      runningMb: 4096 + 97 + 1024 + 69,
      committedMb: 1000,
      freeMb: 65536 - 4096 - (4096 + 97 + 1024 + 69) - 1000,
    });
  });
});

describe('checkMemoryFit', () => {
  const guest = makeGuest({ vcpus: 2, memoryMb: 4096 }); // needs 4193 MB
  const needed = guestFootprintMb(guest);
  const offline = offlineRoute(guest, 'vsp2');
  const memoryWithFree = (freeMb: number) => targetMemory(makeVsp({ name: 'vsp2', memoryMb: 4096 + freeMb }), 4096, 0);

  it.each([
    ['plenty', 60000, true],
    ['exactly at the limit', needed, true],
    ['one MB short', needed - 1, false],
    ['nothing free', 0, false],
  ])('%s → ok %s', (_label, free, ok) => {
    expect(checkMemoryFit(guest, memoryWithFree(free), offline).ok).toBe(ok);
  });

  it('shows the arithmetic', () => {
    expect(checkMemoryFit(guest, memoryWithFree(needed - 1), offline)).toEqual({
      rule: 'memory-fit',
      ok: false,
      detail:
        'vm01 needs 4193 MB (4096 + 97 overhead); vsp2 has 4192 MB free for guests (8288 total − 4096 reserved − 0 running guests − 0 planned): 1 MB short',
      fix: 'choose a target with more free memory, free memory on vsp2, or move vm01 without starting it there: /migrate vm01 to vsp2 offline --stop',
    });
  });

  it('counts memory committed by earlier moves of the plan', () => {
    const inventory = makeVsp({ name: 'vsp2', memoryMb: 4096 + needed });
    expect(checkMemoryFit(guest, targetMemory(inventory, 4096, 0), offline).ok).toBe(true);
    expect(checkMemoryFit(guest, targetMemory(inventory, 4096, 1), offline).ok).toBe(false);
  });
});
