/**
 * Between the last approval and the first command: the plan's seal is checked, the inventory re-read,
 * the approved part planned again and HP's precheck run again. Only when the new plan depends on exactly
 * what the approved one did does the request run; otherwise it is superseded and nothing runs
 * (docs/architecture.md, "Approvals").
 */
import { planDependenciesJson } from '../domain/plan/canonical-plan-json.ts';
import { describePlanChange } from '../domain/plan/describe-plan-change.ts';
import type { Plan } from '../domain/plan/plan-types.ts';
import { restrictPlan } from '../domain/plan/restrict-plan.ts';
import type { Workflow } from '../domain/workflow/records.ts';
import { applyEvent } from './apply-event.ts';
import type { BotContext } from './bot-context.ts';
import { errorText } from './next-step.ts';
import { planRequest } from './plan-request.ts';
import { busyState, planningDeps } from './planning.ts';
import { openSealedPlan } from './sealed-plan.ts';

export async function recheckApproved(context: BotContext, requestId: string): Promise<void> {
  const workflow = await context.store.getWorkflow(requestId);
  if (workflow?.request.state !== 'approving') return;
  const sealed = openSealedPlan(workflow);
  if (!sealed.ok) {
    await applyEvent(context, requestId, { type: 'seal_broken', problem: sealed.problem });
    return;
  }
  const approved = approvedPart(context, workflow, sealed.plan);
  let change: string | undefined;
  try {
    const { plan } = await context.lifecycle.planning(async () =>
      planRequest(approved.request, planningDeps(context), {
        precheck: true,
        busy: await busyState(context, requestId),
      }),
    );
    if (!plan.ok || planDependenciesJson(plan) !== planDependenciesJson(approved)) {
      change = describePlanChange(approved, plan);
    }
  } catch (error) {
    change = `the inventory could not be re-read (${errorText(error)})`;
  }
  await applyEvent(
    context,
    requestId,
    change === undefined ? { type: 'recheck_passed' } : { type: 'supersede', change },
  );
}

/**
 * What the approvals cover: the whole plan, or — when they covered only some moves of a balancing
 * suggestion — those moves (the others are `not_selected`). Its dependencies are what the re-read must match.
 */
function approvedPart(context: BotContext, workflow: Workflow, plan: Plan): Plan {
  const runs = workflow.moves.filter((move) => move.state !== 'not_selected').map((move) => move.index);
  if (runs.length === workflow.moves.length) return plan;
  return restrictPlan(plan, runs, context.settings.migration.maxParallelMigrations);
}
