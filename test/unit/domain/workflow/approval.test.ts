import { describe, expect, it } from 'vitest';
import {
  approvalsRequired,
  decideClick,
  type ApprovalPolicy,
  type Click,
} from '../../../../src/domain/workflow/approval.ts';
import type { RequestRecord } from '../../../../src/domain/workflow/records.ts';

const NOW = new Date('2026-11-25T10:10:00Z');
const POLICY: ApprovalPolicy = {
  selfApproval: false,
  defaultApprovals: 1,
  approvalsPerVsp: { vspprod: 2 },
  expiryMinutes: 30,
};

function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 'REQ-7',
    kind: 'migrate',
    text: 'vm01 to vsp2',
    requesterId: 'UREQUESTER',
    channelId: 'COPS',
    triggerId: 't1',
    createdAt: '2026-11-25T10:00:00Z',
    expiresAt: '2026-11-25T10:30:00Z',
    state: 'pending',
    version: 3,
    planJson: '{}',
    planHash: 'h',
    dependencyHash: 'd',
    approvalsRequired: 1,
    approvals: [],
    ...overrides,
  };
}

function click(overrides: Partial<Click> = {}): Click {
  return { action: 'approve', userId: 'UAPPROVER1', userMayApprove: true, ...overrides };
}

describe('approvalsRequired', () => {
  it.each([
    [['vsp1', 'vsp2'], 1],
    [['vsp1', 'vspprod'], 2],
    [[], 1],
  ])('%j needs %i', (vsps, expected) => {
    expect(approvalsRequired(vsps, POLICY)).toBe(expected);
  });
});

describe('decideClick', () => {
  it.each<[string, Partial<RequestRecord>, Partial<Click>, unknown]>([
    ['an approver approves', {}, {}, { outcome: 'approve' }],
    ['the requester approves own request', {}, { userId: 'UREQUESTER' }, { outcome: 'refuse', code: 'self_approval' }],
    [
      'someone not allowed approves',
      {},
      { userId: 'URANDOM', userMayApprove: false },
      { outcome: 'refuse', code: 'not_an_approver' },
    ],
    ['a click after expiry', { expiresAt: '2026-11-25T10:09:59Z' }, {}, { outcome: 'expire' }],
    ['a second click after approval', { state: 'approving' }, {}, { outcome: 'refuse', code: 'not_pending' }],
    ['a click on a superseded preview', { state: 'superseded' }, {}, { outcome: 'refuse', code: 'not_pending' }],
    ['the first of two approvals', { approvalsRequired: 2 }, {}, { outcome: 'count_approval' }],
    [
      'the same approver twice',
      { approvalsRequired: 2, approvals: [{ userId: 'UAPPROVER1', at: '2026-11-25T10:05:00Z' }] },
      {},
      { outcome: 'refuse', code: 'already_approved' },
    ],
    [
      'a second distinct approver',
      { approvalsRequired: 2, approvals: [{ userId: 'UAPPROVER2', at: '2026-11-25T10:05:00Z' }] },
      {},
      { outcome: 'approve' },
    ],
    [
      'the requester rejects (withdraws)',
      {},
      { action: 'reject', userId: 'UREQUESTER', userMayApprove: false },
      { outcome: 'reject' },
    ],
    ['an approver rejects', {}, { action: 'reject' }, { outcome: 'reject' }],
    [
      'a bystander rejects',
      {},
      { action: 'reject', userId: 'URANDOM', userMayApprove: false },
      { outcome: 'refuse', code: 'not_allowed' },
    ],
    [
      'the requester cancels a pending request',
      {},
      { action: 'cancel', userId: 'UREQUESTER', userMayApprove: false },
      { outcome: 'cancel', from: 'pending' },
    ],
    [
      'an approver cancels a running request',
      { state: 'running' },
      { action: 'cancel' },
      { outcome: 'cancel', from: 'running' },
    ],
    [
      'a bystander cancels',
      { state: 'running' },
      { action: 'cancel', userId: 'URANDOM', userMayApprove: false },
      { outcome: 'refuse', code: 'not_allowed' },
    ],
    [
      'a cancel after completion',
      { state: 'completed' },
      { action: 'cancel' },
      { outcome: 'refuse', code: 'not_running' },
    ],
  ])('%s', (_name, recordOverrides, clickOverrides, expected) => {
    expect(decideClick(record(recordOverrides), click(clickOverrides), POLICY, NOW)).toMatchObject(expected as object);
  });

  it('allows self-approval only when the policy says so', () => {
    expect(
      decideClick(record(), click({ userId: 'UREQUESTER' }), { ...POLICY, selfApproval: true }, NOW),
    ).toMatchObject({
      outcome: 'approve',
    });
  });

  it('records who approved and when', () => {
    const decision = decideClick(record(), click(), POLICY, NOW);
    expect(decision).toEqual({ outcome: 'approve', approvals: [{ userId: 'UAPPROVER1', at: NOW.toISOString() }] });
  });

  it('explains a refusal in words an operator understands', () => {
    const decision = decideClick(record({ state: 'superseded' }), click(), POLICY, NOW);
    expect(decision).toEqual({
      outcome: 'refuse',
      code: 'not_pending',
      reason: 'REQ-7 is superseded: the inventory changed since the preview: ask again for a new preview',
    });
  });
});
