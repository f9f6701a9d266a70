import { describe, expect, it } from 'vitest';
import type { Guest, GuestOs } from '../../../../src/domain/inventory.ts';
import {
  checkGuestKind,
  checkGuestOs,
  checkOnlineMigrationEnabled,
  checkStorageBacking,
} from '../../../../src/domain/rules/check-online-eligibility.ts';
import { makeDisk, makeGuest } from '../../../support/builders.ts';

const offlineFix = 'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop';

describe('checkGuestKind', () => {
  it.each<[Guest['kind'], boolean]>([
    ['vm', true],
    ['vpar', false],
  ])('%s → ok %s', (kind, ok) => {
    const check = checkGuestKind(makeGuest({ kind }), 'vsp2');
    expect(check.ok).toBe(ok);
    if (!ok) expect(check).toMatchObject({ detail: 'vm01 is a vPar: vPars migrate offline only', fix: offlineFix });
  });
});

describe('checkGuestOs', () => {
  it.each<[GuestOs, boolean]>([
    ['HPUX', true],
    ['OVMS', true],
    ['LINUX', false],
    ['WINDOWS', false],
    ['UNKNOWN', false],
  ])('%s → ok %s', (os, ok) => {
    const check = checkGuestOs(makeGuest({ os }), 'vsp2');
    expect(check.ok).toBe(ok);
    if (!ok)
      expect(check).toMatchObject({ detail: `vm01 runs ${os}: online migration needs HPUX or OVMS`, fix: offlineFix });
  });

  it('suggests offline without --stop for a stopped guest', () => {
    expect(checkGuestOs(makeGuest({ os: 'LINUX', state: 'Off' }), 'vsp2').fix).toBe(
      'use offline migration: /migrate vm01 to vsp2 offline',
    );
  });
});

describe('checkOnlineMigrationEnabled', () => {
  it.each([
    [undefined, true, 'online_migration of vm01 is not known; hpvmmigrate -s checks it'],
    [true, true, 'online_migration is enabled for vm01'],
    [false, false, 'online_migration is disabled for vm01'],
  ])('%s → ok %s', (onlineMigrationEnabled, ok, detail) => {
    const guest = onlineMigrationEnabled === undefined ? makeGuest() : makeGuest({ onlineMigrationEnabled });
    const check = checkOnlineMigrationEnabled(guest, 'vsp2');
    expect(check).toMatchObject({ rule: 'online-migration-enabled', ok, detail });
    if (!ok) expect(check.fix).toContain('hpvmmodify -P vm01 -x online_migration=enabled');
  });
});

describe('checkStorageBacking', () => {
  const dvd = (backing: 'null' | 'file' | 'disk', path = '/var/opt/hpvm/ISO-images/hpux.iso') =>
    makeDisk({ device: 'dvd', backing, backingText: backing, path });

  it.each([
    ['whole SAN disks', [makeDisk(), makeDisk({ bus: '0,1,1' })], 'disk on disk, disk on disk: all online-capable'],
    ['an ejected DVD', [makeDisk(), dvd('null')], 'disk on disk, dvd (ejected): all online-capable'],
    ['a physical DVD drive', [dvd('disk', '/dev/rdsk/c1t4d0')], 'dvd on disk: all online-capable'],
    ['no storage', [], 'vm01 has no storage devices'],
  ])('passes %s', (_label, storage, detail) => {
    expect(checkStorageBacking(makeGuest({ storage }), 'vsp2')).toEqual({ rule: 'storage-backing', ok: true, detail });
  });

  it.each([
    [
      'an lv backing',
      [makeDisk(), makeDisk({ backing: 'lv' })],
      'disk on lv /dev/vg01/rlvol1: online migration needs whole SAN disks',
      offlineFix,
    ],
    [
      'a file backing',
      [makeDisk({ backing: 'file', path: '/vm/disk.img' })],
      'disk on file /vm/disk.img: online migration needs whole SAN disks',
      offlineFix,
    ],
    [
      'an other backing',
      [makeDisk({ backing: 'other', backingText: 'tape', path: '/dev/rtape/tape1' })],
      'disk on tape /dev/rtape/tape1: online migration needs whole SAN disks',
      offlineFix,
    ],
    [
      'an inserted file-backed DVD',
      [makeDisk(), dvd('file')],
      'file-backed DVD /var/opt/hpvm/ISO-images/hpux.iso is inserted: online migration needs whole SAN disks',
      `eject the DVD (/var/opt/hpvm/ISO-images/hpux.iso) and plan again, or ${offlineFix}`,
    ],
    [
      'an inserted DVD next to an lv',
      [dvd('file'), makeDisk({ backing: 'lv' })],
      'file-backed DVD /var/opt/hpvm/ISO-images/hpux.iso is inserted; disk on lv /dev/vg01/rlvol1: online migration needs whole SAN disks',
      offlineFix,
    ],
  ])('refuses %s', (_label, storage, detail, fix) => {
    expect(checkStorageBacking(makeGuest({ storage }), 'vsp2')).toEqual({
      rule: 'storage-backing',
      ok: false,
      detail,
      fix,
    });
  });

  it('refuses when the devices were not collected', () => {
    const { storage: _storage, ...guest } = makeGuest();
    expect(checkStorageBacking(guest, 'vsp2')).toEqual({
      rule: 'storage-backing',
      ok: false,
      detail: 'the devices of vm01 were not collected (hpvmstatus -P vm01 -d)',
      fix: 'retry when the inventory has its device list',
    });
  });
});
