import { describe, expect, it } from 'vitest';
import type { VolumeGroupInfo } from '../../../../src/domain/inventory.ts';
import { checkStorageCopy, copyResource } from '../../../../src/domain/rules/check-storage-copy.ts';
import { makeDisk, makeVolumeGroup, makeGuest, makeVsp } from '../../../support/builders.ts';

const lvDisk = makeDisk({ backing: 'lv', path: '/dev/vg01/rdb01' });
const guest = makeGuest({ name: 'db01', state: 'Off', storage: [lvDisk] });
const vg = makeVolumeGroup;
const source = makeVsp({ name: 'vsp1', volumeGroups: [vg(0, [{ name: '/dev/vg01/db01', sizeMb: 2048 }])] });
const input = (target: VolumeGroupInfo[] | undefined, copySupported = true, storageMap?: Record<string, string>) => ({
  guest,
  source,
  target: makeVsp({ name: 'vsp2', ...(target === undefined ? {} : { volumeGroups: target }) }),
  ...(storageMap === undefined ? {} : { storageMap }),
  copySupported,
  sourceVersion: copySupported ? '4.0' : '4.3',
  copyMbPerSecond: 100,
});

describe('checkStorageCopy', () => {
  it('has nothing to say about a guest on SAN disks', () => {
    expect(checkStorageCopy({ ...input([vg(1000)]), guest: makeGuest() })).toBeUndefined();
  });

  it('plans the copy with size, room and duration, and its -m resource', () => {
    const result = checkStorageCopy(input([vg(1000)]));
    expect(result?.check.ok).toBe(true);
    expect(result?.copies).toEqual([
      expect.objectContaining({
        source: '/dev/vg01/rdb01',
        target: '/dev/vg01/rdb01',
        sizeMb: 2048,
        room: { on: '/dev/vg01', freeMb: 16000 },
        copySeconds: 21,
        method: 'hpvmmigrate',
      }),
    ]);
    expect(copyResource(result!.copies[0]!)).toBe('disk:avio_stor:0,1,0:lv:/dev/vg01/rdb01');
  });

  it.each([
    [
      'no room',
      [vg(100)],
      true,
      undefined,
      'has 1600 MB free (100 extents of 16 MB); /dev/vg01/rdb01 needs 2048 MB',
      'vgextend',
    ],
    ['no such volume group', [], true, undefined, 'has no volume group /dev/vg01', 'vgcreate'],
    ['unknown room', undefined, true, undefined, 'vgdisplay -v there failed', 'vgdisplayPath'],
    [
      'an lvol of that name, other size',
      [vg(1000, [{ name: '/dev/vg01/db01', sizeMb: 512 }])],
      true,
      undefined,
      'of 512 MB',
      'storageMap',
    ],
    [
      'an lvol of that name, same size',
      [vg(1000, [{ name: '/dev/vg01/db01', sizeMb: 2048 }])],
      true,
      undefined,
      'stale copy',
      'lvremove',
    ],
    [
      'no copy option: manual steps',
      [vg(1000)],
      false,
      undefined,
      'no documented storage copy option',
      'lvcreate -L 2048 -n db01 /dev/vg01',
    ],
    [
      'no copy option: no mapping',
      [vg(1000)],
      false,
      { '/dev/vg01/rdb01': '/dev/vg02/rdb01' },
      'cannot be placed',
      'storageMap',
    ],
  ])('refuses: %s', (_label, target, copySupported, storageMap, detail, fix) => {
    const result = checkStorageCopy(input(target, copySupported, storageMap));
    expect(result?.check).toMatchObject({ rule: 'storage-copy', ok: false });
    expect(result?.check.detail).toContain(detail);
    expect(result?.check.fix).toContain(fix);
  });

  it('passes without copying when the lvol was copied by hand on a version without the copy option', () => {
    const result = checkStorageCopy(input([vg(1000, [{ name: '/dev/vg01/db01', sizeMb: 2048 }])], false));
    expect(result?.check.ok).toBe(true);
    expect(result?.copies[0]).toMatchObject({ method: 'present', copySeconds: 0 });
  });

  it('follows the storageMap to another volume group', () => {
    const result = checkStorageCopy(
      input([vg(0), { ...vg(1000), name: '/dev/vg02' }], true, { '/dev/vg01/rdb01': '/dev/vg02/rdb01' }),
    );
    expect(result?.copies[0]).toMatchObject({ target: '/dev/vg02/rdb01', room: { on: '/dev/vg02' } });
  });
});
