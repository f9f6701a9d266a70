/** The planning use-case's dependencies and the busy state, as the Slack flow supplies them. */
import type { BusyState } from '../domain/plan/plan-types.ts';
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
 * Guests held by open requests, and VSPs taking part in an online migration right now. `exceptRequest`
 * leaves out the request being re-checked (its own locks must not block it).
 */
export async function busyState(context: BotContext, exceptRequest?: string): Promise<BusyState> {
  const locks = await context.store.guestLocks();
  const guests = new Map([...locks].filter(([, requestId]) => requestId !== exceptRequest));
  const onlineHosts = new Set<string>();
  for (const move of await context.store.unfinishedMoves()) {
    if (move.mode !== 'online' || move.requestId === exceptRequest) continue;
    onlineHosts.add(move.source);
    onlineHosts.add(move.target);
  }
  return { guests, onlineHosts };
}
