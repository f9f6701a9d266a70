import { describe, expect, it } from 'vitest';
import type { Guest, GuestOs, StorageDevice } from '../../../../src/domain/inventory.ts';
import type { MigrationMode } from '../../../../src/domain/request.ts';
import {
  checkGuestKind,
  checkGuestOs,
  checkOnlineMigrationEnabled,
  checkStorageBacking,
} from '../../../../src/domain/rules/check-online-eligibility.ts';
import type { DeviceContext } from '../../../../src/domain/rules/device-findings.ts';
import { offlineRoute } from '../../../../src/domain/rules/offline-fix.ts';
import { makeDisk, makeGuest } from '../../../support/builders.ts';

const offlineFix = 'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop';
const context = (source = '4.3', target = '4.3'): DeviceContext => ({
  vsp: 'vsp1',
  sourceVersion: source,
  target: { vsp: 'vsp2', version: target },
});
const route = (guest: Guest, devices: DeviceContext = context()) => offlineRoute(guest, 'vsp2', devices);
const storageCheck = (guest: Guest, mode: MigrationMode = 'online', devices: DeviceContext = context()) =>
  checkStorageBacking(guest, mode, devices, route(guest, devices));

const dvd = (backing: 'null' | 'file' | 'disk', path = '/var/opt/hpvm/ISO-images/hpux.iso'): StorageDevice =>
  makeDisk({ device: 'dvd', bus: '0,0,1', adaptor: 'scsi', backing, backingText: backing, path });
const hostDvd = (): StorageDevice => ({ ...dvd('disk', '/dev/rdsk/c1t4d0'), hostDevice: true });
const npiv = (): StorageDevice =>
  makeDisk({ device: 'hba', bus: '1,1', backing: 'npiv', backingText: 'npiv', path: '/dev/fcd0' });
const tape = (): StorageDevice =>
  makeDisk({
    device: 'tape',
    adaptor: 'scsi',
    bus: '0,4,0',
    backing: 'other',
    backingText: 'attach',
    path: '/dev/pt/pt_tape1',
    hostDevice: true,
  });
const unreadRow = {
  position: 3,
  line: 'disk:avio_stor:0,1,1:weird:/dev/x',
  reason: "unknown backing 'weird'",
};

describe('checkGuestKind', () => {
  it.each<[Guest['kind'], boolean]>([
    ['vm', true],
    ['vpar', false],
  ])('%s → ok %s', (kind, ok) => {
    const guest = makeGuest({ kind });
    const check = checkGuestKind(guest, route(guest));
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
    const guest = makeGuest({ os });
    const check = checkGuestOs(guest, route(guest));
    expect(check.ok).toBe(ok);
    if (!ok)
      expect(check).toMatchObject({ detail: `vm01 runs ${os}: online migration needs HPUX or OVMS`, fix: offlineFix });
  });

  it('suggests offline without --stop for a stopped guest', () => {
    const guest = makeGuest({ os: 'LINUX', state: 'Off' });
    expect(checkGuestOs(guest, route(guest)).fix).toBe('use offline migration: /migrate vm01 to vsp2 offline');
  });

  it('says that an offline move copies lvol and file storage', () => {
    const guest = makeGuest({ os: 'LINUX', storage: [makeDisk({ backing: 'lv' })] });
    expect(checkGuestOs(guest, route(guest)).fix).toBe(
      `${offlineFix}; the offline move copies its lvol storage (/dev/vg01/rlvol1) to vsp2`,
    );
  });

  it.each([
    ['a host DVD', { storage: [makeDisk(), hostDvd()] }, 'host DVD /dev/rdsk/c1t4d0'],
    ['an attached tape', { storage: [makeDisk(), tape()] }, 'attached tape /dev/pt/pt_tape1'],
    ['an unread device row', { unreadDevices: [unreadRow] }, 'could not be read completely'],
  ])('never suggests an offline move for a guest with %s', (_label, overrides, reason) => {
    const guest = makeGuest({ os: 'LINUX', ...overrides });
    const fix = checkGuestOs(guest, route(guest)).fix ?? '';
    expect(fix).not.toContain('/migrate');
    expect(fix).toContain('an offline move would fail too');
    expect(fix).toContain(reason);
  });

  it('never suggests an offline move for a guest with NPIV HBAs on a host before 4.3', () => {
    const guest = makeGuest({ os: 'LINUX', storage: [makeDisk(), npiv()] });
    const fix = checkGuestOs(guest, route(guest, context('4.2', '4.3'))).fix ?? '';
    expect(fix).toBe('an offline move would fail too (NPIV HBAs and vsp1 runs HPVM 4.2): fix that first');
  });
});

describe('checkOnlineMigrationEnabled', () => {
  it('is not checked (not ✓) when the attribute is unknown', () => {
    const guest = makeGuest();
    expect(checkOnlineMigrationEnabled(guest, route(guest))).toEqual({
      rule: 'online-migration-enabled',
      ok: true,
      unknown: true,
      detail: 'online_migration of vm01 is not known (its attributes were not read)',
    });
  });

  it('passes when enabled', () => {
    const guest = makeGuest({ onlineMigrationEnabled: true });
    expect(checkOnlineMigrationEnabled(guest, route(guest))).toEqual({
      rule: 'online-migration-enabled',
      ok: true,
      detail: 'online_migration is enabled for vm01',
    });
  });

  it('refuses when disabled, with HP’s Serviceguard reason, and does not just say "enable it"', () => {
    const guest = makeGuest({ onlineMigrationEnabled: false });
    expect(checkOnlineMigrationEnabled(guest, route(guest))).toEqual({
      rule: 'online-migration-enabled',
      ok: false,
      detail:
        'online_migration is disabled for vm01: HP has it disabled on Serviceguard cluster nodes, which an online move can cut off from the cluster (HP Integrity VM 4.2 Release Notes §9.2.5)',
      fix: 'if it was disabled on purpose (e.g. a Serviceguard node), move it offline (downtime): /migrate vm01 to vsp2 offline --stop, or fail the package over with Serviceguard; otherwise enable it (hpvmmodify -P vm01 -x online_migration=enabled) and plan again',
    });
  });

  it('offers no offline move when that would fail too', () => {
    const guest = makeGuest({ onlineMigrationEnabled: false, storage: [hostDvd()] });
    const fix = checkOnlineMigrationEnabled(guest, route(guest)).fix ?? '';
    expect(fix).not.toContain('/migrate');
    expect(fix).toContain('fail the package over with Serviceguard (an offline move would fail too (host DVD');
  });
});

describe('checkStorageBacking', () => {
  it.each([
    ['whole SAN disks', [makeDisk(), makeDisk({ bus: '0,1,1' })], 'disk on disk, disk on disk: all online-capable'],
    ['an ejected DVD', [makeDisk(), dvd('null')], 'disk on disk, dvd (ejected): all online-capable'],
    ['an NPIV HBA on 4.3', [makeDisk(), npiv()], 'disk on disk, hba on npiv: all online-capable'],
    ['no storage', [], 'vm01 has no storage devices'],
  ])('passes %s online', (_label, storage, detail) => {
    expect(storageCheck(makeGuest({ storage }))).toEqual({ rule: 'storage-backing', ok: true, detail });
  });

  it.each([
    [
      'an lv backing',
      [makeDisk(), makeDisk({ backing: 'lv' })],
      'disk on lv /dev/vg01/rlvol1: online migration needs whole SAN disks',
      `${offlineFix}; the offline move copies its lvol storage (/dev/vg01/rlvol1) to vsp2`,
    ],
    [
      'a file backing',
      [makeDisk({ backing: 'file', path: '/vm/disk.img' })],
      'disk on file /vm/disk.img: online migration needs whole SAN disks',
      `${offlineFix}; the offline move copies its lvol storage (/vm/disk.img) to vsp2`,
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
      `${offlineFix}; the offline move copies its lvol storage (/dev/vg01/rlvol1) to vsp2`,
    ],
  ])('refuses %s online', (_label, storage, detail, fix) => {
    expect(storageCheck(makeGuest({ storage }))).toEqual({ rule: 'storage-backing', ok: false, detail, fix });
  });

  it.each<[string, StorageDevice[], string]>([
    ['whole SAN disks', [makeDisk(), dvd('null')], 'disk on disk, dvd (ejected): no device bound to vsp1'],
    ['lvols (copied)', [makeDisk({ backing: 'lv' })], 'disk on lv: no device bound to vsp1'],
    ['an inserted file DVD', [makeDisk(), dvd('file')], 'disk on disk, dvd on file: no device bound to vsp1'],
  ])('passes %s offline', (_label, storage, detail) => {
    expect(storageCheck(makeGuest({ storage, state: 'Off' }), 'offline')).toEqual({
      rule: 'storage-backing',
      ok: true,
      detail,
    });
  });

  describe.each<MigrationMode>(['online', 'offline'])('%s, as HP refuses in both modes', (mode) => {
    it('refuses a host DVD, with the hpvmmodify line that removes it', () => {
      expect(storageCheck(makeGuest({ storage: [makeDisk(), hostDvd()] }), mode)).toEqual({
        rule: 'storage-backing',
        ok: false,
        detail:
          'DVD /dev/rdsk/c1t4d0 is a drive of the VSP itself, which HP counts as shared: hpvmmigrate refuses (Device /dev/rdsk/c1t4d0 is shared. Guest with shared storage devices cannot be migrated.)',
        fix: 'remove the host DVD from the guest (hpvmmodify -P vm01 -d dvd:scsi:0,0,1:disk:/dev/rdsk/c1t4d0), then plan again',
      });
    });

    it('refuses a DVD on a disk backing even when the parser did not mark it as the host’s', () => {
      expect(storageCheck(makeGuest({ storage: [dvd('disk', '/dev/rdsk/c1t4d0')] }), mode).ok).toBe(false);
    });

    it('refuses an attached device, saying the rule is inferred', () => {
      const check = storageCheck(makeGuest({ storage: [makeDisk(), tape()] }), mode);
      expect(check).toMatchObject({ ok: false });
      expect(check.detail).toBe(
        'tape /dev/pt/pt_tape1 is attached from vsp1 (attach): an attached device is a physical device of the VSP and cannot follow the guest (inferred; HP documents no migration of attached devices)',
      );
      expect(check.fix).toContain('hpvmmodify -P vm01 -d tape:scsi:0,4,0:attach:/dev/pt/pt_tape1');
    });

    it.each([
      ['4.2', '4.3', 'vsp1 runs HPVM 4.2'],
      ['4.3', '4.2.5', 'vsp2 runs HPVM 4.2.5'],
    ])('refuses NPIV HBAs from %s to %s', (source, target, where) => {
      const check = storageCheck(makeGuest({ storage: [makeDisk(), npiv()] }), mode, context(source, target));
      expect(check).toMatchObject({
        ok: false,
        detail: `vm01 has NPIV HBAs (/dev/fcd0) and ${where}: HP migrates guests with NPIV HBAs from HPVM 4.3 (January 2012 patch) on, online and offline`,
      });
    });

    it.each([
      ['4.3', '4.3'],
      ['4.3', '6.1'],
      ['6.2', '6.3'],
    ])('moves NPIV HBAs from %s to %s', (source, target) => {
      expect(storageCheck(makeGuest({ storage: [npiv()] }), mode, context(source, target)).ok).toBe(true);
    });

    it('fails closed on a device row it could not read, and shows the row', () => {
      const check = storageCheck(makeGuest({ name: 'oradb01', unreadDevices: [unreadRow] }), mode);
      expect(check).toEqual({
        rule: 'storage-backing',
        ok: false,
        detail: `could not read device 3 of oradb01 on vsp1: disk:avio_stor:0,1,1:weird:/dev/x (unknown backing 'weird')`,
        fix: "check the row with hpvmstatus -P oradb01 -d; the bot cannot judge this guest's storage until it can read every row",
      });
    });

    it('fails closed when #Devs counts other storage rows than the device list shows', () => {
      const check = storageCheck(makeGuest({ name: 'oradb01', deviceCount: 3 }), mode);
      expect(check).toMatchObject({
        ok: false,
        detail:
          'hpvmstatus counts 3 devices (#Devs) for oradb01 on vsp1, but hpvmstatus -P oradb01 -d listed 1 storage rows',
      });
    });

    it('passes when #Devs matches the storage rows (NICs are #Nets)', () => {
      expect(storageCheck(makeGuest({ deviceCount: 1 }), mode).ok).toBe(true);
    });
  });

  it('reports every problem at once', () => {
    const check = storageCheck(makeGuest({ storage: [hostDvd(), tape()], unreadDevices: [unreadRow] }));
    expect(check.detail).toContain('could not read device 3 of vm01 on vsp1');
    expect(check.detail).toContain('DVD /dev/rdsk/c1t4d0 is a drive of the VSP itself');
    expect(check.detail).toContain('tape /dev/pt/pt_tape1 is attached from vsp1');
  });

  it('refuses when the devices were not collected', () => {
    const { storage: _storage, ...guest } = makeGuest();
    expect(storageCheck(guest)).toEqual({
      rule: 'storage-backing',
      ok: false,
      detail: 'the devices of vm01 were not collected (hpvmstatus -P vm01 -d)',
      fix: 'retry when the inventory has its device list',
    });
  });
});
