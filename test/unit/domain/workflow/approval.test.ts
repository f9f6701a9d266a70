import { describe, expect, it } from 'vitest';
import {
  approvalsRequired,
  approvedByAll,
  expiryFor,
  isExpired,
  originMismatch,
  selectionOf,
  type ApprovalPolicy,
} from '../../../../src/domain/workflow/approval.ts';
import { origin, workflow } from './workflow-builders.ts';

const POLICY: ApprovalPolicy = {
  selfApproval: false,
  defaultApprovals: 1,
  approvalsPerVsp: { vspprod: 2 },
  expiryMinutes: 30,
};

describe('approvalsRequired', () => {
  it.each([
    [['vsp1', 'vsp2'], 1],
    [['vsp1', 'vspprod'], 2],
    [[], 1],
  ])('%j needs %i', (vsps, expected) => {
    expect(approvalsRequired(vsps, POLICY)).toBe(expected);
  });
});

describe('expiry', () => {
  it('expires expiryMinutes after creation, at the exact instant', () => {
    const expiresAt = expiryFor(new Date('2026-12-01T10:00:00Z'), POLICY).toISOString();
    expect(expiresAt).toBe('2026-12-01T10:30:00.000Z');
    expect(isExpired({ expiresAt }, new Date('2026-12-01T10:29:59.999Z'))).toBe(false);
    expect(isExpired({ expiresAt }, new Date('2026-12-01T10:30:00.000Z'))).toBe(true);
  });
});

describe('originMismatch', () => {
  const stored = workflow({ request: { previewRevision: 3 } });
  it('accepts a click from the stored preview, its current buttons and its plan', () => {
    expect(originMismatch(stored.request, origin(stored))).toBeUndefined();
  });
  it.each([
    ['another channel', { channelId: 'COTHER' }, /another channel/],
    ['another message', { messageTs: '1700000000.999999' }, /another message/],
    ['older buttons', { revision: 2 }, /older version of the preview \(v2; now v3\)/],
    ['buttons that are not ours', { revision: undefined }, /unknown; now v3/],
    ['another plan', { planHashPrefix: 'ffffffffffffffff' }, /another plan/],
  ])('refuses %s', (_name, overrides, reason) => {
    expect(originMismatch(stored.request, origin(stored, overrides))).toMatch(reason);
  });
  it('refuses any click while the preview is still being posted', () => {
    const posting = workflow({ request: { previewTs: undefined } });
    expect(originMismatch(posting.request, origin(posting))).toMatch(/still being posted/);
  });
});

describe('approvedByAll', () => {
  it('is the intersection of every approval', () => {
    const approval = (moves: number[]) => ({ userId: 'U', at: '', planHash: 'h', moves });
    expect(approvedByAll([approval([1]), approval([0, 1, 2])])).toEqual([1]);
    expect(approvedByAll([approval([0, 2]), approval([1])])).toEqual([]);
    expect(approvedByAll([])).toEqual([]);
  });
});

describe('selectionOf', () => {
  it('is every move for Approve, the ticked ones sorted and without repeats otherwise', () => {
    const three = workflow({ rounds: [0, 0, 1] });
    expect(selectionOf(three, 'all')).toEqual([0, 1, 2]);
    expect(selectionOf(three, [2, 0, 2])).toEqual([0, 2]);
  });
});
