/**
 * Workflows for the state machine's tests: a request with moves in rounds, its preview posted, and the
 * events a caller would build (clicks from the stored preview, facts from hpvmstatus).
 */
import type { Actor, ClickOrigin, WorkflowEvent } from '../../../../src/domain/workflow/events.ts';
import type { CopyView, MoveFacts } from '../../../../src/domain/workflow/move-outcome.ts';
import type { MoveRecord, RequestRecord, Workflow } from '../../../../src/domain/workflow/records.ts';
import { transition } from '../../../../src/domain/workflow/transition.ts';
import type { Transition, TransitionResult } from '../../../../src/domain/workflow/transition-types.ts';

export const NOW = new Date('2026-12-01T10:05:00.000Z');
export const CHANNEL = 'C0VMOPS';
export const PREVIEW_TS = '1700000000.000100';
export const PLAN_HASH = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

export const REQUESTER: Actor = { userId: 'UREQUESTER', mayApprove: false };
export const APPROVER1: Actor = { userId: 'UAPPROVER1', mayApprove: true };
export const APPROVER2: Actor = { userId: 'UAPPROVER2', mayApprove: true };
export const BYSTANDER: Actor = { userId: 'UBYSTANDER', mayApprove: false };

export interface WorkflowSpec {
  /** One entry per move: its round (0-based); guests are vm0, vm1, … */
  readonly rounds?: readonly number[];
  readonly request?: Partial<RequestRecord>;
  readonly moves?: readonly Partial<MoveRecord>[];
}

export function workflow(spec: WorkflowSpec = {}): Workflow {
  const rounds = spec.rounds ?? [0];
  const request: RequestRecord = {
    id: 'REQ-7',
    kind: 'migrate',
    text: 'vm0 to vsp2',
    requesterId: REQUESTER.userId,
    channelId: CHANNEL,
    triggerId: 'trigger-7',
    createdAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2026-12-01T10:30:00.000Z',
    state: 'pending',
    version: 1,
    planJson: '{}',
    planHash: PLAN_HASH,
    dependencyHash: 'dependency',
    approvalsRequired: 1,
    approvals: [],
    previewTs: PREVIEW_TS,
    previewRevision: 0,
    ...spec.request,
  };
  const moves = rounds.map((round, index): MoveRecord => ({
    requestId: request.id,
    index,
    round,
    guest: `vm${index}`,
    source: 'vsp1',
    target: index % 2 === 0 ? 'vsp2' : 'vsp3',
    mode: 'online',
    state: 'queued',
    remoteDir: '',
    logOffset: 0,
    ...spec.moves?.[index],
  }));
  return { request, moves };
}

/** A click from the preview exactly as stored. */
export function origin(from: Workflow, overrides: Partial<ClickOrigin> = {}): ClickOrigin {
  return {
    channelId: from.request.channelId,
    messageTs: from.request.previewTs ?? 'none',
    revision: from.request.previewRevision,
    planHashPrefix: from.request.planHash.slice(0, 16),
    ...overrides,
  };
}

export function approveEvent(
  from: Workflow,
  actor: Actor,
  selection: 'all' | readonly number[] = 'all',
  overrides: Partial<ClickOrigin> = {},
): WorkflowEvent {
  return { type: 'approve', actor, selection, origin: origin(from, overrides), selfApproval: false };
}

export function copy(state: CopyView['state'], text?: string): CopyView {
  const texts: Record<CopyView['state'], string> = {
    On: 'On (OS)',
    Off: 'Off',
    NotRunnable: 'Off (NR)',
    Other: 'On (EFI)',
    absent: 'absent',
    unreadable: 'unreadable',
  };
  return { state, text: text ?? texts[state] };
}

/** Facts after a move: exit code, the copy on the source, the copy on the target. */
export function facts(
  exitCode: number | null | undefined,
  source: CopyView['state'],
  target: CopyView['state'],
  job?: MoveFacts['job'],
): MoveFacts {
  return {
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(job === undefined ? {} : { job }),
    source: copy(source),
    target: copy(target),
  };
}

/** Applies the event and expects it accepted; returns the transition. */
export function accepted(from: Workflow, event: WorkflowEvent, now: Date = NOW): Transition {
  const result = transition(from, event, now);
  if (!result.ok) throw new Error(`expected ${event.type} to be accepted, refused: ${result.code} ${result.reason}`);
  return result;
}

/** Applies a sequence of events, each of which must be accepted; returns the final workflow. */
export function run(from: Workflow, events: readonly WorkflowEvent[], now: Date = NOW): Workflow {
  return events.reduce((current, event) => accepted(current, event, now).next, from);
}

export function refusal(result: TransitionResult): { code: string; reason: string } | undefined {
  return result.ok ? undefined : { code: result.code, reason: result.reason };
}
