import { describe, expect, it } from 'vitest';
import { applyPrechecks } from '../../../../src/domain/plan/apply-prechecks.ts';
import { planMigration } from '../../../../src/domain/plan/plan-migration.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput } from '../../../support/builders.ts';

function twoGuestPlan() {
  const input = makePlanInput({
    hosts: [makeHost('vsp1', { guests: [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02' })] }), makeHost('vsp2')],
  });
  return planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02'] }), input);
}

describe('applyPrechecks', () => {
  it('adds a passed hp-precheck to moves whose hpvmmigrate -s succeeded', () => {
    const plan = applyPrechecks(
      twoGuestPlan(),
      [
        { guest: 'vm01', exitCode: 0, output: 'hpvmmigrate: Guest vm01 can be migrated to vsp2.\n' },
        { guest: 'vm02', exitCode: 0, output: '' },
      ],
      1,
    );
    expect(plan.ok).toBe(true);
    expect(plan.moves[0]?.checks.at(-1)).toEqual({
      rule: 'hp-precheck',
      ok: true,
      detail:
        "hpvmmigrate -s -o on vsp1: HP's own checks of the online move to vsp2 ran: hpvmmigrate: Guest vm01 can be migrated to vsp2.",
    });
    expect(plan.rounds).toEqual([[0], [1]]);
  });

  it('blocks a move whose check failed, with HP’s words and the next step, and rebuilds the rounds', () => {
    const before = twoGuestPlan();
    const plan = applyPrechecks(
      before,
      [
        {
          guest: 'vm01',
          exitCode: 1,
          output:
            'hpvmmigrate: Target VM Host error - vswitch validation failed.\nhpvmmigrate: See HPVM command log file on target VM Host for more detail.\n',
        },
        { guest: 'vm02', exitCode: 0, output: '' },
      ],
      1,
    );
    expect(plan.ok).toBe(false);
    expect(plan.moves.map((move) => move.guest.name)).toEqual(['vm02']);
    expect(plan.rounds).toEqual([[0]]);
    expect(plan.estimatedSeconds).toBe(before.moves[1]?.estimatedSeconds);
    const blocked = plan.blocked.find((entry) => entry.guest === 'vm01');
    expect(blocked?.checks.at(-1)).toMatchInlineSnapshot(`
      {
        "detail": "hpvmmigrate -s on vsp1 (exit 1): hpvmmigrate: Target VM Host error - vswitch validation failed.",
        "fix": "A vswitch the guest uses is missing or differently cabled on the target: create it with hpvmnet on the target (same name, same network), then check again.",
        "ok": false,
        "rule": "hp-precheck",
      }
    `);
  });

  it('blocks a move whose check could not run at all', () => {
    const plan = applyPrechecks(twoGuestPlan(), [{ guest: 'vm02', exitCode: null, output: 'connection_lost' }], 1);
    expect(plan.ok).toBe(false);
    expect(plan.blocked.map((entry) => entry.guest)).toEqual(['vm02']);
    expect(plan.blocked[0]?.checks.at(-1)?.detail).toContain('could not run');
  });
});
