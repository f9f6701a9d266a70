import { describe, expect, it } from 'vitest';

import { StoreError } from '../../../../src/adapters/store/store-error.ts';
import type { RequestState } from '../../../../src/domain/workflow/records.ts';
import type { RequestFilter, RequestPatch } from '../../../../src/ports.ts';
import { created, makeDraft, makeMoveDraft, useTempStores } from './store-fixtures.ts';

const FULL_DRAFT = makeDraft({
  kind: 'evacuate',
  text: 'evacuate vsp1 to vsp2,vsp3',
  responseUrl: 'https://hooks.slack.test/commands/1',
  reason: 'firmware upgrade',
  approvalsRequired: 2,
  approvals: [{ userId: 'U-A', at: '2025-03-01T10:05:00.000Z' }],
  previewTs: '1740823200.000100',
  stateNote: 'waiting for a second approver',
  closedAt: '2025-03-01T10:30:00.000Z',
});

describe('SqliteStore requests', () => {
  const stores = useTempStores();

  describe('round trip', () => {
    it.each([
      ['every optional field absent', makeDraft()],
      ['every optional field present', FULL_DRAFT],
    ])('%s', async (_name, draft) => {
      const store = stores.open();
      const { record } = created(await store.createRequest(draft, ['vm1'], []));
      const expected = { ...draft, id: 'REQ-1', version: 0 };
      expect(record).toStrictEqual(expected);
      await store.close();

      const reopened = stores.open();
      expect(await reopened.getRequest('REQ-1')).toStrictEqual(expected);
    });

    it('stores the VSP of an evacuation for filtering, outside the record', async () => {
      const store = stores.open();
      const { record } = created(await store.createRequest(makeDraft({ kind: 'evacuate', vsp: 'vsp9' }), [], []));
      expect(record).not.toHaveProperty('vsp');
      expect((await store.listRequests({ vsp: 'vsp9', limit: 5 })).map((r) => r.id)).toEqual([record.id]);
    });

    it('answers undefined for an unknown id', async () => {
      expect(await stores.open().getRequest('REQ-404')).toBeUndefined();
    });
  });

  it('never reuses an id, across close and reopen', async () => {
    const first = stores.open();
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push(created(await first.createRequest(makeDraft(), [], [])).record.id);
    await first.close();
    const second = stores.open();
    ids.push(created(await second.createRequest(makeDraft(), [], [])).record.id);
    // A failed creation (duplicate move index) rolls its counter step back: no gap, no reuse.
    await expect(
      second.createRequest(makeDraft({ state: 'checked' }), [], [makeMoveDraft(), makeMoveDraft()]),
    ).rejects.toThrow(/UNIQUE/);
    ids.push(created(await second.createRequest(makeDraft(), [], [])).record.id);
    expect(ids).toEqual(['REQ-1', 'REQ-2', 'REQ-3', 'REQ-4', 'REQ-5']);
  });

  it('answers a redelivered trigger with the first request and creates nothing', async () => {
    const store = stores.open();
    const draft = makeDraft({ triggerId: 'trigger-redelivered' });
    const first = created(await store.createRequest(draft, ['vm1'], [makeMoveDraft()]));
    // Even a different body with the same trigger: Slack's trigger_id identifies the command.
    const again = await store.createRequest({ ...draft, text: 'vm7 to vsp3' }, ['vm7'], []);
    expect(again).toStrictEqual({ kind: 'duplicate', record: first.record });
    expect(await store.listRequests({ limit: 10 })).toHaveLength(1);
    expect(await store.guestLocks()).toEqual(new Map([['vm1', 'REQ-1']]));
  });

  describe('guest locks', () => {
    it('refuses an open request on a held guest, naming the holder', async () => {
      const store = stores.open();
      created(await store.createRequest(makeDraft(), ['vm1', 'vm2'], []));
      const result = await store.createRequest(makeDraft(), ['vm3', 'vm2'], []);
      expect(result).toStrictEqual({ kind: 'locked', guest: 'vm2', heldBy: 'REQ-1' });
      expect(await store.listRequests({ limit: 10 })).toHaveLength(1);
      expect(await store.guestLocks()).toEqual(
        new Map([
          ['vm1', 'REQ-1'],
          ['vm2', 'REQ-1'],
        ]),
      );
    });

    it.each<RequestState>(['pending', 'approving', 'running'])('a request in %s holds its guests', async (state) => {
      const store = stores.open();
      created(await store.createRequest(makeDraft({ state }), ['vm1'], []));
      expect(await store.createRequest(makeDraft(), ['vm1'], [])).toMatchObject({ kind: 'locked', heldBy: 'REQ-1' });
    });

    it.each<RequestState>(['completed', 'failed', 'rejected', 'expired', 'superseded', 'cancelled'])(
      'closing the holder (→ %s) releases its guests',
      async (state) => {
        const store = stores.open();
        const holder = created(await store.createRequest(makeDraft(), ['vm1'], [])).record;
        await store.updateRequest(holder.id, holder.version, { state });
        expect(await store.guestLocks()).toEqual(new Map());
        expect(await store.createRequest(makeDraft(), ['vm1'], [])).toMatchObject({ kind: 'created' });
      },
    );

    it('a checked request locks nothing and is not refused by a lock', async () => {
      const store = stores.open();
      created(await store.createRequest(makeDraft({ state: 'checked' }), ['vm1'], []));
      expect(await store.guestLocks()).toEqual(new Map());
      created(await store.createRequest(makeDraft(), ['vm1'], []));
      expect(await store.createRequest(makeDraft({ state: 'checked' }), ['vm1'], [])).toMatchObject({
        kind: 'created',
      });
    });

    it('refuses to reopen a closed request whose guest another open request holds', async () => {
      const store = stores.open();
      const checked = created(await store.createRequest(makeDraft({ state: 'checked' }), ['vm1'], [])).record;
      created(await store.createRequest(makeDraft(), ['vm1'], []));
      const error: unknown = await store.updateRequest(checked.id, 0, { state: 'pending' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'guest_locked', details: { requestId: checked.id } });
      expect(await store.getRequest(checked.id)).toMatchObject({ state: 'checked', version: 0 });
    });
  });

  describe('compare-and-set', () => {
    it('applies a patch at the expected version and bumps the version', async () => {
      const store = stores.open();
      const { record } = created(await store.createRequest(makeDraft(), ['vm1'], []));
      const approvals = [{ userId: 'U-B', at: '2025-03-01T10:06:00.000Z' }];
      const next = await store.updateRequest(record.id, 0, { state: 'approving', approvals, stateNote: 'approved' });
      expect(next).toStrictEqual({ ...record, state: 'approving', approvals, stateNote: 'approved', version: 1 });
      expect(await store.getRequest(record.id)).toStrictEqual(next);
    });

    it('a stale version loses and changes nothing', async () => {
      const store = stores.open();
      const { record } = created(await store.createRequest(makeDraft(), [], []));
      await store.updateRequest(record.id, 0, { state: 'approving' });
      expect(await store.updateRequest(record.id, 0, { state: 'rejected' })).toBeUndefined();
      expect(await store.getRequest(record.id)).toMatchObject({ state: 'approving', version: 1 });
    });

    it('answers undefined for an unknown id', async () => {
      expect(await stores.open().updateRequest('REQ-404', 0, { state: 'rejected' })).toBeUndefined();
    });

    it('keeps absent keys, clears optional keys given as undefined, ignores undefined required ones', async () => {
      const store = stores.open();
      const { record } = created(
        await store.createRequest(makeDraft({ stateNote: 'note', previewTs: 'ts-1' }), [], []),
      );
      const patch: RequestPatch = { stateNote: undefined, state: undefined, planHash: 'plan-hash-2' };
      const { stateNote: _cleared, ...kept } = record;
      expect(await store.updateRequest(record.id, 0, patch)).toStrictEqual({
        ...kept,
        planHash: 'plan-hash-2',
        version: 1,
      });
    });

    it('reads only patchable fields: a whole record passed as a patch cannot rewrite its identity', async () => {
      const store = stores.open();
      const { record } = created(await store.createRequest(makeDraft(), [], []));
      const wide = { ...record, id: 'REQ-99', kind: 'balance', version: 42, state: 'approving' } as RequestPatch;
      expect(await store.updateRequest(record.id, 0, wide)).toStrictEqual({
        ...record,
        state: 'approving',
        version: 1,
      });
    });
  });

  describe('listRequests', () => {
    // REQ-1 … REQ-5, newest last; vsp matches moves' source/target and the evacuate/return column.
    async function seed() {
      const store = stores.open();
      const seeds = [
        [makeDraft(), ['vm1'], [makeMoveDraft({ guest: 'vm1', source: 'vsp1', target: 'vsp2' })]],
        [makeDraft({ kind: 'evacuate', state: 'checked', vsp: 'vsp3' }), [], []],
        [makeDraft({ state: 'checked' }), ['vm2'], [makeMoveDraft({ guest: 'vm2', source: 'vsp2', target: 'vsp4' })]],
        [
          makeDraft({ kind: 'balance', state: 'checked' }),
          ['vm3'],
          [makeMoveDraft({ guest: 'vm3', source: 'vsp4', target: 'vsp1' })],
        ],
        [
          makeDraft({ kind: 'return', state: 'running', vsp: 'vsp1' }),
          ['vm4'],
          [makeMoveDraft({ guest: 'vm4', source: 'vsp5', target: 'vsp1' })],
        ],
      ] as const;
      for (const [draft, guests, moves] of seeds) created(await store.createRequest(draft, guests, moves));
      await store.updateRequest('REQ-3', 0, { state: 'completed' });
      return store;
    }

    it.each<[string, RequestFilter, number[]]>([
      ['no filter, newest first', { limit: 10 }, [5, 4, 3, 2, 1]],
      ['limit', { limit: 2 }, [5, 4]],
      ['limit 0', { limit: 0 }, []],
      ['guest', { guest: 'vm1', limit: 10 }, [1]],
      ['unknown guest', { guest: 'vm9', limit: 10 }, []],
      ['vsp as source, target or named VSP', { vsp: 'vsp1', limit: 10 }, [5, 4, 1]],
      ['vsp named by an evacuation without moves', { vsp: 'vsp3', limit: 10 }, [2]],
      ['vsp', { vsp: 'vsp2', limit: 10 }, [3, 1]],
      ['kind', { kind: 'migrate', limit: 10 }, [3, 1]],
      ['states', { states: ['pending', 'running'], limit: 10 }, [5, 1]],
      ['no states', { states: [], limit: 10 }, []],
      ['combined', { kind: 'migrate', vsp: 'vsp2', states: ['completed'], limit: 10 }, [3]],
    ])('%s', async (_name, filter, expected) => {
      const store = await seed();
      expect((await store.listRequests(filter)).map((r) => r.id)).toEqual(expected.map((n) => `REQ-${n}`));
    });

    it('orders by creation, not by id text (REQ-10 is newer than REQ-9)', async () => {
      const store = stores.open();
      for (let i = 0; i < 10; i += 1) created(await store.createRequest(makeDraft({ state: 'checked' }), [], []));
      expect((await store.listRequests({ limit: 2 })).map((r) => r.id)).toEqual(['REQ-10', 'REQ-9']);
    });
  });
});
