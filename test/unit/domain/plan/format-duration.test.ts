import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../src/domain/plan/format-duration.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [60, '1 min'],
    [150, '2 min 30 s'],
    [3599, '59 min 59 s'],
    [3600, '1 h'],
    [3900, '1 h 5 min'],
    [3959, '1 h 5 min'],
    [-5, '0 s'],
  ])('%i s → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
