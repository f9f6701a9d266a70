import { describe, expect, it } from 'vitest';
import { canonicalPlanJson } from '../../../../src/domain/plan/canonical-plan-json.ts';
import { planEvacuation } from '../../../../src/domain/plan/plan-evacuation.ts';
import type { PlanInput } from '../../../../src/domain/plan/plan-types.ts';
import {
  makeEvacuateRequest,
  makeGuest,
  makeHost,
  makePlanInput,
  makeVspSettings,
  type FleetHost,
} from '../../../support/builders.ts';

/** vsp1 to evacuate; vsp2 empty; vsp3 runs one 8 GB guest; vsp4 in maintenance. */
function mixedFleet(order: (hosts: FleetHost[]) => FleetHost[] = (hosts) => hosts, settings = {}): PlanInput {
  const hosts = [
    makeHost('vsp1', {
      guests: [
        makeGuest({ name: 'web01', vcpus: 2, memoryMb: 4096 }),
        makeGuest({ name: 'big01', vcpus: 4, memoryMb: 16384 }),
        makeGuest({ name: 'off01', state: 'Off', memoryMb: 8192 }),
        makeGuest({ name: 'lin01', os: 'LINUX', memoryMb: 4096 }),
        makeGuest({ name: 'old01', state: 'NotRunnable' }),
      ],
    }),
    makeHost('vsp2'),
    makeHost('vsp3', { guests: [makeGuest({ name: 'db01', memoryMb: 8192 })] }),
    makeHost('vsp4', { settings: { maintenance: true } }),
  ];
  return makePlanInput({ hosts: order(hosts), settings });
}

function summary(input: PlanInput, targets: string[] = []): string[] {
  return planEvacuation(makeEvacuateRequest('vsp1', targets), input).moves.map(
    (move) => `${move.guest.name} → ${move.target} ${move.mode}`,
  );
}

describe('planEvacuation', () => {
  it('places every runnable guest, largest first, on the allowed target with the most free memory', () => {
    const plan = planEvacuation(makeEvacuateRequest('vsp1'), mixedFleet());
    expect(plan.moves.map((move) => `${move.guest.name} → ${move.target} ${move.mode}`)).toEqual([
      'big01 → vsp2 online', // vsp2 61440 MB free vs vsp3 53118
      'off01 → vsp3 offline', // vsp2 now 44729 after big01; an offline move commits nothing
      'web01 → vsp3 online', // vsp3 53118 still more than vsp2 44729
    ]);
    expect(plan.checks).toEqual([{ rule: 'evacuate-source', ok: true, detail: 'vsp1 holds 4 runnable guests' }]);
    expect(plan.ok).toBe(false);
  });

  it('blocks a running guest that cannot go online anywhere, with the offline --stop fix', () => {
    const plan = planEvacuation(makeEvacuateRequest('vsp1'), mixedFleet());
    expect(plan.blocked).toHaveLength(1);
    const [blocked] = plan.blocked;
    expect(blocked).toMatchObject({ guest: 'lin01', source: 'vsp1', target: 'vsp2', mode: 'online' });
    expect(blocked?.checks.filter((check) => !check.ok)).toEqual([
      {
        rule: 'guest-os',
        ok: false,
        detail: 'lin01 runs LINUX: online migration needs HPUX or OVMS',
        fix: 'use offline migration (downtime): /migrate lin01 to vsp2 offline --stop',
      },
      {
        rule: 'placement',
        ok: false,
        detail: 'no target passes every check: vsp2 (guest-os); vsp3 (guest-os)',
        fix: 'move it offline (downtime): /migrate lin01 to vsp2 offline --stop',
      },
    ]);
  });

  it('never picks a VSP in maintenance or the source itself', () => {
    const targets = planEvacuation(makeEvacuateRequest('vsp1'), mixedFleet()).moves.map((move) => move.target);
    expect(targets).not.toContain('vsp4');
    expect(targets).not.toContain('vsp1');
  });

  it('uses only the targets given', () => {
    expect(summary(mixedFleet(), ['vsp3'])).toEqual([
      'big01 → vsp3 online',
      'off01 → vsp3 offline',
      'web01 → vsp3 online',
    ]);
  });

  it('breaks memory ties by name', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest()] }), makeHost('vsp3'), makeHost('vsp2')],
    });
    expect(summary(input)).toEqual(['vm01 → vsp2 online']);
  });

  it('runs the evacuation in rounds', () => {
    expect(planEvacuation(makeEvacuateRequest('vsp1'), mixedFleet()).rounds).toEqual([[0], [1], [2]]);
    expect(
      planEvacuation(makeEvacuateRequest('vsp1'), mixedFleet(undefined, { maxParallelMigrations: 2 })).rounds,
    ).toEqual([[0, 1], [2]]);
  });

  it('blocks a given target that is in maintenance', () => {
    const plan = planEvacuation(makeEvacuateRequest('vsp1', ['vsp4']), mixedFleet());
    expect(plan.moves).toEqual([]);
    expect(plan.blocked.map((entry) => entry.checks.find((check) => check.rule === 'target')?.detail)).toEqual([
      'vsp4 is in maintenance',
      'vsp4 is in maintenance',
      'vsp4 is in maintenance',
      'vsp4 is in maintenance',
    ]);
  });

  it('blocks everything when no other VSP may take guests', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest()] }), makeHost('vsp2', { settings: { maintenance: true } })],
    });
    const plan = planEvacuation(makeEvacuateRequest('vsp1'), input);
    expect(plan.blocked).toEqual([
      {
        guest: 'vm01',
        checks: [
          {
            rule: 'placement',
            ok: false,
            detail: 'no target for vm01: every other VSP is in maintenance or none was allowed',
            fix: 'name a target: /migrate evacuate <vsp> to <vsp>',
          },
        ],
      },
    ]);
  });

  it('says when no target takes a running guest even offline', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', { guests: [makeGuest({ os: 'WINDOWS' })] }),
        makeHost('vsp2', { inventory: { vswitches: ['localnet'] } }),
      ],
    });
    const placement = planEvacuation(makeEvacuateRequest('vsp1'), input).blocked[0]?.checks.at(-1);
    expect(placement).toMatchObject({
      rule: 'placement',
      detail: 'no target passes every check: vsp2 (guest-os, vswitches)',
      fix: 'no target takes vm01 even offline: make room or fix the failed checks, then plan again',
    });
  });

  it('fails the plan when the VSP to evacuate could not be read or is unknown', () => {
    const input = makePlanInput({ hosts: [makeHost('vsp2')], unreadable: [makeVspSettings({ name: 'vsp1' })] });
    const plan = planEvacuation(makeEvacuateRequest('vsp1'), input);
    expect(plan).toMatchObject({ ok: false, moves: [], blocked: [], rounds: [], estimatedSeconds: 0 });
    expect(plan.checks).toEqual([
      {
        rule: 'evacuate-source',
        ok: false,
        detail: 'vsp1 could not be read (ssh_timeout: connect timed out after 10000 ms)',
        fix: 'retry when vsp1 answers',
      },
    ]);
    expect(planEvacuation(makeEvacuateRequest('vsp9'), input).checks[0]).toMatchObject({
      ok: false,
      detail: 'vsp9 is not in the fleet config',
    });
  });

  it('is ok with nothing to move', () => {
    const plan = planEvacuation(makeEvacuateRequest('vsp2'), makePlanInput());
    expect(plan).toMatchObject({ ok: true, moves: [], blocked: [] });
  });

  it('is deterministic: same input, same canonical JSON, whatever order the fleet is listed in', () => {
    const first = canonicalPlanJson(planEvacuation(makeEvacuateRequest('vsp1'), mixedFleet()));
    expect(canonicalPlanJson(planEvacuation(makeEvacuateRequest('vsp1'), mixedFleet()))).toBe(first);
    expect(
      canonicalPlanJson(
        planEvacuation(
          makeEvacuateRequest('vsp1'),
          mixedFleet((hosts) => [...hosts].reverse()),
        ),
      ),
    ).toBe(first);
  });
});
