import { describe, expect, it } from 'vitest';
import { canonicalPlanJson, planDependenciesJson } from '../../../../src/domain/plan/canonical-plan-json.ts';
import { planMigration } from '../../../../src/domain/plan/plan-migration.ts';
import type { Plan } from '../../../../src/domain/plan/plan-types.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput } from '../../../support/builders.ts';

/** The same data with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reverseKeys(item)]),
    );
  }
  return value;
}

describe('canonicalPlanJson', () => {
  const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm09'] }), makePlanInput());

  it('does not depend on the order objects were built in', () => {
    expect(canonicalPlanJson(reverseKeys(plan) as Plan)).toBe(canonicalPlanJson(plan));
  });

  it('gives the same string for the same input', () => {
    expect(canonicalPlanJson(planMigration(makeMigrateRequest({ guests: ['vm01', 'vm09'] }), makePlanInput()))).toBe(
      canonicalPlanJson(plan),
    );
  });

  it('is valid JSON equal to the plan, keys sorted, undefined members dropped', () => {
    const text = canonicalPlanJson(plan);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(plan)));
    expect(text.startsWith('{"blocked":')).toBe(true);
    expect(canonicalPlanJson({ b: 1, a: undefined, c: [undefined, 'x'], '10': true } as unknown as Plan)).toBe(
      '{"10":true,"b":1,"c":[null,"x"]}',
    );
  });
});

describe('planDependenciesJson', () => {
  it('ignores figures in check details but not a change of what would run', () => {
    const base = planMigration(makeMigrateRequest(), makePlanInput());
    const busierTarget = planMigration(
      makeMigrateRequest(),
      makePlanInput({
        hosts: [
          makeHost('vsp1', { guests: [makeGuest()] }),
          makeHost('vsp2', { guests: [makeGuest({ name: 'other', memoryMb: 2048 })] }),
        ],
      }),
    );
    expect(busierTarget.ok).toBe(true);
    expect(busierTarget.moves[0]?.checks).not.toEqual(base.moves[0]?.checks);
    expect(planDependenciesJson(busierTarget)).toBe(planDependenciesJson(base));
    const stopped = planMigration(
      makeMigrateRequest(),
      makePlanInput({
        hosts: [makeHost('vsp1', { guests: [makeGuest({ state: 'Off', stateText: 'Off' })] }), makeHost('vsp2')],
      }),
    );
    expect(planDependenciesJson(stopped)).not.toBe(planDependenciesJson(base));
  });
});
