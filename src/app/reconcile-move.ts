/**
 * A move that needs attention is not forgotten (docs/architecture.md, "States and events"): the bot keeps
 * trying to establish its outcome — the move's folder on the source first (still running? exit status?),
 * then hpvmstatus on both VSPs — and settles it only when the facts agree. A job found still running is
 * followed again. Until then the move keeps its guest and both VSPs locked; an approver can settle it by
 * hand with `/migrate resolve` (resolve-move.ts), which this loop then notices and stops.
 */
import { sleep } from './retry-transient.ts';
import { applyEvent } from './apply-event.ts';
import type { BotContext } from './bot-context.ts';
import { factsOf, readCopies, readJob, verifyLinesFor } from './move-facts.ts';
import { runMove } from './move-runner.ts';

export async function reconcileMove(
  context: BotContext,
  requestId: string,
  index: number,
  signal: AbortSignal,
): Promise<void> {
  const log = context.logger.child({ component: 'reconcile', requestId, move: index });
  for (;;) {
    if (signal.aborted) return;
    const workflow = await context.store.getWorkflow(requestId);
    const move = workflow?.moves.find((candidate) => candidate.index === index);
    if (!workflow || move?.state !== 'needs_attention') return;
    try {
      const job = await readJob(context, move);
      if (job.lines.length > 0) {
        const at = context.clock.now().toISOString();
        await context.store.appendOutput(
          job.lines.map((text) => ({ requestId, moveIndex: index, stream: 'log', text, at })),
        );
        await context.store.recordProgress(requestId, index, { logOffset: job.newOffset });
      }
      if (job.job === 'running') {
        const reattached = await applyEvent(context, requestId, { type: 'move_reattached', index, remoteDir: job.dir });
        // Followed to its end here; if it is lost again, this loop (still running) takes it up again.
        if (reattached.ok) await runMove(context, requestId, index, signal);
        continue;
      }
      const lines = verifyLinesFor(context, workflow, move);
      if (lines) {
        const timeoutMs = context.settings.ssh.commandTimeoutMs;
        const facts = factsOf(await readCopies(context.shell, lines, { timeoutMs }), job);
        const settled = await applyEvent(context, requestId, { type: 'move_settled', index, facts });
        if (settled.ok || settled.code !== 'outcome_unknown') return;
        log.info({ reason: settled.reason }, 'outcome still unknown');
      }
    } catch (error) {
      log.warn({ err: error }, 'outcome not established yet');
    }
    try {
      await sleep(context.settings.execution.reconcileIntervalMs, signal);
    } catch {
      return; // stopping
    }
  }
}
