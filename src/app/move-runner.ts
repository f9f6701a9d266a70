/**
 * One move, from queued to verified (DESIGN §7): the stored migrate line started detached on the source,
 * its log followed by byte offset into the store and the thread, then `hpvmstatus` on both VSPs decides
 * success — never hpvmmigrate's exit code alone. Every step is resumable: a restarted bot calls this
 * again and continues from the move's stored state and offset; the remote start runs at most once.
 */
import { hpvmNextStep } from '../domain/hpvm-next-step.ts';
import type { Plan } from '../domain/plan/plan-types.ts';
import {
  FINAL_MOVE_STATES,
  type MoveProgress,
  type MoveRecord,
  type RequestRecord,
} from '../domain/workflow/records.ts';
import { audit } from './audit.ts';
import type { BotContext } from './bot-context.ts';
import { cleanupMove } from './cleanup-move.ts';
import { followMove } from './follow-move.ts';
import { inventoryTarget } from './inventory-targets.ts';
import { retryTransient } from './retry-transient.ts';
import { startMove } from './start-move.ts';
import { verifyMove } from './verify-move.ts';

/** How long the bot keeps trying to reach a VSP during a move before it says so in the thread (and tries on). */
const DEFAULT_GIVE_UP_MS = 10 * 60_000;

export async function runMove(
  context: BotContext,
  record: RequestRecord,
  plan: Plan,
  index: number,
  signal?: AbortSignal,
): Promise<void> {
  const { store } = context;
  const planned = plan.moves[index];
  let move = (await store.getMoves(record.id)).find((candidate) => candidate.index === index);
  if (!planned || !move || record.previewTs === undefined) return;
  if (FINAL_MOVE_STATES.includes(move.state)) return; // done before a restart, or cancelled / not selected
  const threadTs = record.previewTs;
  const log = context.logger.child({ component: 'runner', requestId: record.id, move: index, guest: move.guest });
  try {
    if (move.state === 'queued') {
      const starting = await store.transitionMove(record.id, index, ['queued'], {
        state: 'starting',
        startedAt: context.clock.now().toISOString(),
      });
      if (!starting) return; // cancelled meanwhile
      move = starting;
    }
    if (move.progressTs === undefined) {
      const { ts } = await context.chat.post(
        record.channelId,
        progressMessage(context, move, planned.estimatedSeconds),
        {
          threadTs,
        },
      );
      move = await store.updateMove(record.id, index, { progressTs: ts });
    }
    if (move.state === 'starting') move = await start(context, record, move, planned.commands.migrate.line, signal);
    if (move.state === 'running') move = await follow(context, record, move, planned.estimatedSeconds, signal);
    if (move.state === 'verifying')
      await verify(context, record, move, planned.commands.migrate.line, planned.estimatedSeconds);
  } catch (error) {
    if (signal?.aborted) return; // the bot is stopping: the move resumes from its stored state on restart
    log.error({ err: error }, 'move interrupted');
    await store.updateMove(record.id, index, { error: (error as Error).message });
    await context.chat.post(
      record.channelId,
      context.presenter.error({
        what: `${move.guest}: the bot lost track of this move (${(error as Error).message})`,
        nextStep: `${context.explainError(error)} The migration itself may still be running on ${move.source}: check with hpvmstatus on ${move.source} and ${move.target} before doing anything else.`,
        reference: `${record.id}/${index}`,
      }),
      { threadTs },
    );
  }
}

async function start(
  context: BotContext,
  record: RequestRecord,
  move: MoveRecord,
  migrateLine: string,
  signal?: AbortSignal,
): Promise<MoveRecord> {
  const { remoteDir } = context.settings.migration;
  // The remote start line creates its marker atomically: retrying after an unclear failure cannot start twice.
  const started = await retryTransient(
    () => startMove(context.shell, move, migrateLine, remoteDir, { timeoutMs: context.settings.ssh.commandTimeoutMs }),
    {
      giveUpAfterMs: giveUpMs(context),
      what: `starting ${record.id}/${move.index} on ${move.source}`,
      ...(signal ? { signal } : {}),
    },
  );
  await audit(context, 'bot', 'command.started', record.id, 'ok', {
    host: move.source,
    command: migrateLine,
    remoteLine: started.line,
    outcome: started.outcome.kind,
  });
  const running = await context.store.updateMove(record.id, move.index, { state: 'running', remoteDir: started.dir });
  if (started.outcome.kind === 'started' && record.previewTs !== undefined) {
    await context.chat.post(
      record.channelId,
      context.presenter.moveStarted({ move: running, logPath: `${started.dir}/migrate.log` }),
      { threadTs: record.previewTs },
    );
  }
  return running;
}

async function follow(
  context: BotContext,
  record: RequestRecord,
  move: MoveRecord,
  estimatedSeconds: number,
  signal?: AbortSignal,
): Promise<MoveRecord> {
  const { store } = context;
  let current = move;
  for (;;) {
    try {
      const result = await followMove(context.shell, current, {
        intervalMs: context.settings.execution.followIntervalMs,
        giveUpAfterMs: giveUpMs(context),
        commandTimeoutMs: context.settings.ssh.commandTimeoutMs,
        ...(signal ? { signal } : {}),
        onLines: async (lines, newOffset) => {
          const at = context.clock.now().toISOString();
          await store.appendOutput(
            lines.map((text) => ({ requestId: record.id, moveIndex: move.index, stream: 'log', text, at })),
          );
          current = await store.updateMove(record.id, move.index, { logOffset: newOffset });
        },
        onProgress: async (progress: MoveProgress) => {
          current = await store.updateMove(record.id, move.index, { progress });
          showProgress(context, record, current, estimatedSeconds);
        },
        onTrouble: (trouble) =>
          context.logger.warn(
            { requestId: record.id, move: move.index, ...trouble },
            'VSP unreachable while following',
          ),
      });
      return await store.updateMove(record.id, move.index, { state: 'verifying', exitCode: result.exitCode });
    } catch (error) {
      if (signal?.aborted || (error as { code?: string }).code !== 'follow_gave_up') throw error;
      // Still unreachable: say so, and keep following — the migration runs on without the bot.
      await context.chat.post(
        record.channelId,
        context.presenter.error({
          what: `${move.guest}: ${move.source} has not answered for a while (${(error as Error).message})`,
          nextStep: `The migration keeps running on ${move.source}; the bot keeps trying and reports here when it can read the log again.`,
          reference: `${record.id}/${move.index}`,
        }),
        { threadTs: record.previewTs },
      );
    }
  }
}

async function verify(
  context: BotContext,
  record: RequestRecord,
  move: MoveRecord,
  migrateLine: string,
  estimatedSeconds: number,
): Promise<void> {
  const { store } = context;
  const vsp = (name: string) => {
    const found = context.settings.fleet.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`VSP ${name} is no longer in the fleet configuration`);
    return inventoryTarget(found, context.templates);
  };
  const verification = await verifyMove(
    context.shell,
    { source: vsp(move.source), target: vsp(move.target) },
    context.clock,
    move,
    {
      commandTimeoutMs: context.settings.ssh.commandTimeoutMs,
    },
  );
  const now = context.clock.now().toISOString();
  const succeeded = move.exitCode === 0 && verification.location === 'target';
  const output = (await store.getOutput(record.id, move.index)).map((line) => line.text);
  const location = verification.verifiedLocation;
  const final = await store.updateMove(record.id, move.index, {
    state: succeeded ? 'succeeded' : 'failed',
    finishedAt: now,
    ...(location ? { verifiedLocation: location } : {}),
    ...(succeeded ? {} : { error: failureSummary(move, verification.location) }),
  });
  await audit(context, 'bot', succeeded ? 'move.verified' : 'move.failed', record.id, succeeded ? 'ok' : 'failed', {
    guest: move.guest,
    exitCode: move.exitCode,
    sourceState: verification.sourceState,
    targetState: verification.targetState,
    location: location ?? 'unknown',
  });
  showProgress(context, record, final, estimatedSeconds);
  const reply = succeeded
    ? context.presenter.moveVerified({
        move: final,
        target: { host: move.target, ...stateText(verification.targetState) },
        source: { host: move.source, ...stateText(verification.sourceState) },
      })
    : context.presenter.moveFailed({
        move: final,
        command: migrateLine,
        exitCode: move.exitCode ?? null,
        output,
        ...(location ? { location } : {}),
        nextStep: nextStepAfterFailure(move, verification.location, output),
      });
  await context.chat.post(record.channelId, reply, { threadTs: record.previewTs });
  try {
    await cleanupMove(context.shell, final, context.settings.migration.remoteDir, {
      timeoutMs: context.settings.ssh.commandTimeoutMs,
    });
  } catch (error) {
    context.logger.warn({ err: error, requestId: record.id, move: move.index }, 'remote clean-up failed');
  }
}

function failureSummary(move: MoveRecord, location: 'target' | 'source' | 'unknown'): string {
  if (move.exitCode === 0)
    return `hpvmmigrate exited 0 but hpvmstatus shows the guest on ${location === 'source' ? move.source : 'neither or both VSPs'}`;
  return `hpvmmigrate exited ${String(move.exitCode)}`;
}

function nextStepAfterFailure(
  move: MoveRecord,
  location: 'target' | 'source' | 'unknown',
  output: readonly string[],
): string {
  const advice = hpvmNextStep(output.join('\n'));
  if (location === 'source')
    return `${move.guest} is still on ${move.source} and unaffected. ${advice ?? 'Fix what hpvmmigrate reported, then ask again.'}`;
  if (location === 'target')
    return `${move.guest} runs on ${move.target} although hpvmmigrate reported an error: check it there before anything else.`;
  return `Check where ${move.guest} is with hpvmstatus on ${move.source} and ${move.target} before doing anything else${advice ? `; then: ${advice}` : '.'}`;
}

function stateText(state: string): { stateText?: string } {
  const texts: Record<string, string> = { On: 'On (OS)', Off: 'Off', NotRunnable: 'Off (NR)', Other: 'another state' };
  return state in texts ? { stateText: texts[state] ?? state } : {};
}

function progressMessage(context: BotContext, move: MoveRecord, estimatedSeconds: number) {
  return context.presenter.progress({ move, estimatedSeconds, now: context.clock.now() });
}

/** Progress edits are coalesced by the chat adapter; they never hold up following the log. */
function showProgress(context: BotContext, record: RequestRecord, move: MoveRecord, estimatedSeconds: number): void {
  if (move.progressTs === undefined) return;
  context.chat
    .update(record.channelId, move.progressTs, progressMessage(context, move, estimatedSeconds))
    .catch((error: unknown) => context.logger.warn({ err: error, requestId: record.id }, 'progress update failed'));
}

function giveUpMs(context: BotContext): number {
  return context.settings.execution.giveUpAfterMs ?? DEFAULT_GIVE_UP_MS;
}
