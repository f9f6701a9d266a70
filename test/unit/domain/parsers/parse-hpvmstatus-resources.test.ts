import { describe, expect, it } from 'vitest';
import { parseHpvmstatusResources } from '../../../../src/domain/parsers/parse-hpvmstatus-resources.ts';
import { crlfWithTrailingSpaces, readFixture } from './read-fixture.ts';

const CPU_HEADER = [
  '[Virtual Machine Resource Entitlement]',
  '[Virtual CPU entitlement]',
  ' Percent       Cumulative',
  'Virtual Machine Name VM #  #VCPUs Entitlement Maximum   Usage            Usage',
  '==================== ===== ====== =========== ======= ======= ================',
].join('\n');

describe('parseHpvmstatusResources', () => {
  it('reads the CPU table of the real 4.2 capture and skips its memory section without an issue', () => {
    const { value, issues } = parseHpvmstatusResources(readFixture('hpvmstatus-r-4.2-jrey-mem.txt'));
    expect(issues).toEqual([]);
    expect(value.map((row) => [row.name, row.vmNumber, row.vcpus, row.entitlementPct, row.usagePct])).toEqual([
      ['rh-www', 1, 4, 50, 0],
      ['sql-dev', 2, 4, 50, 0.3],
      ['rhino', 3, 4, 50, 0],
      ['batman', 4, 8, 20, 0.8],
      ['robin', 5, 8, 20, 0.8],
      ['falcon', 6, 2, 10, 0],
    ]);
    expect(value[1]).toEqual({
      name: 'sql-dev',
      vmNumber: 2,
      vcpus: 4,
      entitlementPct: 50,
      maximumPct: 100,
      usagePct: 0.3,
      cumulativeUsage: 21611866,
    });
  });

  it('still warns once for a section it does not know', () => {
    const text = `${CPU_HEADER}\n[Virtual Disk Usage]\nfoo\nbar\n`;
    const { issues } = parseHpvmstatusResources(text);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', line: '[Virtual Disk Usage]' })]);
    expect(issues[0]?.message).toContain('2 line(s) skipped');
  });

  it('tolerates CRLF line ends and trailing spaces', () => {
    const text = readFixture('hpvmstatus-r-4.2-jrey-mem.txt');
    expect(parseHpvmstatusResources(crlfWithTrailingSpaces(text))).toEqual(parseHpvmstatusResources(text));
  });

  it('reads the CPU section alone without issues', () => {
    const text = `${CPU_HEADER}\nsql-dev                  2      4       50.0%  100.0%    0.3%         21611866\n`;
    expect(parseHpvmstatusResources(text).issues).toEqual([]);
  });

  it('reads a long name that pushes the row right', () => {
    const name = 'x'.repeat(64);
    const { value, issues } = parseHpvmstatusResources(
      `${CPU_HEADER}\n${name}     7      2       10.0%  100.0%   12.5%         100\n`,
    );
    expect(issues).toEqual([]);
    expect(value).toEqual([expect.objectContaining({ name, vmNumber: 7, usagePct: 12.5 })]);
  });

  it('reads a table with no rows (no guest is On)', () => {
    expect(parseHpvmstatusResources(`${CPU_HEADER}\n`)).toEqual({ value: [], issues: [] });
  });

  it.each([
    ['percent sign missing', 'g1 2 4 50.0 100.0% 0.3% 1'],
    ['a word for usage', 'g1 2 4 50.0% 100.0% high 1'],
    ['a decimal cumulative', 'g1 2 4 50.0% 100.0% 0.3% 1.5'],
    ['a missing column', 'g1 2 4 50.0% 100.0% 0.3%'],
    ['an extra column', 'g1 2 4 50.0% 100.0% 0.3% 1 1'],
    ['NaN', 'g1 2 4 NaN% 100.0% 0.3% 1'],
  ])('rejects a row with %s as an error on its line', (_case, row) => {
    const { value, issues } = parseHpvmstatusResources(`${CPU_HEADER}\n${row}\n`);
    expect(value).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 6 })]);
  });

  it('warns once per unknown section and per stray line; the memory section is expected', () => {
    const text = [
      'stray', // 1
      '[Virtual Machine Resource Entitlement]', // 2
      'also stray', // 3
      '[Virtual CPU entitlement]', // 4
      'Virtual Machine Name VM #  #VCPUs Entitlement Maximum   Usage            Usage', // 5
      '==================== ===== ====== =========== ======= ======= ================', // 6
      '[Virtual CPU details]', // 7
      'a b c', // 8
      'd e f', // 9
      '[Virtual Machine Memory Entitlement]', // 10
      'g h i', // 11
    ].join('\n');
    const { issues } = parseHpvmstatusResources(text);
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['warning', 1],
      ['warning', 3],
      ['warning', 7],
    ]);
  });

  it('reports a missing CPU section once at line 0', () => {
    const { value, issues } = parseHpvmstatusResources('hpvmstatus: not running\n');
    expect(value).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 0 })]);
  });

  it('reports a CPU section without a header at the section line', () => {
    const { issues } = parseHpvmstatusResources('[Virtual CPU entitlement]\nsql-dev 2 4 50.0% 100.0% 0.3% 1\n');
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 1 })]);
  });

  it('reports a header without the cumulative column', () => {
    const text = [
      '[Virtual CPU entitlement]',
      'Virtual Machine Name VM #  #VCPUs Entitlement Maximum   Usage',
      '==================== ===== ====== =========== ======= =======',
      'g1 2 4 50.0% 100.0% 0.3%',
    ].join('\n');
    const { value, issues } = parseHpvmstatusResources(text);
    expect(value).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 2 })]);
  });
});
