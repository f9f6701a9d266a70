/**
 * The simulator prints HP's formats byte for byte: the guests of each HP sample in test/fixtures/hpvm/ are
 * built and the output is compared with the fixture's body, the same text the parsers are tested on
 * (machinfo with the blocks of docs/hpvm-output-formats.md §5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FleetModel } from '../../../src/sim/fleet-model.ts';
import { loadFixture, readFixture } from '../../support/hpvm-fixtures.ts';
import { disks, fleetOf, guest, run, vsp } from './sim-test-kit.ts';

/** The fenced blocks of the contract document, in order, each ending with a newline like command output. */
const DOC_BLOCKS = [
  ...readFileSync(new URL('../../../docs/hpvm-output-formats.md', import.meta.url), 'utf8').matchAll(
    /```\n([\s\S]*?)```/g,
  ),
].map((match) => match[1] ?? '');
function docBlock(startsWith: string): string {
  const block = DOC_BLOCKS.find((candidate) => candidate.startsWith(startsWith));
  if (block === undefined) throw new Error(`no sample starting with ${startsWith}`);
  return block;
}

const THREE_LANS = [{ name: 'localnet' }, { name: 'vlan02', pnic: 'lan3' }, { name: 'vlan03', pnic: 'lan4' }];
const nets = (count: number) => ['localnet', 'vlan02', 'vlan03'].slice(0, count).map((name) => ({ vswitch: name }));

describe('hpvmstatus (guest table, docs §1)', () => {
  it('prints the real 3.5 table byte for byte (Runsysid, no Type)', async () => {
    const row = (name: string, vmNumber: number, os: string, state: string, vcpus: number, devs: number, gb: number) =>
      guest(name, { vmNumber, os, state, vcpus, memoryMb: gb * 1024, storage: disks(devs, name), networks: nets(3) });
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('ivmcl02', {
            hpvmVersion: '3.5',
            memoryMb: 262144,
            vswitches: THREE_LANS,
            guests: [
              row('oratest01', 1, 'HPUX', 'On', 4, 10, 16),
              row('oratest02', 2, 'HPUX', 'On', 4, 8, 16),
              row('sapvm01', 3, 'HPUX', 'Off', 3, 8, 8),
              row('sapvm02', 4, 'HPUX', 'Off', 3, 7, 8),
              row('sles01', 5, 'LINUX', 'On', 1, 4, 4),
              row('rhel01', 6, 'LINUX', 'Off', 1, 4, 4),
              row('hp-vxvm', 7, 'HPUX', 'On', 2, 17, 6),
              row('ws2003', 8, 'WINDOWS', 'Off', 4, 4, 12),
              { ...row('hpvm1', 10, 'HPUX', 'Off', 1, 1, 3), networks: nets(1) },
            ],
          }),
        ],
      }),
    );
    const fixture = loadFixture('hpvmstatus-3.5-jrey-migration.txt');
    expect(fixture.kind).toBe('CODE');
    expect(await run(model, 'ivmcl02', 'hpvmstatus')).toEqual({ code: 0, stdout: fixture.body, stderr: '' });
  });

  it('prints Off (NR) for a copy left behind by a migration', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            vswitches: THREE_LANS,
            guests: [
              guest('oratest01', {
                vmNumber: 1,
                vcpus: 4,
                memoryMb: 16384,
                storage: disks(10, 'o'),
                networks: nets(3),
              }),
              guest('sapvm01', {
                vmNumber: 3,
                state: 'Off',
                vcpus: 3,
                memoryMb: 8192,
                storage: disks(8, 's'),
                networks: nets(3),
              }),
              guest('sles01', {
                vmNumber: 5,
                os: 'LINUX',
                vcpus: 1,
                memoryMb: 4096,
                storage: disks(4, 'l'),
                networks: nets(3),
              }),
              guest('ws2003', {
                vmNumber: 8,
                os: 'WINDOWS',
                state: 'Off',
                vcpus: 4,
                memoryMb: 12288,
                storage: disks(4, 'w'),
                networks: nets(3),
              }),
              guest('hpvm1', {
                vmNumber: 10,
                state: 'Off',
                vcpus: 1,
                memoryMb: 3072,
                storage: disks(1, 'h'),
                networks: nets(1),
              }),
            ],
          }),
        ],
      }),
    );
    model.setGuestState('vsp1', 'hpvm1', 'NR');
    const outcome = await run(model, 'vsp1', 'hpvmstatus');
    expect(outcome).toEqual({ code: 0, stdout: readFixture('hpvmstatus-4.x-derived-nr.txt'), stderr: '' });
  });

  it('prints the 6.3 table of the administrator guide (p. 221): Type column, no Runsysid', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            hpvmVersion: '6.3',
            guests: [
              guest('vm1', { vmNumber: 9, vcpus: 2, memoryMb: 2048 }),
              guest('vpar1', { vmNumber: 11, kind: 'vpar', vcpus: 1, memoryMb: 2048 }),
            ],
          }),
        ],
      }),
    );
    const fixture = loadFixture('hpvmstatus-6.3-ag-p221.txt');
    expect(fixture.kind).toBe('DOC');
    expect(await run(model, 'vsp1', 'hpvmstatus')).toEqual({ code: 0, stdout: fixture.body, stderr: '' });
  });

  it('prints the single documented line for a host without guests', async () => {
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1')] }));
    expect(await run(model, 'vsp1', 'hpvmstatus')).toEqual({
      code: 0,
      stdout: readFixture('hpvmstatus-empty.txt'),
      stderr: '',
    });
  });
});

describe('hpvmstatus -P vm -d (devices, docs §2)', () => {
  it('prints the real 3.5 capture byte for byte: an lv disk and the host DVD', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            vswitches: THREE_LANS,
            guests: [
              guest('vmnode2', {
                storage: [
                  { device: 'disk', adaptor: 'scsi', backing: 'lv', path: '/dev/vg_vmtest/rvmnode2disk' },
                  { device: 'dvd', adaptor: 'scsi', backing: 'disk', path: '/dev/rdsk/c1t4d0', shared: true },
                ],
                networks: [
                  { vswitch: 'localnet', adaptor: 'lan', mac: '0xB20EBA14E76C', address: '0,1' },
                  { vswitch: 'vlan02', adaptor: 'lan', mac: '0x3E9492C9F615', address: '0,2' },
                ],
              }),
            ],
          }),
        ],
      }),
    );
    const outcome = await run(model, 'vsp1', 'hpvmstatus -P vmnode2 -d');
    expect(outcome).toEqual({ code: 0, stdout: readFixture('hpvmstatus-d-3.5-jrey-clone-boot.txt'), stderr: '' });
  });

  it('prints an NPIV HBA, whole disks, file and ejected DVDs as the resource statements HP documents', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            hpvmVersion: '4.3',
            guests: [
              guest('vmnode2', {
                storage: [
                  { device: 'disk', backing: 'disk', path: '/dev/rdisk/disk12', address: '0,1,0' },
                  { device: 'disk', backing: 'file', path: '/var/opt/hpvm/guests/vmnode2/disk2.img', address: '0,1,1' },
                  {
                    device: 'dvd',
                    backing: 'file',
                    path: '/var/opt/hpvm/ISO-images/hpux/0603-FOE-D1.iso',
                    address: '0,2,0',
                  },
                  { device: 'dvd', backing: 'null', path: '/var/opt/hpvm/ISO-images/hpux/', address: '0,2,1' },
                  {
                    device: 'hba',
                    backing: 'npiv',
                    path: '/dev/fcd0',
                    address: '1,1,0',
                    wwpn: '0x50060b00006499a8',
                    wwnn: '0x50060b00006499a9',
                  },
                ],
                networks: [],
              }),
            ],
          }),
        ],
      }),
    );
    const { stdout } = await run(model, 'vsp1', 'hpvmstatus -P vmnode2 -d');
    const derived = readFixture('hpvmstatus-d-derived-all-kinds.txt').split('\n');
    const printed = stdout.split('\n');
    for (const row of printed.filter((line) => /^(disk|dvd|hba):avio_stor/.test(line))) expect(derived).toContain(row);
    expect(printed).toContain('hba:avio_stor:1,1,0x50060b00006499a8,0x50060b00006499a9:npiv:/dev/fcd0');
  });

  it('refuses an NPIV HBA without its WWNs in the fleet file', () => {
    expect(() =>
      fleetOf({
        vsps: [
          vsp('vsp1', { guests: [guest('g1', { storage: [{ device: 'hba', backing: 'npiv', path: '/dev/fcd0' }] })] }),
        ],
      }),
    ).toThrow(/NPIV HBA/);
  });

  it('reports an unknown guest on stderr with exit 1', async () => {
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1')] }));
    expect(await run(model, 'vsp1', 'hpvmstatus -P nosuch -d')).toEqual({
      code: 1,
      stdout: '',
      stderr: "hpvmstatus: Unable to find the guest 'nosuch'.\n",
    });
  });
});

describe('hpvmstatus -P vm -V (attributes, docs §3a)', () => {
  it('prints online_migration and the register attributes as the derived fixture has them', async () => {
    const model = new FleetModel(
      fleetOf({ vsps: [vsp('vsp1', { guests: [guest('sgnode', { vmNumber: 1, onlineMigration: 'disabled' })] })] }),
    );
    expect(await run(model, 'vsp1', 'hpvmstatus -P sgnode -V')).toEqual({
      code: 0,
      stdout: readFixture('hpvmstatus-V-derived-attributes.txt'),
      stderr: '',
    });
  });

  it('prints a copy left behind by a migration as not runnable, not modifiable, not visible', async () => {
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1', { guests: [guest('g1', { state: 'Off' })] })] }));
    model.setGuestState('vsp1', 'g1', 'NR');
    const { stdout } = await run(model, 'vsp1', 'hpvmstatus -V -P g1');
    expect(stdout).toContain('runnable_status : disabled\nmodify_status : disabled\nvisible_status : disabled\n');
    expect(stdout).toContain('online_migration : enabled\n');
  });
});

describe('hpvmstatus -r (CPU and memory entitlement, docs §3)', () => {
  it('prints both sections of the real 4.2 capture for guests without dynamic memory', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('hinata', {
            hpvmVersion: '4.2',
            memoryMb: 65536,
            guests: [
              guest('rh-www', { vmNumber: 1, vcpus: 4, entitlementPct: 50, cpuUsagePct: 0, memoryMb: 8192 }),
              guest('sql-dev', { vmNumber: 2, vcpus: 4, entitlementPct: 50, cpuUsagePct: 0.3, memoryMb: 8192 }),
              guest('falcon', { vmNumber: 6, vcpus: 2, entitlementPct: 10, cpuUsagePct: 0, memoryMb: 6144 }),
            ],
          }),
        ],
      }),
    );
    const { stdout } = await run(model, 'hinata', 'hpvmstatus -r');
    // The capture's AMR guests (rhino, batman, robin) are left out: the simulator has no dynamic memory.
    // Cumulative usage is the one free number: the simulator derives its own.
    const amr = /^(rhino|batman|robin) .*\n/gm;
    const cumulative = /^(\S+ +[0-9]+ +[0-9]+ +[0-9.]+% +[0-9.]+% +[0-9.]+%) +[0-9]+$/gm;
    const expected = readFixture('hpvmstatus-r-4.2-jrey-mem.txt').replace(amr, '').replace(cumulative, '$1');
    expect(stdout.replace(cumulative, '$1')).toBe(expected);
  });
});

describe('hpvmnet (docs §4)', () => {
  it('prints the real 3.5 vswitch table byte for byte', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            vswitches: [
              { name: 'localnet' },
              { name: 'vlan02', pnic: 'lan3', mac: '0x000000000000', ip: '192.168.1.12' },
              { name: 'vlan03', pnic: 'lan4', mac: '0x001111111111', ip: '10.10.3.4' },
            ],
          }),
        ],
      }),
    );
    expect(await run(model, 'vsp1', 'hpvmnet')).toEqual({
      code: 0,
      stdout: readFixture('hpvmnet-3.5-jrey-new.txt'),
      stderr: '',
    });
  });
});

describe('machinfo (docs §5)', () => {
  it('prints the 11.23 format with numeric family and model on a 3.5 host (HP-UX 11i v2)', async () => {
    const cpu = { family: 32, model: 1, description: 'Intel(R) Itanium 2 9100 series', cores: 16 };
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1', { hpvmVersion: '3.5', cpu, memoryMb: 65408 })] }));
    expect(await run(model, 'vsp1', 'machinfo')).toEqual({
      code: 0,
      stdout: docBlock('CPU info:\n   Number of CPUs'),
      stderr: '',
    });
  });

  it('prints the 11.31 format on a 4.0 host: 4.0 runs on HP-UX 11i v3', async () => {
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1', { hpvmVersion: '4.0' })] }));
    const { stdout } = await run(model, 'vsp1', 'machinfo');
    expect(stdout).toContain('Release:   HP-UX B.11.31');
    expect(stdout).not.toContain('processor family:');
  });

  it('prints the 11.31 format with the processor line only', async () => {
    const cpu = {
      family: 32,
      model: 2,
      description: 'Intel(R)  Itanium(R)  Processor 9340 (1.6 GHz, 15 MB)',
      cores: 8,
      sockets: 2,
    };
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp3', { hpvmVersion: '6.1', cpu, memoryMb: 65536 })] }));
    expect(await run(model, 'vsp3', 'machinfo')).toEqual({
      code: 0,
      stdout: docBlock('CPU info:\n   Intel(R)  Itanium(R)'),
      stderr: '',
    });
  });
});

describe('hpvmstatus -P vm (details)', () => {
  it('prints the detail blocks of the real 3.5 capture', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            vswitches: THREE_LANS,
            guests: [
              guest('ivm_clone01', {
                vmNumber: 11,
                state: 'Off',
                vcpus: 3,
                entitlementPct: 20,
                memoryMb: 2048,
                storage: [
                  { device: 'disk', adaptor: 'scsi', backing: 'lv', path: '/dev/vg_vmtest/rivm1d1', address: '0,2,0' },
                  { device: 'disk', adaptor: 'scsi', backing: 'lv', path: '/dev/vg_vmtest/rivm1d2', address: '0,2,1' },
                  { device: 'dvd', adaptor: 'scsi', backing: 'disk', path: '/dev/rdsk/c1t4d0', address: '0,2,2' },
                ],
                networks: [
                  { vswitch: 'vlan02', adaptor: 'lan', mac: 'f6-fb-bf-41-78-63', address: '0,0' },
                  { vswitch: 'localnet', adaptor: 'lan', mac: '2a-69-35-d5-c1-5f', address: '0,1' },
                ],
              }),
            ],
          }),
        ],
      }),
    );
    const { stdout } = await run(model, 'vsp1', 'hpvmstatus -P ivm_clone01');
    // The vswitch port numbers are the values the simulator does not model: it numbers ports per guest.
    const expected = readFixture('hpvmstatus-P-3.5-jrey-clone.txt')
      .replace('vlan02     11     ', 'vlan02     1      ')
      .replace('localnet   10     ', 'localnet   2      ');
    expect(stdout).toBe(expected);
  });
});

describe('usage errors', () => {
  it.each([
    ['hpvmstatus -z', 'hpvmstatus: illegal option -- z\nusage: hpvmstatus [-r] [{-P vm-name | -p vm-number} [-d]]\n'],
    [
      'hpvmstatus -P',
      'hpvmstatus: option requires an argument -- P\nusage: hpvmstatus [-r] [{-P vm-name | -p vm-number} [-d]]\n',
    ],
    [
      'hpvmstatus -d',
      'hpvmstatus: -d needs -P or -p and excludes -r\nusage: hpvmstatus [-r] [{-P vm-name | -p vm-number} [-d]]\n',
    ],
    ['hpvmnet -v', 'hpvmnet: illegal option -- v\nusage: hpvmnet\n'],
    ['machinfo extra', 'machinfo: unexpected argument -- extra\nusage: machinfo\n'],
    [
      'hpvmstatus -V',
      'hpvmstatus: -V needs -P or -p and excludes -r and -d\nusage: hpvmstatus [-r] [{-P vm-name | -p vm-number} [-d]]\n',
    ],
  ])('%s', async (commandLine, stderr) => {
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1')] }));
    expect(await run(model, 'vsp1', commandLine)).toEqual({ code: 1, stdout: '', stderr });
  });
});

describe('hpvmmigrate -o before 4.1', () => {
  // The 4.0 hpvmmigrate(1M) synopsis has no -o and 3.5 had no online migration: getopt refuses the letter.
  it.each(['3.5', '4.0'])('%s answers with the illegal-option usage error', async (hpvmVersion) => {
    const model = new FleetModel(
      fleetOf({ vsps: [vsp('vsp1', { hpvmVersion, guests: [guest('g1')] }), vsp('vsp2', { hpvmVersion })] }),
    );
    const outcome = await run(model, 'vsp1', 'hpvmmigrate -o -P g1 -h vsp2');
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.split('\n')[0]).toBe('hpvmmigrate: illegal option -- o');
    expect(outcome.stderr.split('\n')[1]).toMatch(/^usage: hpvmmigrate /);
  });
});
