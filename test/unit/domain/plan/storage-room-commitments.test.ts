/**
 * Room across the moves of one plan: a copy planned earlier takes its extents in the target's volume group and
 * its path, so a later move sees what is left (evaluate-move.ts Commitments), in /migrate and in evacuations.
 */
import { describe, expect, it } from 'vitest';
import type { Guest } from '../../../../src/domain/inventory.ts';
import { planEvacuation } from '../../../../src/domain/plan/plan-evacuation.ts';
import { planMigration } from '../../../../src/domain/plan/plan-migration.ts';
import {
  makeDisk,
  makeEvacuateRequest,
  makeGuest,
  makeHost,
  makeMigrateRequest,
  makePlanInput,
  makeVolumeGroup,
} from '../../../support/builders.ts';

/** HPVM 4.0: hpvmmigrate copies the lvol with -m … -C. */
const VERSION = '4.0';

function lvGuest(name: string, lvol = `${name}disk`): Guest {
  return makeGuest({ name, state: 'Off', storage: [makeDisk({ backing: 'lv', path: `/dev/vg01/r${lvol}` })] });
}

/** The source lists each guest's lvol at 2048 MB. */
function source(name: string, guests: readonly Guest[]) {
  const lvols = guests.map((guest) => ({ name: (guest.storage?.[0]?.path ?? '').replace('/r', '/'), sizeMb: 2048 }));
  return makeHost(name, { version: VERSION, guests, inventory: { volumeGroups: [makeVolumeGroup(0, lvols)] } });
}

/** 200 extents of 16 MB: 3200 MB, room for one 2048 MB lvol, not two. */
const roomForOne = (name: string) =>
  makeHost(name, { version: VERSION, inventory: { volumeGroups: [makeVolumeGroup(200)] } });

describe('storage copies counted across the moves of a plan', () => {
  it('refuses the second copy into a volume group with room for one, with the figures and the first move', () => {
    const input = makePlanInput({ hosts: [source('vsp1', [lvGuest('g1'), lvGuest('g2')]), roomForOne('vsp2')] });
    const plan = planMigration(makeMigrateRequest({ guests: ['g1', 'g2'], mode: 'offline' }), input);

    expect(plan.moves.map((move) => move.guest.name)).toEqual(['g1']);
    expect(plan.moves[0]?.storageCopies?.[0]?.room).toEqual({ on: '/dev/vg01', freeMb: 3200 });
    const check = plan.blocked[0]?.checks.find((candidate) => candidate.rule === 'storage-copy');
    expect(plan.blocked[0]?.guest).toBe('g2');
    expect(check?.ok).toBe(false);
    expect(check?.detail).toBe(
      '/dev/vg01 on vsp2 has 3200 MB free (200 extents of 16 MB), 2048 MB of it taken by earlier moves of this plan (g1: /dev/vg01/rg1disk 2048 MB), so 1152 MB left; /dev/vg01/rg2disk needs 2048 MB',
    );
    expect(check?.fix).toMatch(/^extend \/dev\/vg01 on vsp2 by 896 MB \(vgextend\)/);
  });

  it('passes both when the group has room for both, the second seeing what the first left', () => {
    const roomForTwo = makeHost('vsp2', { version: VERSION, inventory: { volumeGroups: [makeVolumeGroup(256)] } });
    const input = makePlanInput({ hosts: [source('vsp1', [lvGuest('g1'), lvGuest('g2')]), roomForTwo] });
    const plan = planMigration(makeMigrateRequest({ guests: ['g1', 'g2'], mode: 'offline' }), input);

    expect(plan.blocked).toEqual([]);
    expect(plan.moves.map((move) => move.storageCopies?.[0]?.room.freeMb)).toEqual([4096, 2048]);
  });

  it('refuses a second move that copies to the same target path', () => {
    const input = makePlanInput({
      hosts: [
        source('vsp1', [lvGuest('g1', 'lvol1')]),
        makeHost('vsp2', { version: VERSION, inventory: { volumeGroups: [makeVolumeGroup(1000)] } }),
        source('vsp3', [lvGuest('g2', 'lvol1')]),
      ],
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['g1', 'g2'], mode: 'offline' }), input);

    expect(plan.moves.map((move) => move.guest.name)).toEqual(['g1']);
    const check = plan.blocked[0]?.checks.find((candidate) => candidate.rule === 'storage-copy');
    expect(check?.detail).toBe(
      'g1, moved earlier in this plan, already takes vsp2:/dev/vg01/rlvol1 (from /dev/vg01/rlvol1)',
    );
    expect(check?.fix).toBe(
      'map /dev/vg01/rlvol1 to another path in the storageMap of vsp2, or move g2 in a plan of its own once g1 has moved',
    );
  });

  it('spreads an evacuation over the targets with room instead of overfilling one', () => {
    const guests = [lvGuest('g1'), lvGuest('g2')];
    const one = planEvacuation(
      makeEvacuateRequest('vsp1', ['vsp2']),
      makePlanInput({ hosts: [source('vsp1', guests), roomForOne('vsp2')] }),
    );
    expect(one.moves.map((move) => move.guest.name)).toEqual(['g1']);
    expect(one.blocked.map((blocked) => blocked.guest)).toEqual(['g2']);
    expect(one.blocked[0]?.checks.find((check) => check.rule === 'storage-copy')?.detail).toContain(
      '2048 MB of it taken by earlier moves of this plan (g1: /dev/vg01/rg1disk 2048 MB)',
    );

    const two = planEvacuation(
      makeEvacuateRequest('vsp1', ['vsp2', 'vsp3']),
      makePlanInput({ hosts: [source('vsp1', guests), roomForOne('vsp2'), roomForOne('vsp3')] }),
    );
    expect(two.blocked).toEqual([]);
    expect(two.moves.map((move) => `${move.guest.name}→${move.target}`)).toEqual(['g1→vsp2', 'g2→vsp3']);
  });
});
