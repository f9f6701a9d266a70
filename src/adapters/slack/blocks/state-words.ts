/**
 * Request and move states as readers say them: the stored names are identifiers (`needs_attention`), and
 * `not_selected` means, to an approver, that the move was not approved.
 */
import type { MoveState, RequestState } from '../../../domain/workflow/records.ts';

const REQUEST_WORDS: Readonly<Record<RequestState, string>> = {
  checked: 'checked',
  pending: 'pending',
  approving: 'approving',
  running: 'running',
  needs_attention: 'needs attention',
  completed: 'completed',
  failed: 'failed',
  rejected: 'rejected',
  expired: 'expired',
  superseded: 'superseded',
  cancelled: 'cancelled',
};

const MOVE_WORDS: Readonly<Record<MoveState, string>> = {
  queued: 'queued',
  starting: 'starting',
  running: 'running',
  verifying: 'verifying',
  needs_attention: 'needs attention',
  succeeded: 'verified',
  failed: 'failed',
  cancelled: 'cancelled',
  not_selected: 'not approved',
};

export function requestStateWords(state: RequestState): string {
  return REQUEST_WORDS[state];
}

export function moveStateWords(state: MoveState): string {
  return MOVE_WORDS[state];
}
