/**
 * Audit rows for what is not a transition (refusals, usage errors, a click on an unknown request): every
 * transition brings its own row, written by the Store in the same transaction (apply-event.ts).
 */
import type { AuditEntry } from '../domain/workflow/records.ts';
import type { BotContext } from './bot-context.ts';

export async function audit(
  context: Pick<BotContext, 'store' | 'clock'>,
  actor: string,
  action: string,
  requestId: string | undefined,
  result: AuditEntry['result'],
  detail?: Record<string, unknown>,
): Promise<void> {
  await context.store.appendAudit({
    at: context.clock.now().toISOString(),
    actor,
    action,
    ...(requestId === undefined ? {} : { requestId }),
    result,
    ...(detail === undefined ? {} : { detail }),
  });
}
