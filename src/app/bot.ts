/**
 * The Slack flow as one object: the handlers the chat adapter calls, the background workers transitions
 * start (re-check, run, reconcile, clean up), restart recovery — every request that was approving, running
 * or needs attention is picked up again from its stored state, never run twice — and the sweep that
 * closes previews past their expiry.
 */
import { isFinalMove } from '../domain/workflow/records.ts';
import type { BotHandlers } from '../ports.ts';
import { applyEvent } from './apply-event.ts';
import { recheckApproved } from './approval-recheck.ts';
import { audit } from './audit.ts';
import type { BotContext, BotDeps, Workers } from './bot-context.ts';
import { cleanupMove } from './cleanup-move.ts';
import { handleClick } from './click-handler.ts';
import { handleCommand } from './command-handler.ts';
import { reconcileMove } from './reconcile-move.ts';
import { runRounds } from './request-runner.ts';

export interface Bot {
  readonly handlers: BotHandlers;
  /** The use-cases' context (tests drive use-cases through it). */
  readonly context: BotContext;
  /** Resumes unfinished requests and starts the expiry sweep. */
  start(): Promise<void>;
  /** Stops following remote runs (they go on without the bot) and the sweep; waits for in-flight work. */
  stop(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 60_000;

export function createBot(deps: BotDeps): Bot {
  const { lifecycle } = deps;
  const logFailure = (what: string, requestId?: string) => (error: unknown) =>
    deps.logger.error({ err: error, ...(requestId === undefined ? {} : { requestId }) }, what);
  // One of each per request (or move) in this process: a fresh approval, recovery and a reconciler can
  // ask for the same work; the second asker joins the first instead of running it twice.
  const running = new Map<string, Promise<void>>();
  const once = (key: string, work: () => Promise<void>, what: string, requestId: string): void => {
    if (running.has(key)) return;
    const started = work().finally(() => running.delete(key));
    running.set(key, started);
    lifecycle.track(started, logFailure(what, requestId));
  };
  const workers: Workers = {
    recheck: (id) => once(`recheck:${id}`, () => recheckApproved(context, id), 're-check failed', id),
    run: (id) => once(`run:${id}`, () => runRounds(context, id, lifecycle.signal), 'run failed', id),
    reconcile: (id, index) =>
      once(
        `reconcile:${id}:${index}`,
        () => reconcileMove(context, id, index, lifecycle.signal),
        'reconcile failed',
        id,
      ),
    cleanup: (id, index) => once(`cleanup:${id}:${index}`, () => cleanup(context, id, index), 'clean-up failed', id),
  };
  const context: BotContext = { ...deps, workers };
  let sweeper: NodeJS.Timeout | undefined;

  return {
    context,
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

/** Requests a stopped bot left in flight, each picked up from its stored state. */
async function recover(context: BotContext): Promise<void> {
  const unfinished = await context.store.listRequests({
    states: ['approving', 'running', 'needs_attention'],
    limit: 1000,
  });
  for (const record of unfinished) {
    await audit(context, 'bot', 'request.resumed', record.id, 'info', { state: record.state });
    context.logger.info({ requestId: record.id, state: record.state }, 'resuming after restart');
    if (record.state === 'approving') context.workers.recheck(record.id);
    else context.workers.run(record.id);
  }
}

/** Previews nobody approved in time: closed as expired, their buttons replaced, their guests unlocked. */
async function sweepExpired(context: BotContext): Promise<void> {
  const now = context.clock.now();
  for (const record of await context.store.listRequests({ states: ['pending'], limit: 1000 })) {
    if (Date.parse(record.expiresAt) > now.getTime()) continue;
    await applyEvent(context, record.id, { type: 'expire' });
  }
}

/** Removes a settled move's folder from its source; a failure is logged (the folder is harmless). */
async function cleanup(context: BotContext, requestId: string, index: number): Promise<void> {
  const workflow = await context.store.getWorkflow(requestId);
  const move = workflow?.moves.find((candidate) => candidate.index === index);
  if (!move || !isFinalMove(move.state) || move.remoteDir === '') return;
  try {
    await cleanupMove(context.shell, move, context.settings.migration.remoteDir, {
      timeoutMs: context.settings.ssh.commandTimeoutMs,
    });
  } catch (error) {
    context.logger.warn({ err: error, requestId, move: index }, 'remote clean-up failed');
  }
}
