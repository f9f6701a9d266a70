/** A check the bot could not make is never shown as ✓ (issue 9): `?` and "not checked" at every level of detail. */
import { describe, expect, it } from 'vitest';
import { checkLine, checkLines, moveChunk } from '../../../../../src/adapters/slack/blocks/plan-text.ts';
import { planMigration } from '../../../../../src/domain/plan/plan-migration.ts';
import { failed, notChecked, passed } from '../../../../../src/domain/rules/check-result.ts';
import { renderPlanText } from '../../../../../src/domain/plan/render-plan-text.ts';
import { makeMigrateRequest, makePlanInput } from '../../../../support/builders.ts';

const checks = [
  passed('guest-os', 'vm01 runs HPUX'),
  notChecked('online-migration-enabled', 'online_migration of vm01 is not known'),
  failed('vswitches', 'vsp2 lacks vlan09', 'create it'),
];

describe('check marks', () => {
  it.each([
    [checks[0], '✓ guest-os: vm01 runs HPUX'],
    [checks[1], '? online-migration-enabled: _(not checked)_ online_migration of vm01 is not known'],
    [checks[2], '✗ vswitches: vsp2 lacks vlan09\n      ↳ _fix:_ create it'],
  ])('%j', (check, line) => {
    expect(checkLine(check!)).toBe(line);
  });

  it('lists a not-checked check in full when passed ones are only counted', () => {
    expect(checkLines(checks, 'collapsed')).toEqual([
      '? online-migration-enabled: _(not checked)_ online_migration of vm01 is not known',
      '✗ vswitches: vsp2 lacks vlan09\n      ↳ _fix:_ create it',
      '✓ …and 1 more check passed',
    ]);
  });

  it('counts not-checked checks apart in the one-line form', () => {
    const [move] = planMigration(makeMigrateRequest(), makePlanInput()).moves;
    if (move === undefined) throw new Error('no move');
    const total = move.checks.length;
    expect(moveChunk(move, 0, 'compact')).toContain(`✓ ${total - 1} checks · ? 1 not checked`);
  });

  it('shows ? (not checked) in the plain-text preview', () => {
    const text = renderPlanText(planMigration(makeMigrateRequest(), makePlanInput()));
    expect(text).toContain('  ? online-migration-enabled: (not checked) online_migration of vm01 is not known');
    expect(text).not.toContain('✓ online-migration-enabled');
  });
});
