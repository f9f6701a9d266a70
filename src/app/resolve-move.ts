/**
 * `/migrate resolve <request> [<vm>] done|failed`: an approver settles a move that needs attention. The
 * bot reads the move's folder and hpvmstatus on both VSPs first and refuses a resolution that contradicts
 * them (docs/architecture.md, "States and events"): a move still running, `done` while the target shows
 * no runnable copy, `failed` while it does. Audited like every transition.
 */
import type { ResolveOutcome } from '../domain/workflow/events.ts';
import type { MoveRecord } from '../domain/workflow/records.ts';
import type { ChatMessage } from '../ports.ts';
import { applyEvent } from './apply-event.ts';
import { audit } from './audit.ts';
import { mayApprove, type BotContext } from './bot-context.ts';
import { factsOf, readCopies, readJob, verifyLinesFor, type JobReading } from './move-facts.ts';

export interface ResolveInput {
  readonly requestId: string;
  readonly guest?: string;
  readonly outcome: ResolveOutcome;
  readonly userId: string;
}

export async function resolveMove(context: BotContext, input: ResolveInput): Promise<ChatMessage> {
  const { presenter } = context;
  const refuse = async (why: string): Promise<ChatMessage> => {
    await audit(context, input.userId, 'move.resolve', input.requestId, 'refused', {
      reason: why,
      outcome: input.outcome,
    });
    return presenter.notice(`Not resolved: ${why}. Nothing changed.`);
  };
  const workflow = await context.store.getWorkflow(input.requestId);
  if (!workflow) return refuse(`there is no request ${input.requestId}`);
  if (!(await mayApprove(context, input.userId))) return refuse('only an approver can resolve a move');
  const picked = pickMove(workflow.moves, input.guest);
  if (typeof picked === 'string') return refuse(`${input.requestId}: ${picked}`);
  const lines = verifyLinesFor(context, workflow, picked);
  if (!lines) return refuse(`${picked.source} or ${picked.target} is no longer in the fleet configuration`);
  let job: JobReading | undefined;
  try {
    job = await readJob(context, picked);
  } catch (error) {
    // A source that cannot be reached at all is a case for resolving by hand; hpvmstatus still decides.
    context.logger.warn({ err: error, requestId: input.requestId }, 'move folder unreadable while resolving');
  }
  const timeoutMs = context.settings.ssh.commandTimeoutMs;
  const facts = factsOf(await readCopies(context.shell, lines, { timeoutMs }), job);
  const applied = await applyEvent(context, input.requestId, {
    type: 'resolve',
    actor: { userId: input.userId, mayApprove: true },
    index: picked.index,
    outcome: input.outcome,
    facts,
  });
  if (!applied.ok) return refuse(applied.reason);
  const state = applied.workflow.request.state;
  return presenter.notice(
    `${input.requestId}: ${picked.guest} resolved as ${input.outcome} (hpvmstatus: ${picked.source} ${facts.source.text}, ${picked.target} ${facts.target.text}). ${state === 'needs_attention' ? 'Other moves of it still need attention.' : `${picked.guest} and both VSPs are released; the request is ${state.replace('_', ' ')}.`}`,
  );
}

function pickMove(moves: readonly MoveRecord[], guest: string | undefined): MoveRecord | string {
  const open = moves.filter((move) => move.state === 'needs_attention');
  if (guest !== undefined) {
    const named = moves.find((move) => move.guest === guest);
    if (!named) return `it has no move of ${guest}`;
    if (named.state !== 'needs_attention')
      return `${guest}'s move is ${named.state.replace('_', ' ')}, not waiting for a resolution`;
    return named;
  }
  const [only, ...more] = open;
  if (only === undefined) return 'no move of it needs attention';
  if (more.length > 0) return `name the guest: ${open.map((move) => move.guest).join(', ')} need attention`;
  return only;
}
