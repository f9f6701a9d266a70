import { describe, expect, it } from 'vitest';
import { buildVspInventory, type VspInventoryInput } from '../../../../src/domain/build-vsp-inventory.ts';
import { parseHpvmnet } from '../../../../src/domain/parsers/parse-hpvmnet.ts';
import { parseHpvmstatusAttributes } from '../../../../src/domain/parsers/parse-hpvmstatus-attributes.ts';
import { parseHpvmstatusDevices } from '../../../../src/domain/parsers/parse-hpvmstatus-devices.ts';
import { parseHpvmstatusTable } from '../../../../src/domain/parsers/parse-hpvmstatus-table.ts';
import { parseMachinfo } from '../../../../src/domain/parsers/parse-machinfo.ts';
import { readFixture } from './read-fixture.ts';

const cpuRow = { vcpus: 4, entitlementPct: 10, maximumPct: 100, cumulativeUsage: 1 };
/** Usage of two guests of the table, and sql-dev, which the table does not list. */
const USAGE = [
  { ...cpuRow, name: 'oratest01', vmNumber: 1, usagePct: 37.5 },
  { ...cpuRow, name: 'sles01', vmNumber: 5, usagePct: 2 },
  { ...cpuRow, name: 'sql-dev', vmNumber: 2, usagePct: 0.3 },
];

function input(overrides: Partial<VspInventoryInput> = {}): VspInventoryInput {
  return {
    name: 'vsp1',
    hpvmVersion: '4.3',
    table: parseHpvmstatusTable(readFixture('hpvmstatus-4.x-derived-nr.txt')).value,
    devicesByGuest: new Map([
      ['oratest01', parseHpvmstatusDevices(readFixture('hpvmstatus-d-derived-all-kinds.txt')).value],
    ]),
    resources: USAGE,
    vswitches: parseHpvmnet(readFixture('hpvmnet-3.5-jrey-new.txt')).value,
    machinfo: parseMachinfo(readFixture('machinfo-11.31-bl870c-9340.txt')).value,
    ...overrides,
  };
}

describe('buildVspInventory', () => {
  it('merges the table, devices, usage, vswitches and machinfo', () => {
    const { value, issues } = buildVspInventory(input());
    expect(value).toMatchObject({
      name: 'vsp1',
      hpvmVersion: '4.3',
      memoryMb: 65536,
      cpu: { family: 32, model: 2, cores: 8 },
    });
    expect(value.vswitches.map((vswitch) => vswitch.name)).toEqual(['localnet', 'vlan02', 'vlan03']);
    expect(value.guests.map((guest) => guest.name)).toEqual(['oratest01', 'sapvm01', 'sles01', 'ws2003', 'hpvm1']);
    const oratest = value.guests[0];
    expect(oratest?.cpuUsagePct).toBe(37.5);
    expect(oratest?.storage).toHaveLength(11);
    expect(oratest?.deviceCount).toBe(10);
    expect(oratest?.unreadDevices).toBeUndefined();
    expect(oratest?.networks?.map((nic) => nic.vswitch)).toEqual(['localnet', 'vlan02', 'vlan03']);
    expect(value.guests[1]).toEqual({
      name: 'sapvm01',
      vmNumber: 3,
      kind: 'vm',
      os: 'HPUX',
      state: 'Off',
      stateText: 'Off',
      vcpus: 3,
      memoryMb: 8192,
      deviceCount: 8,
    });
    expect(value.guests[2]?.cpuUsagePct).toBe(2);
    // sql-dev has usage but is not in the 4.x table.
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 0, line: 'sql-dev' })]);
  });

  it('lets the config override win over machinfo, and says so when they disagree', () => {
    const machinfo = parseMachinfo(readFixture('machinfo-11.23-rx8640.txt')).value;
    const { value, issues } = buildVspInventory(
      input({ machinfo, resources: [], overrides: { cpuFamily: 32, cpuModel: 0 } }),
    );
    expect(value.cpu).toEqual({ family: 32, model: 0, cores: 2, description: 'Intel(R) Itanium 2 9100 series' });
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 0 })]);
    expect(issues[0]?.message).toContain('cpuModel 0');
  });

  it('fills family/model from the config when machinfo could not', () => {
    const machinfo = parseMachinfo('CPU info:\n   Mystery CPU\n   4 cores (4 per socket)\nMemory: 1024 MB\n').value;
    const { value, issues } = buildVspInventory(
      input({ machinfo, resources: [], overrides: { cpuFamily: 33, cpuModel: 1 } }),
    );
    expect(value.cpu).toEqual({ family: 33, model: 1, cores: 4, description: 'Mystery CPU' });
    expect(issues).toEqual([]);
  });

  it('accepts devices as a Record, including a guest called constructor', () => {
    const devices = { storage: [], networks: [{ adaptor: 'lan', vswitch: 'vlan02' }], unread: [] };
    const table = [{ ...input().table[0]!, name: 'constructor' }];
    const { value, issues } = buildVspInventory(
      input({ table, resources: [], devicesByGuest: { constructor: devices } }),
    );
    expect(value.guests[0]?.networks).toEqual(devices.networks);
    expect(issues).toEqual([]);
    const other = buildVspInventory(
      input({ table: [{ ...table[0]!, name: 'toString' }], resources: [], devicesByGuest: {} }),
    );
    expect(other.value.guests[0]?.storage).toBeUndefined();
  });

  it('warns on devices and duplicate usage rows that do not fit the table', () => {
    const row = { name: 'sles01', vmNumber: 5, vcpus: 1, entitlementPct: 10, maximumPct: 100, cumulativeUsage: 1 };
    const { value, issues } = buildVspInventory(
      input({
        devicesByGuest: new Map([['ghost', { storage: [], networks: [], unread: [] }]]),
        resources: [
          { ...row, usagePct: 5 },
          { ...row, usagePct: 6 },
        ],
      }),
    );
    expect(value.guests.find((guest) => guest.name === 'sles01')?.cpuUsagePct).toBe(5);
    expect(issues.map((issue) => issue.line)).toEqual(['sles01', 'ghost']);
  });

  it('keeps the rows the devices parser could not read on the guest, with the table count', () => {
    const devices = parseHpvmstatusDevices(readFixture('hpvmstatus-d-derived-unreadable.txt')).value;
    const { value } = buildVspInventory(input({ devicesByGuest: new Map([['hpvm1', devices]]) }));
    const hpvm1 = value.guests.find((guest) => guest.name === 'hpvm1');
    expect(hpvm1?.deviceCount).toBe(1);
    expect(hpvm1?.storage).toHaveLength(2);
    expect(hpvm1?.unreadDevices).toEqual([
      {
        position: 2,
        line: 'disk:avio_stor:slot7:disk:/dev/rdisk/disk31',
        reason: "storage address 'slot7' is not bus,dev,target",
      },
    ]);
  });

  it('takes online migration from the attributes, and ignores attributes that name another guest', () => {
    const attributes = parseHpvmstatusAttributes(readFixture('hpvmstatus-V-derived-attributes.txt')).value;
    const { value, issues } = buildVspInventory(
      input({
        attributesByGuest: new Map([
          ['sapvm01', { ...attributes, name: 'sapvm01' }],
          ['sles01', attributes],
          ['ws2003', {}],
        ]),
      }),
    );
    const byName = new Map(value.guests.map((guest) => [guest.name, guest.onlineMigrationEnabled]));
    expect(byName.get('sapvm01')).toBe(false);
    expect(byName.get('sles01')).toBeUndefined();
    expect(byName.get('ws2003')).toBeUndefined();
    expect(byName.get('oratest01')).toBeUndefined();
    expect(issues.map((issue) => issue.line)).toEqual(['sql-dev', 'sles01']);
  });

  it('treats missing resources and vswitches as unknown usage and no vswitches', () => {
    const { value, issues } = buildVspInventory(input({ resources: undefined, vswitches: undefined }));
    expect(value.vswitches).toEqual([]);
    expect(value.guests.every((guest) => guest.cpuUsagePct === undefined)).toBe(true);
    expect(issues).toEqual([]);
  });
});
