/**
 * The Slack flow as one object: the handlers the chat adapter calls, plus what runs on its own — restart
 * recovery (requests that were approving or running are picked up again, never run twice) and the sweep
 * that closes previews past their expiry.
 */
import { audit } from './audit.ts';
import type { BotContext } from './bot-context.ts';
import type { BotHandlers } from './bot-handlers.ts';
import { recheckAndRun } from './approval-recheck.ts';
import { handleClick } from './click-handler.ts';
import { handleCommand } from './command-handler.ts';
import { showStatus } from './preview-status.ts';
import { runRequest } from './request-runner.ts';

export interface Bot {
  readonly handlers: BotHandlers;
  /** Resumes unfinished requests and starts the expiry sweep. */
  start(): Promise<void>;
  /** Stops following remote runs (they go on without the bot) and the sweep; waits for in-flight work. */
  stop(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 60_000;

export function createBot(context: BotContext): Bot {
  const { lifecycle } = context;
  let sweeper: NodeJS.Timeout | undefined;
  const logFailure = (what: string) => (error: unknown) => context.logger.error({ err: error }, what);

  return {
    handlers: {
      async handleCommand(input) {
        const outcome = await handleCommand(context, input);
        if (outcome.work) lifecycle.track(outcome.work, logFailure('command work failed'));
        return outcome;
      },
      handleAction: (input) => handleClick(context, input),
    },
    async start() {
      await recover(context);
      await sweepExpired(context);
      sweeper = setInterval(
        () => void sweepExpired(context).catch(logFailure('expiry sweep failed')),
        SWEEP_INTERVAL_MS,
      );
      sweeper.unref();
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await lifecycle.stop();
    },
  };
}

async function recover(context: BotContext): Promise<void> {
  const unfinished = await context.store.listRequests({ states: ['approving', 'running'], limit: 1000 });
  for (const record of unfinished) {
    await audit(context, 'bot', 'request.resumed', record.id, 'info', { state: record.state });
    context.logger.info({ requestId: record.id, state: record.state }, 'resuming after restart');
    const resumed = record.state === 'approving' ? recheckAndRun(context, record.id) : runRequest(context, record.id);
    context.lifecycle.track(resumed, (error) =>
      context.logger.error({ err: error, requestId: record.id }, 'resume failed'),
    );
  }
}

/** Previews nobody approved in time: closed as expired, their buttons replaced, their guests unlocked. */
export async function sweepExpired(context: BotContext): Promise<void> {
  const now = context.clock.now();
  for (const record of await context.store.listRequests({ states: ['pending'], limit: 1000 })) {
    if (Date.parse(record.expiresAt) > now.getTime()) continue;
    const expired = await context.store.updateRequest(record.id, record.version, {
      state: 'expired',
      closedAt: now.toISOString(),
    });
    if (!expired) continue;
    await audit(context, 'bot', 'request.expired', record.id, 'ok');
    await showStatus(context, expired, { kind: 'expired', at: expired.expiresAt });
  }
}
