import { describe, expect, it } from 'vitest';
import { parseHpvmstatusAttributes } from '../../../../src/domain/parsers/parse-hpvmstatus-attributes.ts';
import { crlfWithTrailingSpaces, readFixture } from './read-fixture.ts';

describe('parseHpvmstatusAttributes', () => {
  it('reads the guest name of the 6.3 guide sample (p. 224) and leaves online migration unknown', () => {
    const { value, issues } = parseHpvmstatusAttributes(readFixture('hpvmstatus-V-6.3-ag-p224.txt'));
    expect(value).toEqual({ name: 'vm001' });
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 0 })]);
    expect(issues[0]?.message).toContain('online migration stays unknown');
  });

  it('passes over the dynamic memory block of -V (3.x guide p. 121) without reading anything from it', () => {
    const { value, issues } = parseHpvmstatusAttributes(readFixture('hpvmstatus-V-ag-p121-dynamic-memory.txt'));
    expect(value).toEqual({});
    expect(issues.map((issue) => issue.severity)).toEqual(['warning']);
  });

  it('reads online_migration and the register attributes', () => {
    const { value, issues } = parseHpvmstatusAttributes(readFixture('hpvmstatus-V-derived-attributes.txt'));
    expect(issues).toEqual([]);
    expect(value).toEqual({
      name: 'sgnode',
      runnable: true,
      modifiable: true,
      visible: true,
      onlineMigration: false,
    });
  });

  it('tolerates CRLF line ends and trailing spaces', () => {
    const text = readFixture('hpvmstatus-V-derived-attributes.txt');
    expect(parseHpvmstatusAttributes(crlfWithTrailingSpaces(text))).toEqual(parseHpvmstatusAttributes(text));
  });

  // HP prints no sample of these lines [INF]: the spellings a host could plausibly use all read the same.
  it.each([
    ['online_migration : enabled', true],
    ['Online Migration : Enabled', true],
    ['Online migration status          : Disabled', false],
    ['Online VM Migration : disabled', false],
    ['online_migration :enabled', true],
    ['Online migration enabled : yes', true],
    ['online_migration : no', false],
  ])('%s', (line, expected) => {
    const { value, issues } = parseHpvmstatusAttributes(`[Virtual Machines Details]\n${line}\n`);
    expect(issues).toEqual([]);
    expect(value.onlineMigration).toBe(expected);
  });

  it('leaves a value it does not understand unknown, with a warning on its line', () => {
    const { value, issues } = parseHpvmstatusAttributes('[Virtual Machines Details]\nonline_migration : maybe\n');
    expect(value.onlineMigration).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', lineNumber: 2 }),
      expect.objectContaining({ severity: 'warning', lineNumber: 0 }),
    ]);
  });

  it('keeps the first of two contradicting values and warns', () => {
    const text = 'online_migration : disabled\nOnline Migration : enabled\n';
    const { value, issues } = parseHpvmstatusAttributes(text);
    expect(value.onlineMigration).toBe(false);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 2 })]);
  });

  it('reads the register status and the runnable status', () => {
    const text = 'Runnable status : Disabled\nRegister status : Disabled\nonline_migration : enabled\n';
    expect(parseHpvmstatusAttributes(text).value).toEqual({
      runnable: false,
      registered: false,
      onlineMigration: true,
    });
  });

  it('reports an output with no key : value line once, at line 0', () => {
    const { value, issues } = parseHpvmstatusAttributes("hpvmstatus: Unable to find the guest 'nosuch'.\n");
    expect(value).toEqual({});
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 0 })]);
  });
});
