/**
 * The simulator prints the formats of docs/hpvm-output-formats.md byte for byte: the guests of each
 * sample are built and the output is compared with the sample read from the document itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FleetModel } from '../../../src/sim/fleet-model.ts';
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
  it('prints the 4.x table of the sample, Off (NR) included', async () => {
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
    expect(outcome).toEqual({
      code: 0,
      stdout: docBlock('[Virtual Machines]\nVirtual Machine Name VM #  OS Type'),
      stderr: '',
    });
  });

  it('prints the 6.x table with the Type column (SH / VP)', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            hpvmVersion: '6.1',
            guests: [
              guest('prodvm01', { vcpus: 4, memoryMb: 16384, storage: disks(3, 'p'), networks: nets(2) }),
              guest('vpar01', {
                kind: 'vpar',
                state: 'Off',
                vcpus: 2,
                memoryMb: 8192,
                storage: disks(2, 'v'),
                networks: nets(1),
              }),
            ],
          }),
        ],
      }),
    );
    const outcome = await run(model, 'vsp1', 'hpvmstatus');
    expect(outcome.stdout).toBe(docBlock('[Virtual Machines]\nVirtual Machine Name VM #  Type'));
  });

  it('prints the single documented line for a host without guests', async () => {
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1')] }));
    expect(await run(model, 'vsp1', 'hpvmstatus')).toEqual({
      code: 0,
      stdout: 'No vPars or VMs currently configured\n',
      stderr: '',
    });
  });
});

describe('hpvmstatus -P vm -d (devices, docs §2)', () => {
  it('prints storage and networks in resource syntax', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            guests: [
              guest('vmnode2', {
                storage: [
                  { device: 'disk', adaptor: 'scsi', backing: 'lv', path: '/dev/vg_vmtest/rvmnode2disk' },
                  { device: 'dvd', adaptor: 'scsi', backing: 'disk', path: '/dev/rdsk/c1t4d0' },
                  { device: 'disk', backing: 'disk', path: '/dev/rdisk/disk12' },
                  { device: 'dvd', backing: 'file', path: '/var/opt/hpvm/ISO-images/hpux.iso', address: '0,2,0' },
                  { device: 'dvd', backing: 'null', path: '/var/opt/hpvm/ISO-images/ejected.iso', address: '0,2,1' },
                ],
                networks: [
                  { vswitch: 'localnet', adaptor: 'lan', mac: '0xB20EBA14E76C', address: '0,1' },
                  { vswitch: 'vlan02', adaptor: 'avio_lan', mac: '2a:1b:3c:4d:5e:6f', address: '0,3' },
                ],
              }),
            ],
          }),
        ],
      }),
    );
    const outcome = await run(model, 'vsp1', 'hpvmstatus -P vmnode2 -d');
    expect(outcome).toEqual({ code: 0, stdout: docBlock('[Virtual Machine Devices]'), stderr: '' });
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

describe('hpvmstatus -r (CPU usage, docs §3)', () => {
  it('prints the sample header and one row per running guest', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            guests: [
              guest('idle', { vmNumber: 1, state: 'Off' }),
              guest('sql-dev', { vmNumber: 2, vcpus: 4, entitlementPct: 50, cpuUsagePct: 0.3 }),
            ],
          }),
        ],
      }),
    );
    const { stdout } = await run(model, 'vsp1', 'hpvmstatus -r');
    // Cumulative usage is the sample's one free number: the simulator derives its own.
    expect(stdout.replace(/ +[0-9]+\n$/, '\n')).toBe(
      docBlock('[Virtual Machine Resource Entitlement]').replace(/ +[0-9]+\n$/, '\n'),
    );
    expect(stdout.split('\n').at(-2)).toMatchInlineSnapshot(
      `"sql-dev                  2      4       50.0%  100.0%    0.3%          2160000"`,
    );
  });
});

describe('hpvmnet (docs §4)', () => {
  it('prints the vswitch table of the sample', async () => {
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
    expect(await run(model, 'vsp1', 'hpvmnet')).toEqual({ code: 0, stdout: docBlock('Name     Number'), stderr: '' });
  });
});

describe('machinfo (docs §5)', () => {
  it('prints the 11.23 format with numeric family and model', async () => {
    const cpu = { family: 32, model: 1, description: 'Intel(R) Itanium 2 9100 series', cores: 16 };
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1', { hpvmVersion: '4.0', cpu, memoryMb: 65408 })] }));
    expect(await run(model, 'vsp1', 'machinfo')).toEqual({
      code: 0,
      stdout: docBlock('CPU info:\n   Number of CPUs'),
      stderr: '',
    });
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

/**
 * docs/hpvm-cli.md, "hpvmstatus" (real 3.5/4.x output, CODE JREY-CLONE); not in the parsers' contract, kept here
 * verbatim.
 */
const DETAILS_SAMPLE = `[Virtual Machine Details]
Virtual Machine Name VM #  OS Type State
==================== ===== ======= ========
ivm_clone01             11 HPUX    Off

[Authorized Administrators]
Oper Groups:
Admin Groups:
Oper Users:
Admin Users:

[Virtual CPU Details]
#vCPUs Entitlement Maximum
====== =========== =======
     3       20.0%  100.0%

[Memory Details]
Total    Reserved
Memory   Memory
=======  ========
   2 GB     64 MB

[Storage Interface Details]
Guest                                 Physical
Device  Adaptor    Bus Dev Ftn Tgt Lun Storage   Device
======= ========== === === === === === ========= =========================
disk    scsi         0   2   0   0   0 lv        /dev/vg_vmtest/rivm1d1
dvd     scsi         0   2   0   2   0 disk      /dev/rdsk/c1t4d0

[Network Interface Details]
Interface Adaptor    Name/Num   PortNum Bus Dev Ftn Mac Address
========= ========== ========== ======= === === === =================
vswitch   lan        vlan02     11        0   0   0 f6-fb-bf-41-78-63

[Misc Interface Details]
Guest                                 Physical
Device  Adaptor    Bus Dev Ftn Tgt Lun Storage   Device
======= ========== === === === === === ========= =========================
serial  com1                           tty       console
`;

describe('hpvmstatus -P vm (details, docs/hpvm-cli.md)', () => {
  it('prints the detail blocks of the real sample', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [
          vsp('vsp1', {
            guests: [
              guest('ivm_clone01', {
                vmNumber: 11,
                state: 'Off',
                vcpus: 3,
                entitlementPct: 20,
                memoryMb: 2048,
                storage: [
                  { device: 'disk', adaptor: 'scsi', backing: 'lv', path: '/dev/vg_vmtest/rivm1d1', address: '0,2,0' },
                  { device: 'dvd', adaptor: 'scsi', backing: 'disk', path: '/dev/rdsk/c1t4d0', address: '0,2,2' },
                ],
                networks: [{ vswitch: 'vlan02', adaptor: 'lan', mac: 'f6-fb-bf-41-78-63', address: '0,0' }],
              }),
            ],
          }),
        ],
      }),
    );
    const { stdout } = await run(model, 'vsp1', 'hpvmstatus -P ivm_clone01');
    // The vswitch port number is the one value the simulator does not model: it numbers ports per guest.
    expect(stdout).toBe(DETAILS_SAMPLE.replace('vlan02     11     ', 'vlan02     1      '));
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
  ])('%s', async (commandLine, stderr) => {
    const model = new FleetModel(fleetOf({ vsps: [vsp('vsp1')] }));
    expect(await run(model, 'vsp1', commandLine)).toEqual({ code: 1, stdout: '', stderr });
  });
});
