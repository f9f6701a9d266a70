/**
 * Between an accepted approval and the first command: re-read the inventory, plan again and run HP's
 * precheck again. Only when everything the preview showed still holds does the request start; otherwise
 * it is superseded and nothing runs (DESIGN §1 row 4).
 */
import { planDependenciesJson } from '../domain/plan/canonical-plan-json.ts';
import { describePlanChange } from '../domain/plan/describe-plan-change.ts';
import type { Plan } from '../domain/plan/plan-types.ts';
import { restrictPlan } from '../domain/plan/restrict-plan.ts';
import { NOT_SELECTED, type RequestRecord } from '../domain/workflow/records.ts';
import { audit } from './audit.ts';
import type { BotContext } from './bot-context.ts';
import { planRequest } from './plan-request.ts';
import { busyState, planningDeps } from './planning.ts';
import { showStatus, storedPlan } from './preview-status.ts';
import { runRequest } from './request-runner.ts';

export async function recheckAndRun(context: BotContext, requestId: string): Promise<void> {
  const record = await context.store.getRequest(requestId);
  if (record?.state !== 'approving') return;
  const previous = await approvedPart(context, record);
  let change: string | undefined;
  try {
    const { plan } = await planRequest(previous.request, planningDeps(context), {
      precheck: true,
      busy: await busyState(context, record.id),
    });
    if (!plan.ok || planDependenciesJson(plan) !== planDependenciesJson(previous)) {
      change = describePlanChange(previous, plan);
    }
  } catch (error) {
    change = `the inventory could not be re-read (${(error as Error).message})`;
  }
  if (change !== undefined) {
    await supersede(context, record, change);
    return;
  }
  const running = await context.store.updateRequest(record.id, record.version, { state: 'running' });
  if (!running) return; // cancelled meanwhile: whoever changed it has said so
  await audit(context, 'bot', 'request.running', record.id, 'ok');
  await runRequest(context, running.id);
}

async function supersede(context: BotContext, record: RequestRecord, change: string): Promise<void> {
  const updated = await context.store.updateRequest(record.id, record.version, {
    state: 'superseded',
    stateNote: change,
    closedAt: context.clock.now().toISOString(),
  });
  if (!updated) return;
  await audit(context, 'bot', 'request.superseded', record.id, 'ok', { change });
  await showStatus(context, updated, { kind: 'superseded', changed: change });
  if (updated.previewTs === undefined) return;
  await context.chat.post(
    updated.channelId,
    context.presenter.notice(
      `${updated.id} was approved, but the inventory changed since the preview: ${change}. Nothing ran. Ask again for a fresh preview: /migrate ${updated.text}`,
    ),
    { threadTs: updated.previewTs },
  );
}

/**
 * What was approved: the whole stored plan, or, for a balancing suggestion approved in part, the ticked
 * moves (the others were cancelled as not selected). Its dependencies are what the re-read must match.
 */
async function approvedPart(context: BotContext, record: RequestRecord): Promise<Plan> {
  const plan = storedPlan(record);
  if (plan.request.kind !== 'balance') return plan;
  const moves = await context.store.getMoves(record.id);
  const selected = moves.filter((move) => move.error !== NOT_SELECTED).map((move) => move.index);
  if (selected.length === moves.length) return plan;
  return restrictPlan(plan, selected, context.settings.migration.maxParallelMigrations);
}
