import { describe, expect, it } from 'vitest';
import { parseHpvmstatusTable } from '../../../../src/domain/parsers/parse-hpvmstatus-table.ts';
import { crlfWithTrailingSpaces, readFixture } from './read-fixture.ts';

describe('parseHpvmstatusTable', () => {
  it('reads the 4.x reference table', () => {
    const { value, issues } = parseHpvmstatusTable(readFixture('hpvmstatus-4.x-derived-nr.txt'));
    expect(issues).toEqual([]);
    expect(value).toHaveLength(5);
    expect(value[0]).toEqual({
      name: 'oratest01',
      vmNumber: 1,
      kind: 'vm',
      os: 'HPUX',
      state: 'On',
      stateText: 'On (OS)',
      vcpus: 4,
      devs: 10,
      nets: 3,
      memoryMb: 16384,
    });
    expect(value.map((row) => [row.name, row.vmNumber, row.os, row.state, row.memoryMb])).toEqual([
      ['oratest01', 1, 'HPUX', 'On', 16384],
      ['sapvm01', 3, 'HPUX', 'Off', 8192],
      ['sles01', 5, 'LINUX', 'On', 4096],
      ['ws2003', 8, 'WINDOWS', 'Off', 12288],
      ['hpvm1', 10, 'HPUX', 'NotRunnable', 3072],
    ]);
    expect(value[4]?.stateText).toBe('Off (NR)');
  });

  it.each([
    ['hpvmstatus-3.5-jrey-migration.txt', 9, ['hp-vxvm', 7, 'vm', 'HPUX', 'On', 2, 17, 3, 6144]],
    ['hpvmstatus-3.5-jrey-clone.txt', 3, ['ivm_clone01', 11, 'vm', 'HPUX', 'Off', 3, 3, 2, 2048]],
  ] as const)('reads the real 3.5 table %s', (name, count, last) => {
    const { value, issues } = parseHpvmstatusTable(readFixture(name));
    expect(issues).toEqual([]);
    expect(value).toHaveLength(count);
    const row = value.find((candidate) => candidate.name === last[0]);
    expect(
      row && [row.name, row.vmNumber, row.kind, row.os, row.state, row.vcpus, row.devs, row.nets, row.memoryMb],
    ).toEqual(last);
  });

  it('reads the 6.3 table of the administrator guide (p. 221): Type column, no Runsysid', () => {
    const { value, issues } = parseHpvmstatusTable(readFixture('hpvmstatus-6.3-ag-p221.txt'));
    expect(issues).toEqual([]);
    expect(value).toEqual([
      {
        name: 'vm1',
        vmNumber: 9,
        kind: 'vm',
        os: 'HPUX',
        state: 'On',
        stateText: 'On (OS)',
        vcpus: 2,
        devs: 1,
        nets: 1,
        memoryMb: 2048,
      },
      {
        name: 'vpar1',
        vmNumber: 11,
        kind: 'vpar',
        os: 'HPUX',
        state: 'On',
        stateText: 'On (OS)',
        vcpus: 1,
        devs: 1,
        nets: 1,
        memoryMb: 2048,
      },
    ]);
  });

  it('reads the 6.x table with its Type column', () => {
    const { value, issues } = parseHpvmstatusTable(readFixture('hpvmstatus-6.x-derived-ovms.txt'));
    expect(issues).toEqual([]);
    expect(value.map((row) => [row.name, row.vmNumber, row.kind, row.os, row.state, row.vcpus, row.memoryMb])).toEqual([
      ['prodvm01', 1, 'vm', 'HPUX', 'On', 4, 16384],
      ['vpar01', 2, 'vpar', 'HPUX', 'Off', 2, 8192],
      ['vms01', 3, 'vm', 'OVMS', 'On', 2, 2048],
    ]);
  });

  it('reads a row pushed right by a 64-character name', () => {
    const { value, issues } = parseHpvmstatusTable(readFixture('hpvmstatus-long-name.txt'));
    expect(issues).toEqual([]);
    expect(
      value.map((row) => [row.name, row.vmNumber, row.stateText, row.vcpus, row.devs, row.nets, row.memoryMb]),
    ).toEqual([
      ['short1', 1, 'On (OS)', 2, 3, 1, 4096],
      ['a-very-long-guest-name-that-fills-all-sixty-four-characters-0001', 2, 'Off (NR)', 8, 12, 2, 65536],
      ['exactly-twenty-chars', 3, 'Off', 1, 2, 1, 512],
    ]);
  });

  it('reads an empty host as no guests and no issue', () => {
    expect(parseHpvmstatusTable(readFixture('hpvmstatus-empty.txt'))).toEqual({ value: [], issues: [] });
  });

  it('reports the unknown line and the malformed rows with their line numbers, and keeps the good rows', () => {
    const { value, issues } = parseHpvmstatusTable(readFixture('hpvmstatus-malformed.txt'));
    expect(value.map((row) => row.name)).toEqual(['good01', 'good02']);
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['warning', 2],
      ['error', 6],
      ['error', 8],
    ]);
    expect(issues[0]?.line).toBe('Note: guest configuration is being updated');
    expect(issues[1]?.line).toMatch(/^broken01/);
    expect(issues[2]?.message).toContain("VM # 'x7'");
  });

  it('tolerates CRLF line ends and trailing spaces', () => {
    const plain = parseHpvmstatusTable(readFixture('hpvmstatus-6.x-derived-ovms.txt'));
    expect(parseHpvmstatusTable(crlfWithTrailingSpaces(readFixture('hpvmstatus-6.x-derived-ovms.txt')))).toEqual(plain);
  });

  it('reports a missing header once, at line 0, with no guests', () => {
    const { value, issues } = parseHpvmstatusTable('hpvmstatus: something went wrong\nand more\n');
    expect(value).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'error', lineNumber: 0, line: 'hpvmstatus: something went wrong' }),
    ]);
  });

  it('reports a header that is not the guest table', () => {
    const { value, issues } = parseHpvmstatusTable('Name     Number\n======== ======\nlocalnet      1\n');
    expect(value).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 1 })]);
  });

  const header = [
    '[Virtual Machines]',
    'Virtual Machine Name VM #  OS Type State     #VCPUs #Devs #Nets Memory  Runsysid',
    '==================== ===== ======= ========= ====== ===== ===== ======= ========',
  ].join('\n');

  it.each([
    [
      'unknown state kept verbatim',
      'g1     1 HPUX    On (EFI)       1     1     1    1 GB        0',
      'Other',
      'On (EFI)',
      'HPUX',
    ],
    [
      'single-word unknown state',
      'g1     1 HPUX    Invalid        1     1     1    1 GB        0',
      'Other',
      'Invalid',
      'HPUX',
    ],
    ['lower-case unit', 'g1     1 HPUX    Off            1     1     1  512 mb        0', 'Off', 'Off', 'HPUX'],
    ['OpenVMS spelled out', 'g1     1 OpenVMS Off            1     1     1    1 GB        0', 'Off', 'Off', 'OVMS'],
  ])('row: %s', (_case, row, state, stateText, os) => {
    const { value, issues } = parseHpvmstatusTable(`${header}\n${row}\n`);
    expect(issues).toEqual([]);
    expect(value[0]).toMatchObject({ name: 'g1', state, stateText, os });
  });

  it.each([
    ['memory without unit', 'g1     1 HPUX    Off            1     1     1    1        0'],
    ['memory in TB', 'g1     1 HPUX    Off            1     1     1    1 TB        0'],
    ['decimal vCPUs', 'g1     1 HPUX    Off          1.5     1     1    1 GB        0'],
    ['negative VM number', 'g1    -1 HPUX    Off            1     1     1    1 GB        0'],
    ['huge number', 'g1     1 HPUX    Off   9999999999999999     1     1    1 GB        0'],
    ['state that is a number', 'g1     1 HPUX    7              1     1     1    1 GB        0'],
    ['too many tokens', 'g1     1 HPUX    On (OS) now really 1     1     1    1 GB        0'],
    ['a stray sentence', 'something happened here'],
  ])('rejects a row with %s as an error on its line', (_case, row) => {
    const { value, issues } = parseHpvmstatusTable(`${header}\n${row}\n`);
    expect(value).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 4 })]);
  });

  it('warns on an unknown OS Type and an unknown 6.x Type, keeping the row', () => {
    const text = [
      'Virtual Machine Name VM #  Type OS Type State     #VCPUs #Devs #Nets Memory  Runsysid',
      '==================== ===== ==== ======= ========= ====== ===== ===== ======= ========',
      'x1                       1 XX   BEOS    Off            1     1     1    1 GB        0',
    ].join('\n');
    const { value, issues } = parseHpvmstatusTable(text);
    expect(value[0]).toMatchObject({ name: 'x1', kind: 'vm', os: 'UNKNOWN' });
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['warning', 3],
      ['warning', 3],
    ]);
  });

  it('rejects a duplicate guest name', () => {
    const rows = ['g1     1 HPUX    Off   1 1 1 1 GB 0', 'g1     2 HPUX    Off   1 1 1 1 GB 0'];
    const { value, issues } = parseHpvmstatusTable(`${header}\n${rows.join('\n')}\n`);
    expect(value.map((row) => row.vmNumber)).toEqual([1]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 5 })]);
  });

  it('warns once for a section after the table', () => {
    const text = `${header}\ng1 1 HPUX Off 1 1 1 1 GB 0\n[Something Else]\nline a\nline b\n`;
    const { value, issues } = parseHpvmstatusTable(text);
    expect(value).toHaveLength(1);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 5 })]);
    expect(issues[0]?.message).toContain('2 line(s) skipped');
  });

  it('reads a header with an unknown extra column, with a warning', () => {
    const text = [
      'Virtual Machine Name VM #  OS Type State     #VCPUs #Devs #Nets Memory  Runsysid Extra',
      '==================== ===== ======= ========= ====== ===== ===== ======= ======== =====',
      'g1                       1 HPUX    Off            1     1     1    1 GB        0 yes',
    ].join('\n');
    const { value, issues } = parseHpvmstatusTable(text);
    expect(value).toHaveLength(1);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 1 })]);
  });
});
