import { describe, expect, it } from 'vitest';
import {
  estimateMovePhases,
  estimateMoveSeconds,
  ONLINE_FIXED_SECONDS,
} from '../../../../src/domain/plan/estimate-move-seconds.ts';
import { makeSettings } from '../../../support/builders.ts';

const SETTINGS = makeSettings({ linkMbPerSecond: 100, offlineMoveSeconds: 120 });

describe('estimateMovePhases', () => {
  it('online: the four phases, Copy scaled by memory, the rest the fixed cost; they sum to the estimate', () => {
    const phases = estimateMovePhases('online', 8192, SETTINGS);
    expect(phases.map((phase) => phase.name)).toEqual(['Init', 'Copy', 'I/O Quiesce', 'Frozen']);
    expect(phases[1]?.seconds).toBe(82);
    expect(phases.reduce((sum, phase) => sum + phase.seconds, 0)).toBe(estimateMoveSeconds('online', 8192, SETTINGS));
    expect(estimateMoveSeconds('online', 8192, SETTINGS)).toBe(82 + ONLINE_FIXED_SECONDS);
  });

  it('offline: one flat phase, after the storage copy when there is one', () => {
    expect(estimateMovePhases('offline', 8192, SETTINGS)).toEqual([{ name: 'Offline', seconds: 120 }]);
    expect(estimateMovePhases('offline', 8192, SETTINGS, 300)).toEqual([
      { name: 'Storage copy', seconds: 300 },
      { name: 'Offline', seconds: 120 },
    ]);
  });
});
