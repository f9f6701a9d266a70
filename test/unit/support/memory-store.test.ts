/**
 * The in-memory Store runs the same conformance suite as the SQLite store, plus what only a fake needs:
 * records handed out are copies.
 */
import { describe, expect, it } from 'vitest';

import { describeStoreConformance } from '../../integration/adapters/store/store-conformance.ts';
import { created, makeAudit, makeDraft, makeMoveDraft } from '../../integration/adapters/store/store-fixtures.ts';
import { MemoryStore } from '../../support/memory/memory-store.ts';

describe('MemoryStore', () => {
  describeStoreConformance(() => {
    const store = new MemoryStore();
    return {
      store,
      auditHead: () => store.auditHead(),
      tamper: {
        planJson: (requestId, planJson) => store.tamperPlanJson(requestId, planJson),
        editAudit: (seq, patch) => store.tamperAudit(seq, patch),
        deleteAudit: (seq) => store.deleteAudit(seq),
      },
    };
  });

  it('hands out copies: mutating a returned record changes nothing stored', async () => {
    const store = new MemoryStore();
    const { workflow } = created(await store.createRequest(makeDraft(), [makeMoveDraft()], makeAudit()));
    (workflow.request as { state: string }).state = 'completed';
    (workflow.moves[0] as { state: string }).state = 'succeeded';
    expect(await store.getWorkflow('REQ-1')).toMatchObject({
      request: { state: 'pending' },
      moves: [{ state: 'queued' }],
    });
    expect(await store.guestLocks()).toEqual(new Map([['vm1', 'REQ-1']]));
  });
});
