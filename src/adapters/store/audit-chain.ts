/**
 * The audit trail as a hash chain (docs/architecture.md, "Audit"). Every row carries the hash of the row
 * before it and its own hash: sha256 over that previous hash and the row's canonical content. An edited
 * row no longer matches its hash; a deleted row leaves a seq gap and a prev_hash that links to nothing. A
 * deleted last row leaves no trace in the rows, so every Store keeps the head (seq and hash of the last
 * row) beside them, moved in the same transaction as each append, and verification compares it.
 *
 * What the chain cannot detect: someone who can write the file and rewrites every row from the edited one
 * on, head included, with fresh hashes (the algorithm is no secret). Only a copy of the head kept somewhere
 * else (an export, a log line, a ticket) shows that.
 *
 * The hash format is part of the stored data: migration 4 computed the hashes of older rows with it, so it
 * must never change. A different format needs a new migration that re-chains the rows.
 */
import { createHash } from 'node:crypto';

import { canonicalJson } from '../../domain/plan/canonical-plan-json.ts';
import type { AuditEntry } from '../../domain/workflow/records.ts';
import type { ChainedAuditEntry } from '../../ports.ts';

/** The last row of the chain as recorded beside the rows; seq 0 and '' before the first row. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export const EMPTY_AUDIT_HEAD: AuditHead = { seq: 0, hash: '' };

export type AuditChainProblemKind = 'hash_mismatch' | 'broken_link' | 'seq_gap' | 'head_mismatch' | 'unreadable';

export interface AuditChainProblem {
  /** The row the problem shows at (for a deleted last row: the seq the head names). */
  readonly seq: number;
  readonly kind: AuditChainProblemKind;
  /** What is wrong, in words, starting with the kind (`hash mismatch: …`). */
  readonly message: string;
}

export interface AuditChainReport {
  readonly ok: boolean;
  readonly rows: number;
  /** The last row's seq and hash (EMPTY_AUDIT_HEAD for an empty chain). */
  readonly head: AuditHead;
  readonly problems: readonly AuditChainProblem[];
}

/**
 * The entry as every Store keeps it: the detail as JSON gives it back (a Date becomes its ISO text, an
 * undefined member disappears), so the hash computed when writing equals the one computed when reading.
 */
export function storedAuditEntry(entry: AuditEntry): AuditEntry {
  return {
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    ...(entry.requestId === undefined ? {} : { requestId: entry.requestId }),
    result: entry.result,
    ...(entry.detail === undefined
      ? {}
      : { detail: JSON.parse(JSON.stringify(entry.detail)) as Readonly<Record<string, unknown>> }),
  };
}

/** sha256 (hex) of the previous row's hash and this row's canonical content. Never change (see above). */
export function auditHash(prevHash: string, seq: number, entry: AuditEntry): string {
  const content = canonicalJson({
    seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    requestId: entry.requestId ?? null,
    result: entry.result,
    detail: entry.detail ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** The row that follows `head`: what a Store appends (and then makes the new head). */
export function nextAuditRow(head: AuditHead, entry: AuditEntry): ChainedAuditEntry {
  const stored = storedAuditEntry(entry);
  const seq = head.seq + 1;
  return { ...stored, seq, prevHash: head.hash, hash: auditHash(head.hash, seq, stored) };
}

export function headOf(row: ChainedAuditEntry | undefined): AuditHead {
  return row === undefined ? EMPTY_AUDIT_HEAD : { seq: row.seq, hash: row.hash };
}

/**
 * Checks a whole chain (oldest first, from seq 1): every row's hash, every link, the seq run, and — when
 * given — the head recorded beside the rows. Reports every problem, each at the seq it shows at.
 */
export function verifyAuditChain(rows: readonly ChainedAuditEntry[], head?: AuditHead): AuditChainReport {
  const problems: AuditChainProblem[] = [];
  let previous: ChainedAuditEntry | undefined;
  for (const row of rows) {
    problems.push(...linkProblems(previous, row));
    if (auditHash(row.prevHash, row.seq, row) !== row.hash) {
      problems.push({
        seq: row.seq,
        kind: 'hash_mismatch',
        message: 'hash mismatch: the row does not match its hash (edited after it was written)',
      });
    }
    previous = row;
  }
  if (head !== undefined) problems.push(...headProblems(previous, head));
  return { ok: problems.length === 0, rows: rows.length, head: headOf(previous), problems };
}

function linkProblems(previous: ChainedAuditEntry | undefined, row: ChainedAuditEntry): AuditChainProblem[] {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  const problems: AuditChainProblem[] = [];
  if (row.seq !== expectedSeq) {
    problems.push({
      seq: row.seq,
      kind: 'seq_gap',
      message: `seq gap: ${describeMissing(expectedSeq, row.seq - 1)} missing before it (deleted)`,
    });
  }
  // Without the row before it (the first rows were deleted) there is nothing to link to.
  if (previous === undefined && row.seq !== 1) return problems;
  const expectedPrev = previous?.hash ?? '';
  if (row.prevHash !== expectedPrev) {
    problems.push({
      seq: row.seq,
      kind: 'broken_link',
      message:
        previous === undefined
          ? 'prev_hash does not link: the first row must have an empty prev_hash'
          : `prev_hash does not link to the hash of seq ${previous.seq} (a row between them was deleted, or seq ${previous.seq} was edited and re-hashed)`,
    });
  }
  return problems;
}

function headProblems(last: ChainedAuditEntry | undefined, head: AuditHead): AuditChainProblem[] {
  const lastSeq = last?.seq ?? 0;
  if (head.seq > lastSeq) {
    return [
      {
        seq: head.seq,
        kind: 'head_mismatch',
        message: `head mismatch: audit_head names seq ${head.seq} but the last row is ${last === undefined ? 'none' : `seq ${lastSeq}`}: ${describeMissing(lastSeq + 1, head.seq)} deleted from the end`,
      },
    ];
  }
  if (head.seq < lastSeq) {
    return [
      {
        seq: lastSeq,
        kind: 'head_mismatch',
        message: `head mismatch: audit_head names seq ${head.seq} but rows go on to seq ${lastSeq} (written around the store)`,
      },
    ];
  }
  if (last !== undefined && head.hash !== last.hash) {
    return [
      {
        seq: lastSeq,
        kind: 'head_mismatch',
        message:
          'head mismatch: the last row’s hash differs from the one audit_head recorded (the last row was replaced)',
      },
    ];
  }
  return [];
}

function describeMissing(from: number, to: number): string {
  return from === to ? `seq ${from} is` : `seqs ${from}–${to} are`;
}
