import { describe, expect, it } from 'vitest';
import { estimateRemaining, overallFraction } from '../../../../src/domain/execution/estimate-remaining.ts';

describe('overallFraction', () => {
  it.each([
    [undefined, undefined],
    [{ phase: 'Init', percent: 0 }, 0],
    [{ phase: 'Init', percent: 100 }, 0.05],
    [{ phase: 'Copy', percent: 0 }, 0.05],
    [{ phase: 'Copy', percent: 50 }, 0.475],
    [{ phase: 'Copy', percent: 100 }, 0.9],
    [{ phase: 'I/O Quiesce', percent: 100 }, 0.95],
    [{ phase: 'Frozen', percent: 100 }, 1],
    [{ phase: 'Copy', percent: 140 }, 0.9],
    [{ phase: 'Offline', percent: 50 }, undefined],
  ])('%j → %s', (progress, expected) => {
    const fraction = overallFraction(progress);
    if (expected === undefined) expect(fraction).toBeUndefined();
    else expect(fraction).toBeCloseTo(expected, 10);
  });
});

describe('estimateRemaining', () => {
  it('uses the planned estimate before any progress (and for moves that print none)', () => {
    expect(estimateRemaining(undefined, 10_000, 60)).toEqual({ fraction: 0, remainingSeconds: 50, basis: 'planned' });
    expect(estimateRemaining(undefined, 90_000, 60)).toEqual({ fraction: 0, remainingSeconds: 0, basis: 'planned' });
    expect(estimateRemaining({ phase: 'Offline', percent: 10 }, 0, 60)).toMatchObject({ basis: 'planned' });
  });

  it('extrapolates from the progress once the copy has begun', () => {
    // 47.5 % of the move after 47.5 s: 52.5 s to go.
    expect(estimateRemaining({ phase: 'Copy', percent: 50 }, 47_500, 100)).toEqual({
      fraction: 0.475,
      remainingSeconds: 53,
      basis: 'measured',
    });
    // Faster than planned: the measurement wins over the plan.
    expect(estimateRemaining({ phase: 'Copy', percent: 90 }, 20_000, 100)).toMatchObject({ remainingSeconds: 5 });
    // Only Init done: still the plan.
    expect(estimateRemaining({ phase: 'Init', percent: 100 }, 2_000, 100)).toEqual({
      fraction: 0.05,
      remainingSeconds: 98,
      basis: 'planned',
    });
  });

  it('is done at Frozen 100 %', () => {
    expect(estimateRemaining({ phase: 'Frozen', percent: 100 }, 1000, 100)).toEqual({
      fraction: 1,
      remainingSeconds: 0,
      basis: 'measured',
    });
  });
});
