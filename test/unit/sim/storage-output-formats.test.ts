/**
 * The simulator's `vgdisplay -v` and `bdf` print the HP samples in test/fixtures/hpvm/ byte for byte, given the
 * volume groups and file systems the sample shows, and the parsers read that output back to the fleet file's
 * figures (docs/hpvm-reference.md, "Offline moves that copy storage"). Every vgdisplay-* and bdf-* fixture
 * needs a case here: a new sample cannot go untested against the simulator.
 */
import { describe, expect, it } from 'vitest';
import { parseBdf } from '../../../src/domain/parsers/parse-bdf.ts';
import { parseVgdisplay } from '../../../src/domain/parsers/parse-vgdisplay.ts';
import { FleetModel } from '../../../src/sim/fleet-model.ts';
import { fixtureNames, loadFixture } from '../../support/hpvm-fixtures.ts';
import { fleetOf, run, vsp } from './sim-test-kit.ts';

interface SampleCase {
  /** The VSP entry whose storage the sample shows. */
  readonly host: Record<string, unknown>;
  readonly command: string;
}

const VG_VMTEST = { name: '/dev/vg_vmtest', peSizeMb: 16, totalPe: 3199 };

const CASES: Readonly<Record<string, SampleCase>> = {
  'vgdisplay-v-11.23.txt': {
    // HPVM 3.5 runs on 11.23: the capture's flush-left PV block with its three alternate links.
    host: vsp('vsp1', {
      hpvmVersion: '3.5',
      volumeGroups: [
        {
          ...VG_VMTEST,
          physicalVolume: {
            name: '/dev/dsk/c15t7d1',
            alternateLinks: ['/dev/dsk/c5t7d1', '/dev/dsk/c7t7d1', '/dev/dsk/c13t7d1'],
          },
        },
      ],
    }),
    command: 'vgdisplay -v vg_vmtest',
  },
  'vgdisplay-v-lvols.txt': {
    host: vsp('vsp1', {
      hpvmVersion: '4.3',
      volumeGroups: [
        {
          ...VG_VMTEST,
          physicalVolume: { name: '/dev/dsk/c15t7d1' },
          lvols: [
            { name: 'ivm1d1', sizeMb: 12000 },
            { name: 'ivm1d2', sizeMb: 12000 },
          ],
        },
        {
          name: '/dev/vg00',
          peSizeMb: 32,
          totalPe: 4340,
          maxPePerPv: 4350,
          physicalVolume: { name: '/dev/disk/disk2_p2' },
        },
      ],
    }),
    command: 'vgdisplay -v',
  },
  'bdf-wrapped.txt': {
    host: vsp('vsp1', {
      fileSystems: [
        { device: '/dev/vg00/lvol3', mountedOn: '/', kbytes: 1048576, usedKb: 229728, availKb: 811440 },
        { device: '/dev/vg00/lvol1', mountedOn: '/stand', kbytes: 1835008, usedKb: 178264, availKb: 1643504 },
        { device: '/dev/vg00/lvol8', mountedOn: '/var', kbytes: 8912896, usedKb: 2367384, availKb: 6495392 },
        {
          device: '/dev/vg_images/lv_hpvm_images',
          mountedOn: '/var/opt/hpvm/images',
          kbytes: 104857600,
          usedKb: 52428800,
        },
      ],
    }),
    command: 'bdf',
  },
};

const SAMPLES = fixtureNames().filter((name) => /^(vgdisplay|bdf)-/.test(name));

async function printed(sample: string): Promise<{ model: FleetModel; stdout: string }> {
  const entry = CASES[sample];
  if (entry === undefined) throw new Error(`${sample}: no simulator case; add one to CASES`);
  const model = new FleetModel(fleetOf({ vsps: [entry.host] }));
  const outcome = await run(model, 'vsp1', entry.command);
  expect(outcome.code).toBe(0);
  expect(outcome.stderr).toBe('');
  return { model, stdout: outcome.stdout };
}

describe('vgdisplay -v and bdf print the HP samples', () => {
  it('covers every vgdisplay and bdf sample', () => {
    expect(SAMPLES.length).toBeGreaterThan(0);
    expect(SAMPLES.filter((name) => CASES[name] === undefined)).toEqual([]);
  });

  it.each(SAMPLES)('%s byte for byte', async (sample) => {
    const fixture = loadFixture(sample);
    expect(['DOC', 'CODE', 'DERIVED']).toContain(fixture.kind);
    expect((await printed(sample)).stdout).toBe(fixture.body);
  });
});

describe('the parsers read the simulator back', () => {
  it.each(SAMPLES.filter((name) => name.startsWith('vgdisplay-')))('%s: the fleet file’s figures', async (sample) => {
    const { model, stdout } = await printed(sample);
    const expected = (model.host('vsp1').volumeGroups ?? []).map((group) => {
      const usedPe = group.lvols.reduce((sum, lvol) => sum + Math.ceil(lvol.sizeMb / group.peSizeMb), 0);
      return {
        name: group.name,
        peSizeMb: group.peSizeMb,
        totalPe: group.totalPe,
        freePe: group.totalPe - usedPe,
        lvols: group.lvols.map((lvol) => ({ name: `${group.name}/${lvol.name}`, sizeMb: lvol.sizeMb })),
      };
    });
    const parsed = parseVgdisplay(stdout);
    expect(parsed.issues).toEqual([]);
    expect(parsed.value).toEqual(expected);
  });

  it.each(SAMPLES.filter((name) => name.startsWith('bdf-')))('%s: the fleet file’s figures', async (sample) => {
    const { model, stdout } = await printed(sample);
    const expected = (model.host('vsp1').fileSystems ?? []).map((fs) => ({
      device: fs.device,
      kbytes: fs.kbytes,
      usedKb: fs.usedKb,
      availKb: fs.availKb ?? fs.kbytes - fs.usedKb,
      mountedOn: fs.mountedOn,
    }));
    const parsed = parseBdf(stdout);
    expect(parsed.issues).toEqual([]);
    expect(parsed.value).toEqual(expected);
  });
});

describe('the fleet file refuses storage the host could not have', () => {
  it.each([
    [{ ...VG_VMTEST, lvols: [{ name: 'big', sizeMb: 3200 * 16 }] }, /the lvols take 3200 extents; the VG has 3199/],
    [{ ...VG_VMTEST, maxPePerPv: 3000 }, /less than totalPe/],
  ])('%o', (group, problem) => {
    expect(() => fleetOf({ vsps: [vsp('vsp1', { volumeGroups: [group] })] })).toThrow(problem);
  });
});
