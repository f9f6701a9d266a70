/** The planning use-case's dependencies and the busy state, as the Slack flow supplies them. */
import type { BusyState } from '../domain/plan/plan-types.ts';
import { busyState as busyFrom } from '../domain/workflow/locks.ts';
import type { BotContext } from './bot-context.ts';
import type { PlanningDeps } from './plan-request.ts';

export function planningDeps(context: BotContext): PlanningDeps {
  return {
    shell: context.shell,
    vsps: context.settings.fleet,
    templates: context.templates,
    settings: context.settings.migration,
    clock: context.clock,
    commandTimeoutMs: context.settings.ssh.commandTimeoutMs,
  };
}

/**
 * Guests held by other requests, VSPs in an online migration in flight, and VSPs of moves that need
 * attention. `exceptRequest` leaves out the request being re-checked (its own locks must not block it).
 */
export async function busyState(context: BotContext, exceptRequest?: string): Promise<BusyState> {
  const [locks, inFlight] = await Promise.all([context.store.guestLocks(), context.store.movesInFlight()]);
  return busyFrom(locks, inFlight, exceptRequest);
}
