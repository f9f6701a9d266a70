/**
 * What every Store keeps of a draft, an approval and a move, and which moves count as in flight: shared by
 * the SQLite store and the in-memory one (test/support/memory/memory-store.ts) so both answer alike.
 */
import {
  ACTIVE_MOVE_STATES,
  type Approval,
  type MoveRecord,
  type MoveState,
  type RequestRecord,
} from '../../domain/workflow/records.ts';
import type { MoveDraft, RequestDraft } from '../../ports.ts';

/** Moves past `queued` and not final: what a restarted bot follows again (ports.ts `movesInFlight`). */
export const IN_FLIGHT_MOVE_STATES: readonly MoveState[] = [...ACTIVE_MOVE_STATES, 'needs_attention'];

/** Only the fields the record type names: a wider object passed in does not leak into the store. */
export function storedApprovals(approvals: readonly Approval[]): Approval[] {
  return approvals.map(({ userId, at, planHash, moves }) => ({ userId, at, planHash, moves: [...moves] }));
}

/** The record a draft becomes: version 0, preview revision 0, no preview yet; `guests` and `vsp` stay out. */
export function requestFromDraft(id: string, draft: RequestDraft): RequestRecord {
  return {
    id,
    kind: draft.kind,
    text: draft.text,
    requesterId: draft.requesterId,
    channelId: draft.channelId,
    triggerId: draft.triggerId,
    ...(draft.responseUrl === undefined ? {} : { responseUrl: draft.responseUrl }),
    createdAt: draft.createdAt,
    expiresAt: draft.expiresAt,
    state: draft.state,
    version: 0,
    ...(draft.reason === undefined ? {} : { reason: draft.reason }),
    planJson: draft.planJson,
    planHash: draft.planHash,
    dependencyHash: draft.dependencyHash,
    approvalsRequired: draft.approvalsRequired,
    approvals: storedApprovals(draft.approvals),
    previewRevision: 0,
    ...(draft.stateNote === undefined ? {} : { stateNote: draft.stateNote }),
    ...(draft.closedAt === undefined ? {} : { closedAt: draft.closedAt }),
  };
}

export function moveFromDraft(requestId: string, draft: MoveDraft): MoveRecord {
  return {
    requestId,
    index: draft.index,
    round: draft.round,
    guest: draft.guest,
    source: draft.source,
    target: draft.target,
    mode: draft.mode,
    state: 'queued',
    remoteDir: '',
    logOffset: 0,
  };
}

/**
 * `readAuditChain({ since })`: compared as instants, not as text, so `…T10:00:00Z` and `…T10:00:00.000Z`
 * agree. A time that does not parse is compared as text (it sorts as written).
 */
export function isAtOrAfter(at: string, since: string): boolean {
  const [a, b] = [Date.parse(at), Date.parse(since)];
  return Number.isNaN(a) || Number.isNaN(b) ? at >= since : a >= b;
}
