import { describe, expect, it } from 'vitest';
import { parseBdf } from '../../../../src/domain/parsers/parse-bdf.ts';
import { parseVgdisplay } from '../../../../src/domain/parsers/parse-vgdisplay.ts';
import { readFixture } from '../../../support/hpvm-fixtures.ts';

describe('parseVgdisplay', () => {
  it('reads a real 11.23 capture without logical volumes', () => {
    const result = parseVgdisplay(readFixture('vgdisplay-v-11.23.txt'));
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual([{ name: '/dev/vg_vmtest', peSizeMb: 16, totalPe: 3199, freePe: 3199, lvols: [] }]);
  });

  it('reads indented logical volume blocks and several groups', () => {
    const result = parseVgdisplay(readFixture('vgdisplay-v-lvols.txt'));
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual([
      {
        name: '/dev/vg_vmtest',
        peSizeMb: 16,
        totalPe: 3199,
        freePe: 1699,
        lvols: [
          { name: '/dev/vg_vmtest/ivm1d1', sizeMb: 12000 },
          { name: '/dev/vg_vmtest/ivm1d2', sizeMb: 12000 },
        ],
      },
      { name: '/dev/vg00', peSizeMb: 32, totalPe: 4340, freePe: 4340, lvols: [] },
    ]);
  });

  it('drops a group whose free extents do not read, keeps an LV without a size, and says so', () => {
    const text = [
      '--- Volume groups ---',
      'VG Name                     /dev/vg01',
      'PE Size (Mbytes)            4',
      'Free PE                     lots',
      '--- Volume groups ---',
      'VG Name                     /dev/vg02',
      'PE Size (Mbytes)            4',
      'Free PE                     10',
      '   --- Logical volumes ---',
      '   LV Name                     /dev/vg02/lvol1',
      '   LV Size (Mbytes)            ???',
    ].join('\n');
    const result = parseVgdisplay(text);
    expect(result.value).toEqual([
      { name: '/dev/vg02', peSizeMb: 4, freePe: 10, lvols: [{ name: '/dev/vg02/lvol1' }] },
    ]);
    expect(result.issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['error', 4],
      ['error', 11],
      ['error', 2],
      ['error', 10],
    ]);
  });

  it.each(['', 'vgdisplay: Volume group not activated.\n', '\u0000\u0001garbage'])('never throws on %j', (text) => {
    expect(parseVgdisplay(text).value).toEqual([]);
  });
});

describe('parseBdf', () => {
  it('reads rows and a wrapped long device name', () => {
    const result = parseBdf(readFixture('bdf-wrapped.txt'));
    expect(result.issues).toEqual([]);
    expect(result.value.at(-1)).toEqual({
      device: '/dev/vg_images/lv_hpvm_images',
      kbytes: 104857600,
      usedKb: 52428800,
      availKb: 52428800,
      mountedOn: '/var/opt/hpvm/images',
    });
    expect(result.value.map((row) => row.mountedOn)).toEqual(['/', '/stand', '/var', '/var/opt/hpvm/images']);
  });

  it('reports a row whose figures do not read, and output without a header', () => {
    const text = 'Filesystem          kbytes    used   avail %used Mounted on\n/dev/vg00/lvol3 x y z 1% /\n';
    expect(parseBdf(text).issues).toMatchObject([{ severity: 'error', lineNumber: 2 }]);
    expect(parseBdf('bdf: not found\n').issues).toMatchObject([{ severity: 'error', lineNumber: 0 }]);
  });
});
