import { compareText } from '../rules/compare-text.ts';
import type { Plan } from './plan-types.ts';

/**
 * The plan as JSON with object keys sorted at every level and undefined members left out, so equal
 * plans give equal strings whatever order their objects were built in: the app hashes this and the
 * runner executes the stored copy.
 */
export function canonicalPlanJson(plan: Plan): string {
  return canonicalJson(plan);
}

/**
 * What the plan depends on, as canonical JSON: the request, each move's guest facts, route, mode, options
 * and exact command lines, the blocked guests, and the rounds. Check details (free memory figures, HP's
 * wording) and the inventory time are left out: when a re-read gives the same dependencies, the preview
 * still describes exactly what will run; when they differ, the preview is superseded.
 */
export function planDependenciesJson(plan: Plan): string {
  return canonicalJson({
    request: plan.request,
    ok: plan.ok,
    moves: plan.moves.map((move) => ({
      guest: move.guest,
      source: move.source,
      target: move.target,
      mode: move.mode,
      options: move.options,
      commands: move.commands,
    })),
    blocked: plan.blocked.map((blocked) => blocked.guest),
    rounds: plan.rounds,
  });
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareText)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
