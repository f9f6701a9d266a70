/**
 * What the VSPs say about a move, as facts for the state machine (domain/workflow/move-outcome.ts):
 * `hpvmstatus` on both VSPs — run exactly as the sealed plan stores it (`verifySource`, `verifyTarget`) —
 * and, for a move that needs attention, its folder on the source (run status and exit code). A VSP that
 * cannot be read, or prints a table the parser does not fully understand, is `unreadable`: never a guess.
 */
import { randomBytes } from 'node:crypto';
import { renderCommand, type CommandLine } from '../domain/commands/render-command.ts';
import { moveDir } from '../domain/execution/move-dir.ts';
import { parseHpvmstatusTable } from '../domain/parsers/parse-hpvmstatus-table.ts';
import type { PlannedMove } from '../domain/plan/plan-types.ts';
import type { CopyView, JobStatus, MoveFacts } from '../domain/workflow/move-outcome.ts';
import type { MoveRecord, Workflow } from '../domain/workflow/records.ts';
import type { RemoteShell } from '../ports.ts';
import type { BotContext } from './bot-context.ts';
import { readOnce } from './follow-move.ts';
import { openSealedPlan } from './sealed-plan.ts';

export interface Copies {
  readonly source: CopyView;
  readonly target: CopyView;
}

/** The hpvmstatus lines that tell where a move's guest is. */
export interface VerifyLines {
  readonly guest: string;
  readonly source: CommandLine;
  readonly target: CommandLine;
}

export function verifyLinesOf(planned: PlannedMove): VerifyLines {
  return { guest: planned.guest.name, source: planned.commands.verifySource, target: planned.commands.verifyTarget };
}

/**
 * The plan's verification lines for a move; when the stored plan cannot be read (its seal is broken), the
 * `status` lines rendered from today's configuration — a move must stay checkable to be settled.
 */
export function verifyLinesFor(context: BotContext, workflow: Workflow, move: MoveRecord): VerifyLines | undefined {
  const sealed = openSealedPlan(workflow);
  const planned = sealed.ok ? sealed.plan.moves[move.index] : undefined;
  if (planned) return verifyLinesOf(planned);
  const settings = (name: string) => context.settings.fleet.find((vsp) => vsp.name === name);
  const source = settings(move.source);
  const target = settings(move.target);
  if (!source || !target) return undefined;
  try {
    return {
      guest: move.guest,
      source: renderCommand(context.templates, 'status', source),
      target: renderCommand(context.templates, 'status', target),
    };
  } catch {
    return undefined;
  }
}

/** hpvmstatus on both VSPs, in parallel; a VSP that cannot be read is `unreadable`, never an error. */
export async function readCopies(
  shell: RemoteShell,
  lines: VerifyLines,
  options: { readonly timeoutMs?: number } = {},
): Promise<Copies> {
  const [source, target] = await Promise.all([
    readCopy(shell, lines.source, lines.guest, options),
    readCopy(shell, lines.target, lines.guest, options),
  ]);
  return { source, target };
}

async function readCopy(
  shell: RemoteShell,
  command: CommandLine,
  guest: string,
  options: { readonly timeoutMs?: number },
): Promise<CopyView> {
  const unreadable: CopyView = { state: 'unreadable', text: 'unreadable' };
  try {
    const result = await shell.exec(command.host, command.line, options);
    if (result.exitCode !== 0) return unreadable;
    const table = parseHpvmstatusTable(result.stdout);
    // A row the parser could not read might be this guest's: then its absence proves nothing.
    if (table.issues.some((issue) => issue.severity === 'error')) return unreadable;
    const row = table.value.find((candidate) => candidate.name === guest);
    return row ? { state: row.state, text: row.stateText } : { state: 'absent', text: 'absent' };
  } catch {
    return unreadable;
  }
}

export interface JobReading {
  readonly job: JobStatus;
  /** The exit status when the job exited; null when it never will (missing, vanished). */
  readonly exitCode?: number | null;
  /** The move's folder on the source (also when the start was never confirmed). */
  readonly dir: string;
  /** Log lines after the stored offset, and the offset after them. */
  readonly lines: readonly string[];
  readonly newOffset: number;
}

/**
 * One look at the move's folder on its source. The folder is derived from the request id and move index,
 * so a move whose start was never confirmed is looked for where the start line would have made it.
 */
export async function readJob(context: BotContext, move: MoveRecord): Promise<JobReading> {
  const dir =
    move.remoteDir !== ''
      ? move.remoteDir
      : moveDir({ remoteDir: context.settings.migration.remoteDir, requestId: move.requestId, moveIndex: move.index });
  const offset = move.remoteDir === '' ? 0 : move.logOffset;
  const chunk = await readOnce(
    context.shell,
    { source: move.source, remoteDir: dir, logOffset: offset },
    offset,
    nonce(),
    {
      commandTimeoutMs: context.settings.ssh.commandTimeoutMs,
    },
  );
  const { status } = chunk;
  const exitCode = status.kind === 'exited' ? status.exitCode : status.kind === 'running' ? undefined : null;
  return {
    job: status.kind,
    ...(exitCode === undefined ? {} : { exitCode }),
    dir,
    lines: chunk.lines,
    newOffset: chunk.newOffset,
  };
}

/** The job's reading and both copies, as the facts the state machine decides on. */
export function factsOf(copies: Copies, job?: Pick<JobReading, 'job' | 'exitCode'>, exitCode?: number): MoveFacts {
  if (job) return { ...copies, job: job.job, ...(job.exitCode === undefined ? {} : { exitCode: job.exitCode }) };
  return { ...copies, ...(exitCode === undefined ? {} : { exitCode }) };
}

function nonce(): string {
  return randomBytes(8).toString('hex');
}
