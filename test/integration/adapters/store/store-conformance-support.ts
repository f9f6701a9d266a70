/**
 * What the store conformance suite (store-conformance.ts) needs from each store beyond the port, and the
 * helpers its parts share.
 */
import type { AuditHead } from '../../../../src/adapters/store/audit-chain.ts';
import type { WorkflowChange } from '../../../../src/domain/workflow/changes.ts';
import type { Workflow } from '../../../../src/domain/workflow/records.ts';
import type { ChainedAuditEntry, Store } from '../../../../src/ports.ts';
import { makeAudit } from './store-fixtures.ts';

/** What editing the stored data by hand does, around every rule of the store: for tamper tests. */
export interface StoreTamper {
  /** Replaces a request's plan JSON, leaving its hash and version. */
  planJson(requestId: string, planJson: string): void;
  /** Edits an audit row in place, leaving the head. */
  editAudit(seq: number, patch: Partial<ChainedAuditEntry>): void;
  /** Removes an audit row, leaving the head. */
  deleteAudit(seq: number): void;
}

export interface StoreUnderTest {
  readonly store: Store;
  /** The head recorded beside the audit rows (not part of the port). */
  auditHead(): Promise<AuditHead>;
  readonly tamper: StoreTamper;
}

/** Called once per test, inside it. */
export type OpenStoreUnderTest = () => StoreUnderTest;

/** A change that sets fields of the request and of some moves. */
export function change(request: WorkflowChange['request'], moves: WorkflowChange['moves'] = []): WorkflowChange {
  return { request, moves };
}

/** Commits at the current version; fails the test when the commit loses. */
export async function commitNow(store: Store, requestId: string, workflowChange: WorkflowChange): Promise<Workflow> {
  const current = await store.getWorkflow(requestId);
  if (current === undefined) throw new Error(`no request ${requestId}`);
  const next = await store.commit(requestId, current.request.version, workflowChange, makeAudit({ action: 'test' }));
  if (next === undefined) throw new Error(`commit on ${requestId} lost`);
  return next;
}

export async function auditCount(store: Store): Promise<number> {
  return (await store.readAuditChain()).length;
}
