/**
 * One suite for every Store (src/ports.ts): the SQLite store on real temp files (sqlite-store.test.ts) and
 * the in-memory one (test/unit/support/memory-store.test.ts) must answer alike, so use-case tests on the
 * memory store say something about the bot on SQLite. Call `describeStoreConformance` inside a describe;
 * `open` is called once per test, inside it.
 */
import { describe, expect, it } from 'vitest';

import { StoreError } from '../../../../src/adapters/store/store-error.ts';
import { applyChange } from '../../../../src/domain/workflow/changes.ts';
import type { Approval, MoveRecord, RequestRecord } from '../../../../src/domain/workflow/records.ts';
import type { RequestFilter, Store } from '../../../../src/ports.ts';
import { describeAuditConformance } from './store-conformance-audit.ts';
import { describeMoveConformance } from './store-conformance-moves.ts';
import { auditCount, change, commitNow, type OpenStoreUnderTest } from './store-conformance-support.ts';
import { created, makeAudit, makeDraft, makeMoveDraft, makeMoveDrafts } from './store-fixtures.ts';

export type { OpenStoreUnderTest, StoreTamper, StoreUnderTest } from './store-conformance-support.ts';

const APPROVAL: Approval = { userId: 'U-A', at: '2025-03-01T10:05:00.000Z', planHash: 'plan-hash', moves: [0, 1] };

export function describeStoreConformance(open: OpenStoreUnderTest): void {
  describeRequestConformance(open);
  describeCommitConformance(open);
  describeMoveConformance(open);
  describeAuditConformance(open);
}

function describeRequestConformance(open: OpenStoreUnderTest): void {
  describe('createRequest', () => {
    it('creates the request (version 0, revision 0), its moves (queued, by index) and its audit row', async () => {
      const { store } = open();
      const draft = makeDraft({ guests: ['vm1', 'vm2'] });
      const moves = [makeMoveDraft({ index: 1, guest: 'vm2', mode: 'offline' }), makeMoveDraft({ index: 0 })];
      const { workflow } = created(await store.createRequest(draft, moves, makeAudit({ detail: { text: 'x' } })));
      const { guests: _guests, ...fields } = draft;
      expect(workflow.request).toStrictEqual({ ...fields, id: 'REQ-1', version: 0, previewRevision: 0 });
      const base = { requestId: 'REQ-1', round: 0, source: 'vsp1', target: 'vsp2', state: 'queued' };
      expect(workflow.moves).toStrictEqual([
        { ...base, index: 0, guest: 'vm1', mode: 'online', remoteDir: '', logOffset: 0 },
        { ...base, index: 1, guest: 'vm2', mode: 'offline', remoteDir: '', logOffset: 0 },
      ]);
      expect(await store.getWorkflow('REQ-1')).toStrictEqual(workflow);
      expect(await store.getRequest('REQ-1')).toStrictEqual(workflow.request);
      expect(await store.listAudit({ limit: 5 })).toStrictEqual([
        makeAudit({ requestId: 'REQ-1', detail: { text: 'x' } }),
      ]);
    });

    it('keeps every optional field, approvals in their bound shape, and leaves guests and vsp out', async () => {
      const { store } = open();
      const draft = makeDraft({
        kind: 'evacuate',
        responseUrl: 'https://hooks.slack.test/commands/1',
        reason: 'firmware upgrade',
        approvalsRequired: 2,
        approvals: [{ ...APPROVAL, extra: 'dropped' } as Approval],
        stateNote: 'waiting for a second approver',
        closedAt: '2025-03-01T10:30:00.000Z',
        guests: ['vm1'],
        vsp: 'vsp1',
      });
      const { request } = created(await store.createRequest(draft, [], makeAudit())).workflow;
      const { guests: _guests, vsp: _vsp, ...fields } = draft;
      expect(request).toStrictEqual({ ...fields, approvals: [APPROVAL], id: 'REQ-1', version: 0, previewRevision: 0 });
    });

    it('numbers requests REQ-1, REQ-2, … and answers undefined for an unknown id', async () => {
      const { store } = open();
      for (let i = 0; i < 3; i += 1) created(await store.createRequest(makeDraft(), [], makeAudit()));
      expect((await store.listRequests({ limit: 5 })).map((r) => r.id)).toEqual(['REQ-3', 'REQ-2', 'REQ-1']);
      expect(await store.getRequest('REQ-404')).toBeUndefined();
      expect(await store.getWorkflow('REQ-404')).toBeUndefined();
    });

    it('answers a redelivered trigger with the first request and writes nothing', async () => {
      const { store } = open();
      const draft = makeDraft({ triggerId: 'redelivered' });
      const first = created(await store.createRequest(draft, [makeMoveDraft()], makeAudit()));
      // Even another body: Slack's trigger_id identifies the command.
      const again = await store.createRequest(
        { ...draft, text: 'vm7 to vsp3' },
        [makeMoveDraft({ guest: 'vm7' })],
        makeAudit(),
      );
      expect(again).toStrictEqual({ kind: 'duplicate', record: first.workflow.request });
      expect(await store.listRequests({ limit: 5 })).toHaveLength(1);
      expect(await auditCount(store)).toBe(1);
      expect(await store.guestLocks()).toEqual(new Map([['vm1', 'REQ-1']]));
    });

    it('answers locked, naming the guest and the holder, and writes nothing', async () => {
      const { store } = open();
      created(await store.createRequest(makeDraft(), makeMoveDrafts(2), makeAudit()));
      const result = await store.createRequest(makeDraft(), makeMoveDrafts(2, 2), makeAudit());
      expect(result).toStrictEqual({ kind: 'locked', guest: 'vm2', heldBy: 'REQ-1' });
      expect(await store.listRequests({ limit: 5 })).toHaveLength(1);
      expect(await auditCount(store)).toBe(1);
      // The refused request used no id.
      expect(created(await store.createRequest(makeDraft(), [], makeAudit())).workflow.request.id).toBe('REQ-2');
    });

    it('locks by moves only: guests a request names without moving them lock nothing', async () => {
      const { store } = open();
      created(await store.createRequest(makeDraft({ state: 'checked', guests: ['vm1'] }), [], makeAudit()));
      expect(await store.guestLocks()).toEqual(new Map());
      expect(await store.createRequest(makeDraft(), [makeMoveDraft()], makeAudit())).toMatchObject({ kind: 'created' });
    });
  });

  describe('listRequests', () => {
    // REQ-1 … REQ-6, newest last. vsp matches moves' source/target and the evacuate/return VSP; guest
    // matches moves and the request's guests (a refused guest has no move).
    async function seed(store: Store) {
      const seeds = [
        [makeDraft({ guests: ['vm1'] }), [makeMoveDraft({ guest: 'vm1', source: 'vsp1', target: 'vsp2' })]],
        [makeDraft({ kind: 'evacuate', state: 'checked', vsp: 'vsp3' }), []],
        [makeDraft({ state: 'checked' }), [makeMoveDraft({ guest: 'vm2', source: 'vsp2', target: 'vsp4' })]],
        [
          makeDraft({ kind: 'balance', state: 'running' }),
          [makeMoveDraft({ guest: 'vm3', source: 'vsp4', target: 'vsp1' })],
        ],
        [
          makeDraft({ kind: 'return', state: 'running', vsp: 'vsp1' }),
          [makeMoveDraft({ guest: 'vm4', source: 'vsp5', target: 'vsp1' })],
        ],
        [makeDraft({ state: 'checked', guests: ['vm1', 'vm9'] }), []],
      ] as const;
      for (const [draft, moves] of seeds) created(await store.createRequest(draft, moves, makeAudit()));
      await commitNow(store, 'REQ-3', change({ state: 'completed' }));
    }

    it.each<[string, RequestFilter, number[]]>([
      ['no filter, newest first', { limit: 10 }, [6, 5, 4, 3, 2, 1]],
      ['limit', { limit: 2 }, [6, 5]],
      ['limit 0', { limit: 0 }, []],
      ['a negative limit is 0, not "no limit"', { limit: -1 }, []],
      ['guest, by move or by the guests a request names', { guest: 'vm1', limit: 10 }, [6, 1]],
      ['guest named only', { guest: 'vm9', limit: 10 }, [6]],
      ['unknown guest', { guest: 'vm404', limit: 10 }, []],
      ['vsp as source, target or the VSP a return names', { vsp: 'vsp1', limit: 10 }, [5, 4, 1]],
      ['vsp named by an evacuation without moves', { vsp: 'vsp3', limit: 10 }, [2]],
      ['kind', { kind: 'migrate', limit: 10 }, [6, 3, 1]],
      ['states', { states: ['pending', 'running'], limit: 10 }, [5, 4, 1]],
      ['no states', { states: [], limit: 10 }, []],
      ['combined', { kind: 'migrate', vsp: 'vsp2', states: ['completed'], limit: 10 }, [3]],
    ])('%s', async (_name, filter, expected) => {
      const { store } = open();
      await seed(store);
      expect((await store.listRequests(filter)).map((r) => r.id)).toEqual(expected.map((n) => `REQ-${n}`));
    });

    it('orders by creation, not by id text (REQ-10 is newer than REQ-9)', async () => {
      const { store } = open();
      for (let i = 0; i < 10; i += 1)
        created(await store.createRequest(makeDraft({ state: 'checked' }), [], makeAudit()));
      expect((await store.listRequests({ limit: 2 })).map((r) => r.id)).toEqual(['REQ-10', 'REQ-9']);
    });
  });
}

function describeCommitConformance(open: OpenStoreUnderTest): void {
  describe('commit', () => {
    async function seeded(store: Store) {
      return created(await store.createRequest(makeDraft({ guests: ['vm1', 'vm2'] }), makeMoveDrafts(2), makeAudit()))
        .workflow;
    }

    it('writes the change at the expected version, raises it by one and appends the audit row', async () => {
      const { store } = open();
      const before = await seeded(store);
      const workflowChange = change(
        { state: 'approving', approvals: [APPROVAL], previewRevision: 1, previewTs: 'ts-1' },
        [{ index: 1, change: { state: 'starting', startedAt: '2025-03-01T10:06:00.000Z' } }],
      );
      const audit = makeAudit({ actor: 'U-A', action: 'click.approve', detail: { selection: [0, 1] } });
      const after = await store.commit('REQ-1', 0, workflowChange, audit);
      // The domain predicts the result with applyChange: the store must agree with it exactly.
      expect(after).toStrictEqual(applyChange(before, workflowChange));
      expect(after?.request.version).toBe(1);
      expect(await store.getWorkflow('REQ-1')).toStrictEqual(after);
      expect((await store.listAudit({ limit: 1 }))[0]).toStrictEqual({ ...audit, requestId: 'REQ-1' });
    });

    it('a stale version loses: undefined, and nothing written (no audit row either)', async () => {
      const { store } = open();
      await seeded(store);
      await store.commit('REQ-1', 0, change({ state: 'approving' }), makeAudit());
      const snapshot = await store.getWorkflow('REQ-1');
      const rows = await auditCount(store);
      const lost = await store.commit(
        'REQ-1',
        0,
        change({ state: 'rejected' }, [{ index: 0, change: { state: 'cancelled' } }]),
        makeAudit(),
      );
      expect(lost).toBeUndefined();
      expect(await store.getWorkflow('REQ-1')).toStrictEqual(snapshot);
      expect(await auditCount(store)).toBe(rows);
    });

    it('answers undefined for an unknown request, writing nothing', async () => {
      const { store } = open();
      expect(await store.commit('REQ-404', 0, change({ state: 'rejected' }), makeAudit())).toBeUndefined();
      expect(await auditCount(store)).toBe(0);
    });

    it('is all or nothing: an unknown move index fails with move_not_found and writes nothing', async () => {
      const { store } = open();
      const before = await seeded(store);
      const failing = change({ state: 'running' }, [
        { index: 0, change: { state: 'starting' } },
        { index: 7, change: { state: 'starting' } },
      ]);
      const error: unknown = await store.commit('REQ-1', 0, failing, makeAudit()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'move_not_found', details: { requestId: 'REQ-1', moveIndex: 7 } });
      expect(await store.getWorkflow('REQ-1')).toStrictEqual(before);
      expect(await auditCount(store)).toBe(1);
    });

    it('patches: absent keys kept, optional keys given as undefined cleared, required ones kept', async () => {
      const { store } = open();
      await seeded(store);
      const set = await commitNow(
        store,
        'REQ-1',
        change({ stateNote: 'note', previewTs: 'ts-1' }, [
          {
            index: 0,
            change: { error: 'lost', errorCode: 'remote_run_vanished', exitCode: 3, remoteDir: '/var/tmp/x' },
          },
        ]),
      );
      const cleared = await commitNow(
        store,
        'REQ-1',
        change({ stateNote: undefined, state: undefined, approvals: undefined }, [
          { index: 0, change: { error: undefined, errorCode: undefined, state: undefined, remoteDir: undefined } },
        ]),
      );
      const { stateNote: _note, ...request } = set.request;
      const { error: _error, errorCode: _code, ...move } = set.moves[0]!;
      expect(cleared.request).toStrictEqual({ ...request, version: 2 });
      expect(cleared.moves).toStrictEqual([move, set.moves[1]]);
    });

    it('reads only the change fields: a whole record passed as a change cannot rewrite identity or plan', async () => {
      const { store } = open();
      const before = await seeded(store);
      const wide = { ...before.request, id: 'REQ-99', kind: 'balance', version: 42, planJson: '{}', state: 'running' };
      const wideMove = { ...before.moves[0]!, guest: 'vm99', logOffset: 99, state: 'starting' } as MoveRecord;
      const after = await store.commit(
        'REQ-1',
        0,
        change(wide as RequestRecord, [{ index: 0, change: wideMove }]),
        makeAudit(),
      );
      expect(after?.request).toStrictEqual({ ...before.request, state: 'running', version: 1 });
      expect(after?.moves[0]).toStrictEqual({ ...before.moves[0], state: 'starting' });
    });

    it('keeps only the approval fields the record names', async () => {
      const { store } = open();
      await seeded(store);
      const after = await commitNow(store, 'REQ-1', change({ approvals: [{ ...APPROVAL, note: 'x' } as Approval] }));
      expect(after.request.approvals).toStrictEqual([APPROVAL]);
    });

    it('writes the audit row for the committed request, whatever requestId the entry names', async () => {
      const { store } = open();
      await seeded(store);
      await store.commit('REQ-1', 0, change({}), makeAudit({ requestId: 'REQ-7', action: 'x' }));
      expect(await store.listAudit({ requestId: 'REQ-1', limit: 1 })).toMatchObject([
        { action: 'x', requestId: 'REQ-1' },
      ]);
    });

    it('refuses a second unfinished move of a guest (guest_locked) and writes nothing', async () => {
      const { store } = open();
      await seeded(store);
      await commitNow(
        store,
        'REQ-1',
        change({ state: 'cancelled' }, [
          { index: 0, change: { state: 'cancelled' } },
          { index: 1, change: { state: 'cancelled' } },
        ]),
      );
      created(await store.createRequest(makeDraft(), [makeMoveDraft({ guest: 'vm1' })], makeAudit()));
      const snapshot = await store.getWorkflow('REQ-1');
      const rows = await auditCount(store);
      const reopen = change({ state: 'running' }, [{ index: 0, change: { state: 'queued' } }]);
      const version = snapshot?.request.version ?? -1;
      const error: unknown = await store.commit('REQ-1', version, reopen, makeAudit()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'guest_locked', details: { requestId: 'REQ-1' } });
      expect(await store.getWorkflow('REQ-1')).toStrictEqual(snapshot);
      expect(await auditCount(store)).toBe(rows);
    });
  });
}
