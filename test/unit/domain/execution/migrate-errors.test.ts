import { describe, expect, it } from 'vitest';
import {
  explainMigrateError,
  explainMigrateOutput,
  MIGRATE_ERRORS,
} from '../../../../src/domain/execution/migrate-errors.ts';
import { readMigrateLog } from '../../../../src/domain/execution/parse-migrate-output.ts';
import { fixtureNames, readFixture } from '../../../support/hpvm-fixtures.ts';

const MIGRATE_FIXTURES = fixtureNames().filter((name) => name.startsWith('hpvmmigrate-'));

function linesOf(name: string): string[] {
  return readFixture(name).split('\n');
}

describe('migrate-errors', () => {
  it('has hpvmmigrate fixtures to hold the table to', () => {
    expect(MIGRATE_FIXTURES.length).toBeGreaterThanOrEqual(8);
  });

  it.each(MIGRATE_FIXTURES)('%s: every failure in it has an explanation and a next step', (name) => {
    for (const failure of readMigrateLog(linesOf(name)).failures) {
      const known = explainMigrateError(failure.reason);
      expect(known, failure.reason).toBeDefined();
      expect(known?.entry.explanation).not.toBe('');
      expect(known?.nextStep).not.toBe('');
    }
  });

  it.each([
    ['hpvmmigrate-npiv-no-match.txt', /physical FC port on the same switch .* free NPIV entries/, 'DOC'],
    ['hpvmmigrate-npiv-probe-timeout.txt', /tunables=ogmo=90000.*migrate_frozen_phase_timeout=90/, 'DOC'],
    ['hpvmmigrate-device-shared.txt', /\/dev\/rdsk\/c1t4d0 is marked shared/, 'CODE'],
    ['hpvmmigrate-device-missing.txt', /present the same SAN LUNs/, 'CODE'],
    ['hpvmmigrate-host-key-failed.txt', /accept the key/, 'DOC'],
  ])('%s: the first failure decides the advice', (name, nextStep, source) => {
    const explained = explainMigrateOutput(linesOf(name));
    expect(explained?.nextStep).toMatch(nextStep);
    expect(explained?.entry.source).toBe(source);
  });

  it('fills the guest into a next step that names it', () => {
    const explained = explainMigrateOutput([
      'hpvmmigrate: ERROR (vm07): Remote message:',
      'Target: (protocol low) header read timeout, 30 seconds',
    ]);
    expect(explained?.failure.reason).toBe('Target: (protocol low) header read timeout, 30 seconds');
    expect(explained?.nextStep).toContain('hpvmmodify -P vm07 -x tunables=ogmo=90000');
  });

  it('knows nothing about output without failures', () => {
    expect(explainMigrateOutput(linesOf('hpvmmigrate-online-progress.txt'))).toBeUndefined();
    expect(explainMigrateOutput(['hpvmmigrate: something new'])).toBeUndefined();
  });

  it('says for every entry where its wording comes from', () => {
    for (const entry of MIGRATE_ERRORS) {
      expect(entry.cite, entry.message).not.toBe('');
      if (entry.source === 'INF') expect(entry.cite).toMatch(/simulator/);
    }
  });
});
