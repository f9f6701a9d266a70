import { describe, expect, it } from 'vitest';
import { isQuietTime } from '../../../../src/domain/workflow/quiet-hours.ts';

describe('isQuietTime', () => {
  it.each([
    ['2026-11-25T23:30:00Z', { from: '22:00', to: '06:00' }, 'UTC', true],
    ['2026-11-25T05:59:00Z', { from: '22:00', to: '06:00' }, 'UTC', true],
    ['2026-11-25T06:00:00Z', { from: '22:00', to: '06:00' }, 'UTC', false],
    ['2026-11-25T12:00:00Z', { from: '12:00', to: '13:00' }, 'UTC', true],
    ['2026-11-25T13:00:00Z', { from: '12:00', to: '13:00' }, 'UTC', false],
    // 21:30 UTC is 22:30 in Berlin (CET, UTC+1 in November).
    ['2026-11-25T21:30:00Z', { from: '22:00', to: '06:00' }, 'Europe/Berlin', true],
    ['2026-11-25T21:30:00Z', { from: '22:00', to: '06:00' }, 'UTC', false],
    ['2026-11-25T21:30:00Z', undefined, 'UTC', false],
  ] as const)('%s in %j (%s) → %s', (now, quiet, zone, expected) => {
    expect(isQuietTime(new Date(now), quiet, zone)).toBe(expected);
  });
});
