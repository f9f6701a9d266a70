import { describe, expect, it } from 'vitest';
import { parseMachinfo } from '../../../../src/domain/parsers/parse-machinfo.ts';
import { crlfWithTrailingSpaces, readFixture } from './read-fixture.ts';

describe('parseMachinfo', () => {
  it('reads 11.23 (rx8640): numeric family/model, enabled CPUs as cores, the register dump ignored', () => {
    const { value, issues } = parseMachinfo(readFixture('machinfo-11.23-rx8640.txt'));
    expect(issues).toEqual([]);
    expect(value).toEqual({
      format: '11.23',
      osRelease: 'B.11.23',
      memoryMb: 65408,
      cpu: { family: 32, model: 1, cores: 2, description: 'Intel(R) Itanium 2 9100 series' },
    });
  });

  it('reads 11.31 (BL870c i2, 9340): family/model from the table, active cores', () => {
    const { value, issues } = parseMachinfo(readFixture('machinfo-11.31-bl870c-9340.txt'));
    expect(issues).toEqual([]);
    expect(value).toEqual({
      format: '11.31',
      osRelease: 'B.11.31',
      memoryMb: 65536,
      cpu: { family: 32, model: 2, cores: 8, description: 'Intel(R)  Itanium(R)  Processor 9340 (1.6 GHz, 15 MB)' },
    });
  });

  it('reads 11.31 (Superdome2): the active core count wins over sockets × cores per socket', () => {
    const { value, issues } = parseMachinfo(readFixture('machinfo-11.31-superdome2.txt'));
    expect(issues).toEqual([]);
    expect(value).toMatchObject({ format: '11.31', memoryMb: 14332, cpu: { family: 32, model: 2, cores: 6 } });
  });

  it('reads 11.31 (rx2660, Itanium 2 9000 series)', () => {
    const { value, issues } = parseMachinfo(readFixture('machinfo-11.31-rx2660.txt'));
    expect(issues).toEqual([]);
    expect(value).toEqual({
      format: '11.31',
      osRelease: 'B.11.31',
      memoryMb: 8171,
      cpu: {
        family: 32,
        model: 0,
        cores: 2,
        description: 'Intel(R) Itanium 2 9000 series processor (1.59 GHz, 18 MB)',
      },
    });
  });

  it('reads early 11.31 (rx6600) that prints no cores: logical processors, with a warning', () => {
    const { value, issues } = parseMachinfo(readFixture('machinfo-11.31-rx6600.txt'));
    expect(value).toMatchObject({ memoryMb: 24542, cpu: { family: 32, model: 1, cores: 8 } });
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 1 })]);
  });

  it.each(['machinfo-11.23-rx8640.txt', 'machinfo-11.31-bl870c-9340.txt', 'machinfo-11.31-rx2660.txt'] as const)(
    'tolerates CRLF line ends and trailing spaces (%s)',
    (name) => {
      const text = readFixture(name);
      expect(parseMachinfo(crlfWithTrailingSpaces(text))).toEqual(parseMachinfo(text));
    },
  );

  it('warns, with the fleet-config advice, for an unknown 11.31 processor', () => {
    const text =
      'CPU info:\n   Intel(R) Xeon(R) Gold 6248\n   Active processor count:\n   2 sockets\n   40 cores (20 per socket)\n\nMemory: 1024 MB (1 GB)\n';
    const { value, issues } = parseMachinfo(text);
    expect(value.cpu).toEqual({ description: 'Intel(R) Xeon(R) Gold 6248', cores: 40 });
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 2 })]);
    expect(issues[0]?.message).toMatch(/cpuFamily.*cpuModel/);
  });

  it('falls back to sockets × cores per socket', () => {
    const text =
      'CPU info:\n  2 Intel(R) Itanium 2 9000 series processors (1.59 GHz, 18 MB)\n  2 cores, 4 logical processors per socket\nMemory: 2048 MB (2 GB)\n';
    expect(parseMachinfo(text)).toEqual({
      value: {
        format: '11.31',
        memoryMb: 2048,
        cpu: {
          family: 32,
          model: 0,
          cores: 4,
          description: '2 Intel(R) Itanium 2 9000 series processors (1.59 GHz, 18 MB)',
        },
      },
      issues: [],
    });
  });

  it('warns on an unknown 11.31 CPU line, a line outside sections and once per unknown section', () => {
    const text = [
      'stray', // 1
      'CPU info:', // 2
      '   Intel(R) Itanium(R) Processor 9560 (2.53 GHz, 32 MB)', // 3
      '   8 cores, 16 logical processors per socket', // 4
      '   something new', // 5
      '          Active processor count:', // 6
      '          1 socket', // 7
      '          8 cores (8 per socket)', // 8
      'Memory: 1024 MB (1 GB)', // 9
      'Power info:', // 10
      '   a', // 11
      '   b', // 12
    ].join('\n');
    const { value, issues } = parseMachinfo(text);
    expect(value.cpu).toMatchObject({ family: 33, model: 0, cores: 8 });
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['warning', 1],
      ['warning', 10],
      ['warning', 5],
    ]);
    expect(issues[1]?.message).toContain('2 line(s) skipped');
  });

  it('reports bad numbers as errors and never as NaN', () => {
    const text = 'CPU info:\n   Number of CPUs = many\nMemory = lots MB\n';
    const { value, issues } = parseMachinfo(text);
    expect(value).toMatchObject({ format: '11.23', memoryMb: 0, cpu: { cores: 0 } });
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['error', 3],
      ['error', 2],
      ['warning', 1],
    ]);
  });

  it('reports 11.23 without family/model lines with the fleet-config advice', () => {
    const { value, issues } = parseMachinfo('CPU info:\n   Number of CPUs = 4\nMemory = 4096 MB (4 GB)\n');
    expect(value.cpu).toEqual({ description: '', cores: 4 });
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 1 })]);
    expect(issues[0]?.message).toMatch(/cpuFamily.*cpuModel/);
  });

  it('reports empty output as errors at line 0', () => {
    const { value, issues } = parseMachinfo('');
    expect(value).toEqual({ format: '11.31', memoryMb: 0, cpu: { description: '', cores: 0 } });
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['error', 0],
      ['error', 0],
    ]);
  });

  it('warns when the release contradicts the shape', () => {
    const text = readFixture('machinfo-11.31-rx2660.txt').replace('HP-UX B.11.31', 'HP-UX B.11.23');
    const { value, issues } = parseMachinfo(text);
    expect(value.format).toBe('11.31');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 0 })]);
  });
});
