/**
 * Who may do what with a request, and what a click does (DESIGN §1 row 4, §3). Pure: the caller resolves
 * group membership and passes the time in. The decision is made on the request as stored now, not as the
 * clicked message showed it, and the state change itself is a compare-and-set in the Store: two clicks
 * at once, or two replicas, cannot both win.
 */
import type { RequestRecord, RequestState } from './records.ts';

export interface ApprovalPolicy {
  readonly selfApproval: boolean;
  readonly defaultApprovals: number;
  readonly approvalsPerVsp: Readonly<Record<string, number>>;
  readonly expiryMinutes: number;
}

/** The largest requirement of any VSP the request touches (as source, target or evacuated host). */
export function approvalsRequired(vsps: readonly string[], policy: ApprovalPolicy): number {
  return Math.max(policy.defaultApprovals, ...vsps.map((vsp) => policy.approvalsPerVsp[vsp] ?? 0));
}

export function expiryFor(createdAt: Date, policy: ApprovalPolicy): Date {
  return new Date(createdAt.getTime() + policy.expiryMinutes * 60_000);
}

export type ClickAction = 'approve' | 'reject' | 'cancel';

export interface Click {
  readonly action: ClickAction;
  readonly userId: string;
  /** Resolved by the caller: the user is in the approver list or one of the approver groups. */
  readonly userMayApprove: boolean;
}

export type RefusalCode =
  'expired' | 'not_pending' | 'not_running' | 'self_approval' | 'not_an_approver' | 'already_approved' | 'not_allowed';

export type ClickDecision =
  /** Enough approvals: the request moves to `approving` (inventory re-read, then run). */
  | { readonly outcome: 'approve'; readonly approvals: RequestRecord['approvals'] }
  /** Counted, but more distinct approvers are needed: stays pending. */
  | { readonly outcome: 'count_approval'; readonly approvals: RequestRecord['approvals'] }
  | { readonly outcome: 'reject' }
  | { readonly outcome: 'cancel'; readonly from: 'pending' | 'running' }
  /** The request has passed its expiry: refuse, and the caller closes it as expired. */
  | { readonly outcome: 'expire' }
  | { readonly outcome: 'refuse'; readonly code: RefusalCode; readonly reason: string };

export function decideClick(record: RequestRecord, click: Click, policy: ApprovalPolicy, now: Date): ClickDecision {
  if (click.action === 'cancel') return decideCancel(record, click);
  if (record.state !== 'pending') return refuse('not_pending', closedReason(record));
  if (now.getTime() > Date.parse(record.expiresAt)) return { outcome: 'expire' };
  if (click.action === 'reject') {
    if (click.userId === record.requesterId || click.userMayApprove) return { outcome: 'reject' };
    return refuse('not_allowed', 'only an approver or the requester can reject this request');
  }
  if (!click.userMayApprove) return refuse('not_an_approver', 'you are not on the approver list for this request');
  if (click.userId === record.requesterId && !policy.selfApproval) {
    return refuse('self_approval', 'you asked for this move: another approver has to approve it (four eyes)');
  }
  if (record.approvals.some((approval) => approval.userId === click.userId)) {
    return refuse('already_approved', 'you already approved this request; it needs another approver');
  }
  const approvals = [...record.approvals, { userId: click.userId, at: now.toISOString() }];
  return approvals.length >= record.approvalsRequired
    ? { outcome: 'approve', approvals }
    : { outcome: 'count_approval', approvals };
}

function decideCancel(record: RequestRecord, click: Click): ClickDecision {
  if (click.userId !== record.requesterId && !click.userMayApprove) {
    return refuse('not_allowed', 'only the requester or an approver can cancel this request');
  }
  if (record.state === 'pending') return { outcome: 'cancel', from: 'pending' };
  if (record.state === 'running') return { outcome: 'cancel', from: 'running' };
  return refuse('not_running', closedReason(record));
}

const CLOSED_REASONS: Record<RequestState, string> = {
  checked: 'this was a check only: nothing can be approved',
  pending: 'it is still waiting for approval',
  approving: 'it was just approved and is being re-checked',
  running: 'it was already approved and is running',
  completed: 'it has already completed',
  failed: 'it has already run (and failed)',
  rejected: 'it was rejected',
  expired: 'it expired: ask again',
  superseded: 'the inventory changed since the preview: ask again for a new preview',
  cancelled: 'it was cancelled',
};

function closedReason(record: RequestRecord): string {
  return `${record.id} is ${record.state}: ${CLOSED_REASONS[record.state]}`;
}

function refuse(code: RefusalCode, reason: string): ClickDecision {
  return { outcome: 'refuse', code, reason };
}
