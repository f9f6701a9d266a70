import { describe, expect, it } from 'vitest';
import { describePlanChange } from '../../../../src/domain/plan/describe-plan-change.ts';
import { planMigration } from '../../../../src/domain/plan/plan-migration.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput } from '../../../support/builders.ts';

describe('describePlanChange', () => {
  const before = planMigration(makeMigrateRequest(), makePlanInput());

  it('names the failed check that blocks the guest now', () => {
    const after = planMigration(
      makeMigrateRequest({ mode: 'online' }),
      makePlanInput({
        hosts: [makeHost('vsp1', { guests: [makeGuest({ state: 'Off', stateText: 'Off' })] }), makeHost('vsp2')],
      }),
    );
    expect(describePlanChange(before, after)).toMatch(/^vm01: /);
  });

  it('names a move whose route changed', () => {
    const after = planMigration(
      makeMigrateRequest(),
      makePlanInput({ hosts: [makeHost('vsp3', { guests: [makeGuest()] }), makeHost('vsp2')] }),
    );
    expect(describePlanChange(before, after)).toBe('vm01 would now go vsp3 → vsp2 online');
  });
});
