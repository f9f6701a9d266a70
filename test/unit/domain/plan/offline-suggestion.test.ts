/**
 * An online refusal that points at an offline move only does so when that move would pass (issue 9: "no
 * refusal message suggests a move that would fail"), storage copy included.
 */
import { describe, expect, it } from 'vitest';
import { planMigration } from '../../../../src/domain/plan/plan-migration.ts';
import {
  makeDisk,
  makeVolumeGroup,
  makeGuest,
  makeHost,
  makeMigrateRequest,
  makePlanInput,
} from '../../../support/builders.ts';

const lvDisk = makeDisk({ backing: 'lv', path: '/dev/vg01/rdb01' });
const linuxOnLvol = makeGuest({ name: 'db01', os: 'LINUX', state: 'Off', storage: [lvDisk] });
const vg = makeVolumeGroup;

function fixOfOnlineRefusal(version: string, targetFreePe: number): string {
  const input = makePlanInput({
    hosts: [
      makeHost('vsp1', {
        version,
        guests: [linuxOnLvol],
        inventory: { volumeGroups: [vg(0, [{ name: '/dev/vg01/db01', sizeMb: 2048 }])] },
      }),
      makeHost('vsp2', { version, inventory: { volumeGroups: [vg(targetFreePe)] } }),
    ],
  });
  const plan = planMigration(makeMigrateRequest({ guests: ['db01'], mode: 'online' }), input);
  const check = plan.blocked[0]?.checks.find((candidate) => candidate.rule === 'guest-os');
  expect(check?.ok).toBe(false);
  return check?.fix ?? '';
}

describe('the offline alternative of an online refusal', () => {
  it('is suggested, with the copy, where hpvmmigrate copies the lvol and the target has room', () => {
    expect(fixOfOnlineRefusal('4.0', 1000)).toBe(
      'use offline migration: /migrate db01 to vsp2 offline; the offline move copies its lvol storage (/dev/vg01/rdb01) to vsp2',
    );
  });

  it('is not suggested when the target has no room for the copy', () => {
    expect(fixOfOnlineRefusal('4.0', 10)).toMatch(
      /^an offline move would fail too \(.*needs 2048 MB.*\): fix that first$/,
    );
  });

  it('is not suggested on a version whose hpvmmigrate documents no storage copy', () => {
    const fix = fixOfOnlineRefusal('4.3', 1000);
    expect(fix).toMatch(/^an offline move would fail too \(/);
    expect(fix).not.toContain('/migrate db01');
  });
});
