import { describe, expect, it } from 'vitest';
import { normalizeSignal } from '../../../../src/adapters/ssh/normalize-signal.ts';

describe('normalizeSignal', () => {
  it.each([
    ['SIGTERM', 'SIGTERM'],
    ['TERM', 'SIGTERM'],
    ['SIGSIGKILL', 'SIGKILL'],
    ['hup', 'SIGHUP'],
  ])('%s → %s', (input, output) => {
    expect(normalizeSignal(input)).toBe(output);
  });
});
