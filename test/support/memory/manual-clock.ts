/**
 * A Clock (src/ports.ts) that moves only when the test says so: use-case tests assert exact timestamps
 * (`requestedAt`, audit entries, quiet hours) without reading the machine's clock.
 */
import type { Clock } from '../../../src/ports.ts';

export const DEFAULT_CLOCK_START = '2026-12-01T10:00:00.000Z';

export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date | string = DEFAULT_CLOCK_START) {
    this.ms = toMs(start);
  }

  /** A new Date each call, so a caller that mutates it cannot move this clock. */
  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    // Time never runs backwards for a use-case; a negative step is a mistake in the test.
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`ManualClock.advance(${ms}): give a non-negative number of ms`);
    this.ms += ms;
  }

  /** Jumps to a moment (also backwards: a test may replay a restart from an earlier state). */
  set(date: Date | string): void {
    this.ms = toMs(date);
  }
}

function toMs(date: Date | string): number {
  const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (Number.isNaN(ms)) throw new Error(`ManualClock: ${String(date)} is not a date`);
  return ms;
}
