/**
 * Folds the result of HP's own feasibility check (`hpvmmigrate -s`, run on each source before the
 * preview) into a plan: a move whose check failed becomes a blocked guest carrying HP's words and the
 * next step, and the rounds are rebuilt from the moves that remain. Pure: the app runs the commands.
 */
import { hpvmNextStep, hpvmSummary } from '../hpvm-next-step.ts';
import { failed, passed, type CheckResult } from '../rules/check-result.ts';
import { estimateRoundsSeconds } from './assemble-plan.ts';
import { assignRounds } from './assign-rounds.ts';
import type { CommandLine } from '../commands/render-command.ts';
import type { BlockedGuest, Plan, PlannedMove } from './plan-types.ts';

export interface PrecheckOutcome {
  readonly guest: string;
  /** null when the check could not be run (the SSH error is in `output`). */
  readonly exitCode: number | null;
  readonly output: string;
}

export function applyPrechecks(plan: Plan, outcomes: readonly PrecheckOutcome[], maxParallelMigrations: number): Plan {
  const byGuest = new Map(outcomes.map((outcome) => [outcome.guest, outcome]));
  const moves: PlannedMove[] = [];
  const blocked: BlockedGuest[] = [...plan.blocked];
  for (const move of plan.moves) {
    const precheck = move.commands.precheck;
    const outcome = byGuest.get(move.guest.name);
    if (precheck === undefined || outcome === undefined) {
      moves.push(move);
      continue;
    }
    const check = precheckResult(move, precheck, outcome);
    if (check.ok) {
      moves.push({ ...move, checks: [...move.checks, check] });
      continue;
    }
    blocked.push({
      guest: move.guest.name,
      facts: move.guest,
      source: move.source,
      target: move.target,
      mode: move.mode,
      checks: [...move.checks, check],
    });
  }
  const rounds = assignRounds(moves, maxParallelMigrations);
  const estimatedSeconds = estimateRoundsSeconds(rounds, moves);
  return {
    ...plan,
    moves,
    blocked,
    rounds,
    estimatedSeconds,
    ok: plan.ok && blocked.length === plan.blocked.length,
  };
}

function precheckResult(move: PlannedMove, precheck: CommandLine, outcome: PrecheckOutcome): CheckResult {
  const { host } = precheck;
  if (outcome.exitCode === 0)
    return passed('hp-precheck', `${precheckCoverage(move, precheck)}: ${hpvmSummary(outcome.output)}`);
  const how = outcome.exitCode === null ? 'could not run' : `exit ${outcome.exitCode}`;
  return failed(
    'hp-precheck',
    `hpvmmigrate -s on ${host} (${how}): ${hpvmSummary(outcome.output)}`,
    hpvmNextStep(outcome.output) ?? 'Read hpvmmigrate’s message above, fix the cause on the VSPs, then ask again.',
  );
}

/**
 * What HP's check covered, read from the line that ran (the flags decidePrecheck chose): the preview says
 * what it checked and what it left to the bot's own rules.
 */
export function precheckCoverage(move: PlannedMove, precheck: CommandLine): string {
  const online = precheck.argv.includes('-o');
  const withStart = precheck.argv.includes('-b');
  const flags = ['-s', ...(online ? ['-o'] : []), ...(withStart ? ['-b'] : [])].join(' ');
  const what = online
    ? `HP's own checks of the online move to ${move.target} ran`
    : `HP's own checks of the offline move to ${move.target}${withStart ? ' and its start there' : ''} ran`;
  const left =
    !online && move.options.start && !withStart
      ? `; without -b, so HP did not check the start on ${move.target} (the bot's memory-fit did)`
      : '';
  return `hpvmmigrate ${flags} on ${precheck.host}: ${what}${left}`;
}
