/**
 * Recognises the few line shapes the bot sends to a VSP, by taking a line apart and rendering it again with
 * the bot's own renderers: only a line that comes back identical is known. So the fake follows the renderers
 * exactly, and a renderer that changes makes the fake refuse the new line instead of misreading it.
 */
import { buildBatchLine } from '../../../src/domain/command-batch.ts';
import { parseMoveDir } from '../../../src/domain/execution/move-dir.ts';
import { renderCleanup } from '../../../src/domain/execution/render-cleanup.ts';
import { renderDetachedStart } from '../../../src/domain/execution/render-detached-start.ts';
import { renderFollow } from '../../../src/domain/execution/render-follow.ts';
import { parseHpvmLine, unquoteShellWords, type HpvmInvocation } from './shell-words.ts';

export type KnownLine =
  /** One rendered HPVM command (renderCommand). */
  | { readonly kind: 'command'; readonly line: string; readonly invocation: HpvmInvocation }
  /** buildBatchLine of HPVM commands. */
  | { readonly kind: 'batch'; readonly nonce: string; readonly parts: readonly BatchPartLine[] }
  /** renderDetachedStart; the migrate line is checked only when it is run (a reattach never runs it). */
  | { readonly kind: 'start'; readonly dir: string; readonly migrateLine: string }
  /** renderFollow: the status and the log from `offset` (bytes), as one batch. */
  | { readonly kind: 'follow'; readonly dir: string; readonly offset: number; readonly nonce: string }
  /** renderCleanup. */
  | { readonly kind: 'cleanup'; readonly dir: string; readonly remoteDir: string };

export interface BatchPartLine {
  readonly key: string;
  readonly line: string;
  /** Undefined when the part is not an HPVM command line. */
  readonly invocation: HpvmInvocation | undefined;
}

export function recogniseLine(line: string): KnownLine | undefined {
  return recogniseStart(line) ?? recogniseCleanup(line) ?? recogniseBatch(line) ?? recogniseCommand(line);
}

function recogniseCommand(line: string): KnownLine | undefined {
  const invocation = parseHpvmLine(line);
  return invocation ? { kind: 'command', line, invocation } : undefined;
}

const START =
  /^trap '' HUP; mkdir -p (\S+) && cd \1 && if mkdir started 2>\/dev\/null; then nohup \/bin\/sh -c ('(?:[^']|'"'"')*') </;
const JOB = /^\((.*)\); echo \$\? >exit\.status\.tmp && mv exit\.status\.tmp exit\.status$/s;

function recogniseStart(line: string): KnownLine | undefined {
  const match = START.exec(line);
  const [, dir = '', quotedJob = ''] = match ?? [];
  const job = unquoteShellWords(quotedJob);
  const migrateLine = job?.length === 1 ? JOB.exec(job[0]!)?.[1] : undefined;
  if (migrateLine === undefined) return undefined;
  const same = rendersAs(line, () => renderDetachedStart({ ...parseMoveDir(dir), migrateLine }));
  return same ? { kind: 'start', dir, migrateLine } : undefined;
}

const CLEANUP = /^if \[ -d (\S+)\/started \] && .* rmdir (\S+)\/REQ-[0-9]+ 2>\/dev\/null/;

function recogniseCleanup(line: string): KnownLine | undefined {
  const [, dir, remoteDir] = CLEANUP.exec(line) ?? [];
  if (dir === undefined || remoteDir === undefined) return undefined;
  return rendersAs(line, () => renderCleanup(dir, remoteDir)) ? { kind: 'cleanup', dir, remoteDir } : undefined;
}

const NONCE = / <\/dev\/null; echo "@@hpvm-chatops-([A-Za-z0-9]{8,64})@@ /;
const FOLLOW_LOG = /^tail -c \+([0-9]+) (\S+)\/migrate\.log && echo @end-of-log$/;

function recogniseBatch(line: string): KnownLine | undefined {
  const nonce = NONCE.exec(line)?.[1];
  if (nonce === undefined) return undefined;
  const commands = splitBatch(line, nonce);
  if (!commands || !rendersAs(line, () => buildBatchLine(commands, nonce))) return undefined;

  const [status, log] = commands;
  const followLog = commands.length === 2 && log?.key === 'log' ? FOLLOW_LOG.exec(log.line) : null;
  if (status?.key === 'status' && followLog) {
    const [, from = '', dir = ''] = followLog;
    const offset = Number(from) - 1;
    if (rendersAs(line, () => renderFollow(dir, offset, nonce))) return { kind: 'follow', dir, offset, nonce };
  }
  return {
    kind: 'batch',
    nonce,
    parts: commands.map((command) => ({ ...command, invocation: parseHpvmLine(command.line) })),
  };
}

/** `<line> </dev/null; echo "<mark> <key> $?"; echo "<mark> <key>" >&2` joined by `; `, taken apart. */
function splitBatch(line: string, nonce: string): { key: string; line: string }[] | undefined {
  const mark = `@@hpvm-chatops-${nonce}@@`;
  const opener = ` </dev/null; echo "${mark} `;
  const commands: { key: string; line: string }[] = [];
  let at = 0;
  while (at < line.length) {
    const end = line.indexOf(opener, at);
    if (end < 0) return undefined;
    const key = /^[A-Za-z0-9_.:-]+/.exec(line.slice(end + opener.length))?.[0];
    if (key === undefined) return undefined;
    const tail = ` $?"; echo "${mark} ${key}" >&2`;
    const after = end + opener.length + key.length;
    if (!line.startsWith(tail, after)) return undefined;
    commands.push({ key, line: line.slice(at, end) });
    at = after + tail.length;
    if (at < line.length) {
      if (!line.startsWith('; ', at)) return undefined;
      at += 2;
    }
  }
  return commands.length > 0 ? commands : undefined;
}

/** True when the renderer, given the parts read back, writes exactly this line (a renderer error is false). */
function rendersAs(line: string, render: () => string): boolean {
  try {
    return render() === line;
  } catch {
    return false;
  }
}
