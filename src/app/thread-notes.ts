/**
 * Thread replies for the notes a transition asks for (ThreadNote in domain/workflow/transition-types.ts):
 * the use-case adds what the store and the VSPs know — output lines, command lines, what hpvmstatus shows —
 * and the presenter turns it into a message.
 */
import {
  outcomeUnknownNextStep,
  resolveCommand,
  unknownFailureNextStep,
} from '../domain/execution/execution-next-step.ts';
import { hpvmNextStep } from '../domain/hpvm-next-step.ts';
import { readPlanJson } from '../domain/plan/plan-schema.ts';
import type { Plan } from '../domain/plan/plan-types.ts';
import { locateGuest, type CopyView, type MoveFacts } from '../domain/workflow/move-outcome.ts';
import type { MoveRecord, Workflow } from '../domain/workflow/records.ts';
import type { ThreadNote } from '../domain/workflow/transition-types.ts';
import type { ChatMessage, HostView } from '../ports.ts';
import type { BotContext } from './bot-context.ts';
import { readCopies, verifyLinesFor } from './move-facts.ts';

/** Output lines an attention report shows: enough to see how hpvmmigrate ended. */
const ATTENTION_OUTPUT_LINES = 15;

export async function postNote(context: BotContext, workflow: Workflow, note: ThreadNote): Promise<void> {
  const { request } = workflow;
  if (request.previewTs === undefined) return;
  for (const message of await messagesFor(context, workflow, note)) {
    await context.chat.post(request.channelId, message, { threadTs: request.previewTs });
  }
}

export async function postSummary(context: BotContext, workflow: Workflow): Promise<void> {
  const { request } = workflow;
  if (request.previewTs === undefined) return;
  await context.chat.post(request.channelId, context.presenter.requestSummary({ request, moves: workflow.moves }), {
    threadTs: request.previewTs,
  });
}

async function messagesFor(context: BotContext, workflow: Workflow, note: ThreadNote): Promise<ChatMessage[]> {
  const { presenter } = context;
  const { request } = workflow;
  const move = (index: number): MoveRecord | undefined => workflow.moves.find((candidate) => candidate.index === index);
  switch (note.kind) {
    case 'not_selected':
      return [
        presenter.movesNotSelected({
          requestId: request.id,
          moves: note.indexes.flatMap((index) => move(index) ?? []),
          approvals: request.approvals.map((approval) => ({
            userId: approval.userId,
            guests: approval.moves.map((index) => move(index)?.guest ?? `#${index}`),
          })),
        }),
      ];
    case 'cancelled':
      return note.indexes.flatMap((index) => {
        const cancelled = move(index);
        return cancelled ? [presenter.moveCancelled({ move: cancelled, reason: note.reason })] : [];
      });
    case 'superseded':
      return [
        presenter.notice(
          `${request.id} was approved, but the inventory changed since the preview: ${note.change}. Nothing ran. Ask again for a fresh preview: /migrate ${request.text}`,
        ),
      ];
    case 'seal_broken':
      return [
        presenter.error({
          what: `${request.id}: nothing more runs — the stored plan is not the plan that was approved (${note.problem})`,
          nextStep:
            "A stored plan never changes after its preview: find out who or what wrote to the bot's database, then ask again for a fresh preview.",
          reference: request.id,
        }),
      ];
    case 'move_started': {
      const started = move(note.index);
      return started ? [presenter.moveStarted({ move: started, logPath: `${started.remoteDir}/migrate.log` })] : [];
    }
    case 'move_result': {
      const done = move(note.index);
      return done ? [await moveResult(context, workflow, done, note.facts)] : [];
    }
    case 'needs_attention': {
      const lost = move(note.index);
      return lost ? [await attentionReport(context, workflow, lost, note)] : [];
    }
    case 'reattached': {
      const found = move(note.index);
      return found
        ? [
            presenter.notice(
              `${found.guest}: hpvmmigrate is still running on ${found.source}; the bot follows it again.`,
            ),
          ]
        : [];
    }
    case 'settled': {
      const settled = move(note.index);
      if (!settled || (settled.state !== 'succeeded' && settled.state !== 'failed')) return [];
      return [
        presenter.moveSettled({
          move: settled,
          outcome: settled.state,
          ...(note.by === undefined ? {} : { by: note.by }),
          ...(settled.verifiedLocation === undefined ? {} : { location: settled.verifiedLocation }),
          reason: settled.error ?? 'hpvmmigrate exited 0 and hpvmstatus shows the guest on the target',
        }),
      ];
    }
  }
}

async function moveResult(
  context: BotContext,
  workflow: Workflow,
  move: MoveRecord,
  facts: MoveFacts,
): Promise<ChatMessage> {
  if (move.state === 'succeeded') {
    return context.presenter.moveVerified({
      move,
      target: hostView(move.target, facts.target),
      source: hostView(move.source, facts.source),
    });
  }
  const output = (await context.store.getOutput(move.requestId, move.index)).map((line) => line.text);
  const location = locateGuest(facts);
  const advice = hpvmNextStep(output.join('\n'));
  const plan = planOf(workflow);
  return context.presenter.moveFailed({
    move,
    ...(plan?.moves[move.index] ? { command: plan.moves[move.index]?.commands.migrate.line } : {}),
    exitCode: move.exitCode ?? null,
    output,
    ...(move.verifiedLocation === undefined ? {} : { location: move.verifiedLocation }),
    nextStep:
      location === 'source'
        ? `${move.guest} is still on ${move.source} and unaffected. ${advice ?? 'Fix what hpvmmigrate reported, then ask again.'}`
        : `Check where ${move.guest} is with hpvmstatus on ${move.source} and ${move.target} before doing anything else${advice ? `; then: ${advice}` : '.'}`,
  });
}

/** What is known about a move whose outcome is unknown: its last output, and hpvmstatus on both VSPs. */
async function attentionReport(
  context: BotContext,
  workflow: Workflow,
  move: MoveRecord,
  note: Extract<ThreadNote, { kind: 'needs_attention' }>,
): Promise<ChatMessage> {
  const where = { guest: move.guest, source: move.source, target: move.target, requestId: move.requestId };
  const lastOutput = (await context.store.getOutput(move.requestId, move.index, { last: ATTENTION_OUTPUT_LINES })).map(
    (line) => line.text,
  );
  const lines = verifyLinesFor(context, workflow, move);
  const timeoutMs = context.settings.ssh.commandTimeoutMs;
  const copies = note.facts ?? (lines ? await readCopies(context.shell, lines, { timeoutMs }) : undefined);
  const code = move.errorCode ?? 'unexpected_error';
  const nextStep =
    note.nextStep ?? (code === 'outcome_unknown' ? outcomeUnknownNextStep(where) : unknownFailureNextStep(where));
  return context.presenter.moveNeedsAttention({
    move,
    what: move.error ?? 'the bot lost track of this move',
    code,
    lastOutput,
    ...seenOn('source', move.source, copies?.source),
    ...seenOn('target', move.target, copies?.target),
    nextStep,
    resolveCommand: resolveCommand(where),
  });
}

/** A VSP's view of the guest for the presenter (no stateText: the VSP does not list the guest). */
function hostView(host: string, copy: CopyView): HostView {
  return copy.state === 'absent' ? { host } : { host, stateText: copy.text };
}

/** A side of an attention report: left out when the VSP could not be read (the presenter says so). */
function seenOn(
  side: 'source' | 'target',
  host: string,
  copy: CopyView | undefined,
): { source?: HostView; target?: HostView } {
  if (copy === undefined || copy.state === 'unreadable') return {};
  return { [side]: hostView(host, copy) };
}

function planOf(workflow: Workflow): Plan | undefined {
  const read = readPlanJson(workflow.request.planJson);
  return read.ok ? read.plan : undefined;
}
