/** The audit trail (who, what, when, result) and the one way errors become operator messages in the flow. */
import type { AuditEntry } from '../domain/workflow/records.ts';
import type { BotContext } from './bot-context.ts';
import type { OperatorError } from './presenter.ts';

export async function audit(
  context: BotContext,
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

export function describeError(context: BotContext, what: string, error: unknown): OperatorError {
  return {
    what: `${what}: ${error instanceof Error ? error.message : String(error)}`,
    nextStep: context.explainError(error),
  };
}
