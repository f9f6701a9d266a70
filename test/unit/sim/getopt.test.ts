import { describe, expect, it } from 'vitest';
import { getopt } from '../../../src/sim/commands/getopt.ts';

describe('getopt (HP-UX getopt(3C) behaviour)', () => {
  it.each<[string, string[], unknown]>([
    ['separate argument', ['-P', 'vm1', '-o'], { P: 'vm1', o: true }],
    ['attached argument', ['-Pvm1'], { P: 'vm1' }],
    ['clustered flags with a trailing argument', ['-odPvm1'], { o: true, d: true, P: 'vm1' }],
    ['the last occurrence wins', ['-P', 'a', '-P', 'b'], { P: 'b' }],
    ['an argument may start with a dash', ['-P', '-x'], { P: '-x' }],
  ])('%s', (_title, argv, expected) => {
    const result = getopt(argv, 'P:od');
    expect(result.ok && Object.fromEntries(result.options)).toEqual(expected);
  });

  it('stops at -- and at the first operand', () => {
    expect(getopt(['-o', '--', '-d'], 'od')).toMatchObject({ ok: true, operands: ['-d'] });
    expect(getopt(['-o', 'x', '-d'], 'od')).toMatchObject({ ok: true, operands: ['x', '-d'] });
  });

  it('reports like HP-UX', () => {
    expect(getopt(['-z'], 'od')).toEqual({ ok: false, message: 'illegal option -- z' });
    expect(getopt(['-o', '-P'], 'P:o')).toEqual({ ok: false, message: 'option requires an argument -- P' });
  });
});
