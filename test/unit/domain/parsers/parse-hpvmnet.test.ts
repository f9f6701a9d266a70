import { describe, expect, it } from 'vitest';
import { parseHpvmnet } from '../../../../src/domain/parsers/parse-hpvmnet.ts';
import { crlfWithTrailingSpaces, readFixture } from './read-fixture.ts';

const HEADER = [
  'Name     Number State   Mode      NamePPA  MAC Address    IP Address',
  '======== ====== ======= ========= ======== ============== ===============',
].join('\n');

describe('parseHpvmnet', () => {
  it('reads the vswitch table; an empty NamePPA is no pNIC', () => {
    const { value, issues } = parseHpvmnet(readFixture('hpvmnet-3.5-jrey-new.txt'));
    expect(issues).toEqual([]);
    expect(value).toEqual([
      { name: 'localnet', number: 1, state: 'Up' },
      { name: 'vlan02', number: 2, state: 'Up', pnic: 'lan3' },
      { name: 'vlan03', number: 3, state: 'Up', pnic: 'lan4' },
    ]);
  });

  it('tolerates CRLF line ends and trailing spaces', () => {
    const text = readFixture('hpvmnet-3.5-jrey-new.txt');
    expect(parseHpvmnet(crlfWithTrailingSpaces(text))).toEqual(parseHpvmnet(text));
  });

  it('reads a long vswitch name that pushes the row right', () => {
    const { value, issues } = parseHpvmnet(
      `${HEADER}\nbackupnet01   12 Down    Shared    lan900   0x00306E4A1B2C 10.1.2.3\n`,
    );
    expect(issues).toEqual([]);
    expect(value).toEqual([{ name: 'backupnet01', number: 12, state: 'Down', pnic: 'lan900' }]);
  });

  it.each([
    ['a non-numeric number', 'vlan09   x9 Up      Shared    lan3     N/A            N/A'],
    ['too many tokens', 'vlan09   9 Up      Shared    lan3 lan4 N/A            N/A'],
    ['too few tokens', 'vlan09   9 Up      Shared'],
    ['the IP cell missing (NamePPA would shift into MAC)', 'vlan09   9 Up      Shared    lan3     N/A'],
  ])('rejects a row with %s as an error on its line', (_case, row) => {
    const { value, issues } = parseHpvmnet(`${HEADER}\n${row}\n`);
    expect(value).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 3 })]);
  });

  it('warns on a line before the header and rejects a duplicate name', () => {
    const text = `hpvmnet: note\n${HEADER}\nlocalnet 1 Up Shared N/A N/A\nlocalnet 2 Up Shared N/A N/A\n`;
    const { value, issues } = parseHpvmnet(text);
    expect(value).toHaveLength(1);
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['warning', 1],
      ['error', 5],
    ]);
  });

  it('reports a missing header once at line 0', () => {
    expect(parseHpvmnet('').issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 0, line: '' })]);
  });
});
