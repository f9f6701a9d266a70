import type { Guest, VspInventory } from '../inventory.ts';
import type { EvacuateRequest } from '../request.ts';
import { failed, passed, type CheckResult } from '../rules/check-result.ts';
import { compareText } from '../rules/compare-text.ts';
import { targetMemory } from '../rules/target-memory.ts';
import { offlineCommand } from '../rules/offline-fix.ts';
import { assemblePlan } from './assemble-plan.ts';
import {
  addCommitment,
  evaluateMove,
  noCommitments,
  type Commitments,
  type MoveEvaluation,
  type MoveIntent,
} from './evaluate-move.ts';
import type { BlockedGuest, Plan, PlanInput, PlannedMove } from './plan-types.ts';

/**
 * `/migrate evacuate vsp1 [to vsp2,vsp3]`: every runnable guest of vsp1 goes to the allowed target that
 * passes every rule and has the most free memory after the choices before it (ties: by name). Running
 * guests go online, stopped ones offline; a running guest that cannot go online anywhere is blocked with
 * the `offline --stop` fix, because stopping it is the operator's decision, not the planner's.
 * Guests are placed largest first (first-fit decreasing), then by name, so big guests still find room.
 */
export function planEvacuation(request: EvacuateRequest, input: PlanInput): Plan {
  const source = checkEvacuationSource(request.vsp, input);
  if (source.inventory === undefined)
    return assemblePlan({ request, checks: [source.check], moves: [], blocked: [] }, input);

  const candidates = request.targets.length > 0 ? [...request.targets] : defaultTargets(request.vsp, input);
  const guests = source.inventory.guests
    .filter((guest) => guest.state !== 'NotRunnable')
    .sort((a, b) => b.memoryMb - a.memoryMb || compareText(a.name, b.name));
  const committed = noCommitments();
  const moves: PlannedMove[] = [];
  const blocked: BlockedGuest[] = [];
  for (const guest of guests) {
    const intent = (target: string): MoveIntent => ({
      guest: guest.name,
      target,
      from: request.vsp,
      stop: false,
      start: false,
      deleteSource: false,
    });
    const evaluations = candidates.map((target) => ({
      target,
      evaluation: evaluateMove(intent(target), input, committed),
    }));
    const chosen = bestMove(evaluations, input, committed);
    if (chosen !== undefined) {
      moves.push(chosen);
      addCommitment(committed, chosen);
      continue;
    }
    blocked.push(blockedEverywhere(guest, evaluations, input, committed));
  }
  return assemblePlan({ request, checks: [source.check], moves, blocked }, input);
}

function checkEvacuationSource(vsp: string, input: PlanInput): { check: CheckResult; inventory?: VspInventory } {
  if (!input.vsps.some((settings) => settings.name === vsp)) {
    return { check: failed('evacuate-source', `${vsp} is not in the fleet config`, 'name a VSP of the fleet') };
  }
  const inventory = input.snapshot.vsps.find((entry) => entry.name === vsp);
  if (inventory === undefined) {
    const failure = input.snapshot.failures.find((entry) => entry.vsp === vsp);
    const why = failure === undefined ? 'not in the inventory' : `${failure.code}: ${failure.message}`;
    return { check: failed('evacuate-source', `${vsp} could not be read (${why})`, `retry when ${vsp} answers`) };
  }
  const runnable = inventory.guests.filter((guest) => guest.state !== 'NotRunnable').length;
  return {
    check: passed('evacuate-source', `${vsp} holds ${runnable} runnable guest${runnable === 1 ? '' : 's'}`),
    inventory,
  };
}

/** Every other VSP of the fleet that is not in maintenance, by name. */
function defaultTargets(source: string, input: PlanInput): string[] {
  return input.vsps
    .filter((vsp) => vsp.name !== source && !vsp.maintenance)
    .map((vsp) => vsp.name)
    .sort(compareText);
}

function freeMemoryMb(target: string, input: PlanInput, committed: Commitments): number {
  const inventory = input.snapshot.vsps.find((vsp) => vsp.name === target);
  const settings = input.vsps.find((vsp) => vsp.name === target);
  if (inventory === undefined || settings === undefined) return Number.NEGATIVE_INFINITY;
  return targetMemory(inventory, settings.reservedMemoryMb, committed.memoryMb.get(target) ?? 0).freeMb;
}

function bestMove(
  evaluations: readonly { target: string; evaluation: MoveEvaluation }[],
  input: PlanInput,
  committed: Commitments,
): PlannedMove | undefined {
  let best: { move: PlannedMove; free: number } | undefined;
  for (const { evaluation } of evaluations) {
    if (!evaluation.ok) continue;
    const free = freeMemoryMb(evaluation.move.target, input, committed);
    const better =
      best === undefined ||
      free > best.free ||
      (free === best.free && compareText(evaluation.move.target, best.move.target) < 0);
    if (better) best = { move: evaluation.move, free };
  }
  return best?.move;
}

/**
 * The checks against the candidate that came closest (fewest failures, then by name), plus a
 * `placement` check saying why each candidate failed and what the operator can do.
 */
function blockedEverywhere(
  guest: Guest,
  evaluations: readonly { target: string; evaluation: MoveEvaluation }[],
  input: PlanInput,
  committed: Commitments,
): BlockedGuest {
  const failures = evaluations.flatMap(({ target, evaluation }) =>
    evaluation.ok ? [] : [{ target, blocked: evaluation.blocked }],
  );
  const failedRules = (entry: { blocked: BlockedGuest }): CheckResult[] =>
    entry.blocked.checks.filter((check) => !check.ok);
  const closest = [...failures].sort(
    (a, b) => failedRules(a).length - failedRules(b).length || compareText(a.target, b.target),
  )[0];
  if (closest === undefined) {
    const placement = failed(
      'placement',
      `no target for ${guest.name}: every other VSP is in maintenance or none was allowed`,
      'name a target: /migrate evacuate <vsp> to <vsp>',
    );
    return { guest: guest.name, checks: [placement] };
  }
  const summary = failures
    .map(
      (entry) =>
        `${entry.target} (${failedRules(entry)
          .map((check) => check.rule)
          .join(', ')})`,
    )
    .join('; ');
  const placement = failed(
    'placement',
    `no target passes every check: ${summary}`,
    placementFix(
      guest,
      failures.map((entry) => entry.target),
      input,
      committed,
    ),
  );
  return { ...closest.blocked, checks: [...closest.blocked.checks, placement] };
}

/** For a running guest, the offline target the operator could accept downtime for, if one exists. */
function placementFix(guest: Guest, targets: readonly string[], input: PlanInput, committed: Commitments): string {
  if (guest.state !== 'On')
    return `make room or fix the failed checks on one of ${targets.join(', ')}, then plan again`;
  const offline = targets.find(
    (target) =>
      evaluateMove(
        { guest: guest.name, target, mode: 'offline', stop: true, start: false, deleteSource: false },
        input,
        committed,
      ).ok,
  );
  if (offline === undefined)
    return `no target takes ${guest.name} even offline: make room or fix the failed checks, then plan again`;
  return `move it offline (downtime): ${offlineCommand(guest.name, offline, true)}`;
}
