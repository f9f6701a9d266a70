/**
 * Why a re-read plan no longer matches the preview, in one line for the superseded status: the first
 * failed checks of the fresh plan, or the moves whose route, mode or commands changed.
 */
import type { Plan, PlannedMove } from './plan-types.ts';

const MAX_REASONS = 3;

export function describePlanChange(previous: Plan, fresh: Plan): string {
  const reasons: string[] = [];
  for (const check of fresh.checks) if (!check.ok) reasons.push(check.detail);
  for (const blocked of fresh.blocked) {
    const failed = blocked.checks.find((check) => !check.ok);
    reasons.push(failed ? `${blocked.guest}: ${failed.detail}` : `${blocked.guest} can no longer be moved`);
  }
  const before = new Map(previous.moves.map((move) => [move.guest.name, move]));
  for (const move of fresh.moves) {
    const old = before.get(move.guest.name);
    if (old === undefined) reasons.push(`${move.guest.name} would now be moved as well`);
    else if (!sameMove(old, move))
      reasons.push(`${move.guest.name} would now go ${move.source} → ${move.target} ${move.mode}`);
    before.delete(move.guest.name);
  }
  for (const gone of before.keys()) {
    if (!fresh.blocked.some((blocked) => blocked.guest === gone)) reasons.push(`${gone} is no longer part of the plan`);
  }
  if (reasons.length === 0) return 'the rounds or the guests’ facts differ';
  const shown = reasons.slice(0, MAX_REASONS).join('; ');
  return reasons.length > MAX_REASONS ? `${shown}; and ${reasons.length - MAX_REASONS} more` : shown;
}

function sameMove(a: PlannedMove, b: PlannedMove): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.mode === b.mode &&
    a.commands.migrate.line === b.commands.migrate.line &&
    JSON.stringify(a.guest) === JSON.stringify(b.guest)
  );
}
