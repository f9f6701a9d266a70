/**
 * The approval policy and the rules of one approval (docs/architecture.md, "Approvals"). Pure: the
 * caller resolves who may approve and passes the time in; the state machine (transition.ts) applies these.
 */
import type { ClickOrigin } from './events.ts';
import type { Approval, RequestRecord, Workflow } from './records.ts';

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

export function isExpired(request: Pick<RequestRecord, 'expiresAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(request.expiresAt);
}

/** How many leading hex digits of the plan hash a button carries: enough to tell two plans apart. */
export const PLAN_HASH_PREFIX_LENGTH = 16;

/**
 * Why a click does not belong to the preview as stored, or undefined when it does: same channel, same
 * message, buttons of the current revision, and (when the button says) the same plan.
 */
export function originMismatch(request: RequestRecord, origin: ClickOrigin): string | undefined {
  if (origin.channelId !== request.channelId) return 'the click came from another channel than the preview';
  if (request.previewTs === undefined) return 'the preview is still being posted';
  if (origin.messageTs !== request.previewTs) return 'the click came from another message than the preview';
  if (origin.revision !== request.previewRevision) {
    return `the buttons clicked are of an older version of the preview (${origin.revision === undefined ? 'unknown' : `v${origin.revision}`}; now v${request.previewRevision})`;
  }
  if (origin.planHashPrefix !== undefined && !request.planHash.startsWith(origin.planHashPrefix)) {
    return 'the buttons clicked belong to another plan than the one stored';
  }
  return undefined;
}

/** The moves every approval covers: what runs once enough approvers have approved. */
export function approvedByAll(approvals: readonly Approval[]): number[] {
  const [first, ...rest] = approvals;
  if (first === undefined) return [];
  return first.moves.filter((index) => rest.every((approval) => approval.moves.includes(index)));
}

/** The indexes an approval covers: every move of the plan, or the ticked ones (sorted, without repeats). */
export function selectionOf(workflow: Workflow, selection: 'all' | readonly number[]): number[] {
  if (selection === 'all') return workflow.moves.map((move) => move.index);
  return [...new Set(selection)].sort((a, b) => a - b);
}
