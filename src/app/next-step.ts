/**
 * The one way an error becomes an operator message in the flow: what happened and the next step, never
 * "no known remedy". Execution errors get their advice from the domain (execution-next-step.ts), SSH
 * failures from the SSH adapter (through BotDeps.explainError), anything else a concrete fallback.
 */
import { ExecutionError } from '../domain/execution/execution-error.ts';
import { executionNextStep, unknownFailureNextStep, type MoveWhere } from '../domain/execution/execution-next-step.ts';
import type { OperatorError } from '../ports.ts';
import type { BotDeps } from './bot-context.ts';

export function nextStepForMove(context: Pick<BotDeps, 'explainError'>, error: unknown, where: MoveWhere): string {
  if (error instanceof ExecutionError) return executionNextStep(error.code, where);
  return context.explainError(error) ?? unknownFailureNextStep(where);
}

/** The code an error carries (`remote_run_vanished`, `auth_failed`, …), or `unexpected_error`. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'unexpected_error';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error outside any move (planning, reading the fleet) as an operator message. */
export function describeError(context: Pick<BotDeps, 'explainError'>, what: string, error: unknown): OperatorError {
  return {
    what: `${what}: ${errorText(error)}`,
    nextStep:
      context.explainError(error) ??
      'Nothing was changed on any VSP. Try again in a minute; if it fails the same way, the bot’s log has the details.',
  };
}
