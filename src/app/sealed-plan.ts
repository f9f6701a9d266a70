/**
 * The plan as approved, or why it cannot be trusted any more (docs/architecture.md, "Sealed plans"). The
 * stored JSON must parse with the plan schema, hash to the stored plan hash, carry the hash every approver
 * approved, and describe the same moves as the stored move records. Before each round the runner also
 * renders every command of the round again from the plan's data and the current configuration: a line that
 * differs from what the preview showed is not run.
 */
import { createHash } from 'node:crypto';
import { renderMoveCommands } from '../domain/commands/render-move-commands.ts';
import { copyResource } from '../domain/rules/check-storage-copy.ts';
import { readPlanJson } from '../domain/plan/plan-schema.ts';
import type { Plan, PlannedMove } from '../domain/plan/plan-types.ts';
import type { Workflow } from '../domain/workflow/records.ts';
import type { BotContext } from './bot-context.ts';

export type Sealed = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly problem: string };

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function openSealedPlan(workflow: Workflow): Sealed {
  const { request, moves } = workflow;
  const hash = sha256(request.planJson);
  if (hash !== request.planHash) {
    return {
      ok: false,
      problem: `the stored plan hashes to ${hash.slice(0, 12)}…, not to its seal ${request.planHash.slice(0, 12)}…`,
    };
  }
  const changed = request.approvals.find((approval) => approval.planHash !== request.planHash);
  if (changed) {
    return {
      ok: false,
      problem: `<@${changed.userId}> approved the plan ${changed.planHash.slice(0, 12)}…, the stored one is ${request.planHash.slice(0, 12)}…`,
    };
  }
  const read = readPlanJson(request.planJson);
  if (!read.ok) return read;
  const { plan } = read;
  if (plan.moves.length !== moves.length) {
    return { ok: false, problem: `the plan has ${plan.moves.length} moves, the request ${moves.length}` };
  }
  for (const move of moves) {
    const planned = plan.moves[move.index];
    const same =
      planned !== undefined &&
      planned.guest.name === move.guest &&
      planned.source === move.source &&
      planned.target === move.target &&
      planned.mode === move.mode;
    if (!same) return { ok: false, problem: `move ${move.index} (${move.guest}) is not the plan's move ${move.index}` };
  }
  return { ok: true, plan };
}

/**
 * The move's command lines rendered now, from the plan's data and today's fleet settings and templates,
 * compared with the lines the preview showed. Undefined when they agree; otherwise what differs.
 */
export function renderedLinesDiffer(context: BotContext, planned: PlannedMove): string | undefined {
  const settings = (name: string) => context.settings.fleet.find((vsp) => vsp.name === name);
  const source = settings(planned.source);
  const target = settings(planned.target);
  if (!source || !target) {
    return `${!source ? planned.source : planned.target} is no longer in the fleet configuration`;
  }
  let rendered;
  try {
    rendered = renderMoveCommands(context.templates, {
      source,
      target,
      vm: planned.guest.name,
      mode: planned.mode,
      options: planned.options,
      // The copies are plan data like the options: re-rendered from it, so a changed template shows up here.
      storage: (planned.storageCopies ?? []).filter((copy) => copy.method === 'hpvmmigrate').map(copyResource),
    });
  } catch (error) {
    return `the commands of ${planned.guest.name} cannot be rendered any more (${(error as Error).message})`;
  }
  const shown = planned.commands;
  const pairs = [
    ['migrate', rendered.migrate.line, shown.migrate.line],
    ['verify on the source', rendered.verifySource.line, shown.verifySource.line],
    ['verify on the target', rendered.verifyTarget.line, shown.verifyTarget.line],
  ] as const;
  for (const [what, now, before] of pairs) {
    if (now !== before)
      return `the ${what} line of ${planned.guest.name} renders now as \`${now}\`, the preview showed \`${before}\``;
  }
  return undefined;
}
