import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_START, ManualClock } from '../../support/memory/manual-clock.ts';

describe('ManualClock', () => {
  it('starts at the default moment and moves only when told', () => {
    const clock = new ManualClock();
    expect(clock.now().toISOString()).toBe(DEFAULT_CLOCK_START);
    expect(clock.now().toISOString()).toBe(DEFAULT_CLOCK_START);
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2026-12-01T10:00:01.500Z');
    clock.set('2027-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    clock.set(new Date('2026-06-01T08:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2026-06-01T08:00:00.000Z');
  });

  it('hands out a new Date each time, so a caller cannot move it by mutating one', () => {
    const clock = new ManualClock('2026-12-24T18:00:00.000Z');
    const first = clock.now();
    first.setFullYear(1999);
    expect(clock.now()).not.toBe(clock.now());
    expect(clock.now().toISOString()).toBe('2026-12-24T18:00:00.000Z');
  });

  it('refuses a negative step and a date that is none', () => {
    const clock = new ManualClock();
    expect(() => clock.advance(-1)).toThrow(/non-negative/);
    expect(() => clock.advance(Number.NaN)).toThrow(/non-negative/);
    expect(() => clock.set('tomorrow-ish')).toThrow(/not a date/);
    expect(() => new ManualClock('soon')).toThrow(/not a date/);
  });
});
