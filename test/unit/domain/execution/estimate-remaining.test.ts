import { describe, expect, it } from 'vitest';
import {
  estimateRemaining,
  MAX_UNFINISHED,
  overallFraction,
} from '../../../../src/domain/execution/estimate-remaining.ts';
import { readMigrateLog } from '../../../../src/domain/execution/parse-migrate-output.ts';
import { estimateMovePhases, phasesFromTotal } from '../../../../src/domain/plan/estimate-move-seconds.ts';
import { makeSettings } from '../../../support/builders.ts';
import { readFixture } from '../../../support/hpvm-fixtures.ts';

/** 4 GB at 100 MB/s: Init 15, Copy 41, I/O Quiesce 5, Frozen 10 = 71 s. */
const PHASES = estimateMovePhases('online', 4096, makeSettings({ linkMbPerSecond: 100, offlineMoveSeconds: 120 }));

describe('overallFraction', () => {
  it('weighs each phase by its planned seconds, Copy by memory', () => {
    expect(PHASES.map((phase) => phase.seconds)).toEqual([15, 41, 5, 10]);
    expect(overallFraction({ phase: 'Init', percent: 100 }, PHASES)).toBeCloseTo(15 / 71);
    expect(overallFraction({ phase: 'Copy', percent: 50 }, PHASES)).toBeCloseTo((15 + 20.5) / 71);
    expect(overallFraction({ phase: 'I/O quiesce', percent: 100 }, PHASES)).toBeCloseTo(61 / 71);
    expect(overallFraction({ phase: 'Frozen', step: 23, percent: 21 }, PHASES)).toBeCloseTo((61 + 2.1) / 71);
  });

  it('never says 100 % before the move succeeded', () => {
    expect(overallFraction({ phase: 'Frozen', percent: 100 }, PHASES)).toBe(MAX_UNFINISHED);
  });

  it('knows nothing of a phase the plan does not have, or of no progress', () => {
    expect(overallFraction({ phase: 'Offline', percent: 10 }, PHASES)).toBeUndefined();
    expect(overallFraction(undefined, PHASES)).toBeUndefined();
    expect(overallFraction({ phase: 'Init', percent: 10 }, [])).toBeUndefined();
  });

  it('rises with every progress line of the online fixture, and a bigger guest spends more of it in Copy', () => {
    const lines = readFixture('hpvmmigrate-online-progress.txt').split('\n');
    const fractions = lines.flatMap((_, end) => {
      const progress = readMigrateLog(lines.slice(0, end + 1)).progress;
      return progress ? [overallFraction(progress, PHASES) ?? -1] : [];
    });
    for (let index = 1; index < fractions.length; index += 1) {
      expect(fractions[index]).toBeGreaterThanOrEqual(fractions[index - 1] ?? 0);
    }
    const big = estimateMovePhases('online', 65536, makeSettings({ linkMbPerSecond: 100, offlineMoveSeconds: 120 }));
    expect(overallFraction({ phase: 'Init', percent: 100 }, big)).toBeLessThan(0.05);
  });
});

describe('estimateRemaining', () => {
  it('without progress: the plan less the time elapsed, the clock giving at most 95 %', () => {
    expect(estimateRemaining(undefined, 10_000, PHASES)).toEqual({
      fraction: 10 / 71,
      remainingSeconds: 61,
      basis: 'planned',
    });
    expect(estimateRemaining(undefined, 90_000, PHASES)).toEqual({
      fraction: 0.95,
      remainingSeconds: 0,
      basis: 'planned',
    });
  });

  it('right after Init: the rest of the plan, not "100 %, any moment"', () => {
    const estimate = estimateRemaining({ phase: 'Init', percent: 100 }, 2_000, PHASES);
    expect(estimate).toEqual({ fraction: 15 / 71, remainingSeconds: 56, basis: 'planned' });
  });

  it('from Copy on: extrapolated from the share done in the time taken', () => {
    const fraction = (15 + 20.5) / 71;
    expect(estimateRemaining({ phase: 'Copy', percent: 50 }, 35_500, PHASES)).toEqual({
      fraction,
      remainingSeconds: Math.round((35.5 * (1 - fraction)) / fraction),
      basis: 'measured',
    });
  });

  it('an offline move follows the clock against its one phase', () => {
    const offline = phasesFromTotal('offline', 120);
    expect(estimateRemaining(undefined, 60_000, offline)).toEqual({
      fraction: 0.5,
      remainingSeconds: 60,
      basis: 'planned',
    });
  });
});

describe('phasesFromTotal', () => {
  it('splits an older plan’s total the way new plans are split', () => {
    expect(phasesFromTotal('online', 71)).toEqual(PHASES);
  });
});
