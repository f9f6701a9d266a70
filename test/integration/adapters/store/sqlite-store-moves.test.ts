import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { MOVE_STATES } from '../../../../src/adapters/store/record-values.ts';
import type { MovePatch } from '../../../../src/ports.ts';
import type { AuditEntry, MoveRecord, OutputLine } from '../../../../src/domain/workflow/records.ts';
import { created, makeDraft, makeMoveDraft, useTempStores } from './store-fixtures.ts';

const EVERY_MOVE_FIELD: Required<MovePatch> = {
  state: 'verifying',
  logOffset: 4096,
  exitCode: 0,
  progress: { phase: 'copying memory', percent: 62.5 },
  startedAt: '2025-03-01T10:10:00.000Z',
  finishedAt: '2025-03-01T10:20:00.000Z',
  verifiedLocation: 'vsp2 (On (OS))',
  progressTs: '1740823800.000200',
  error: 'none so far',
  remoteDir: '/var/tmp/hpvm-chatops/REQ-1-0',
};

describe('SqliteStore moves, output and audit', () => {
  const stores = useTempStores();

  async function storeWithMoves(count = 2) {
    const store = stores.open();
    const moves = Array.from({ length: count }, (_, index) =>
      makeMoveDraft({ index, round: index, guest: `vm${index + 1}`, mode: index % 2 === 0 ? 'online' : 'offline' }),
    );
    const { record } = created(await store.createRequest(makeDraft({ state: 'running' }), ['vm1', 'vm2'], moves));
    return { store, requestId: record.id };
  }

  describe('moves', () => {
    it('creates moves queued at offset 0, remoteDir empty unless given, in index order', async () => {
      const store = stores.open();
      const { record } = created(
        await store.createRequest(
          makeDraft(),
          ['vm1', 'vm2'],
          [
            makeMoveDraft({ index: 1, guest: 'vm2', remoteDir: '/var/tmp/x' }),
            makeMoveDraft({ index: 0, guest: 'vm1', mode: 'offline' }),
          ],
        ),
      );
      const base = { requestId: record.id, round: 0, source: 'vsp1', target: 'vsp2', state: 'queued', logOffset: 0 };
      expect(await store.getMoves(record.id)).toStrictEqual([
        { ...base, index: 0, guest: 'vm1', mode: 'offline', remoteDir: '' },
        { ...base, index: 1, guest: 'vm2', mode: 'online', remoteDir: '/var/tmp/x' },
      ]);
    });

    it('changes a move only from the expected states (a cancel and a start cannot both win)', async () => {
      const { store, requestId } = await storeWithMoves(1);
      expect(await store.transitionMove(requestId, 0, ['queued'], { state: 'cancelled' })).toMatchObject({
        state: 'cancelled',
      });
      expect(await store.transitionMove(requestId, 0, ['queued'], { state: 'starting' })).toBeUndefined();
      expect((await store.getMoves(requestId))[0]?.state).toBe('cancelled');
    });

    it('round-trips every field, then clears the optional ones', async () => {
      const { store, requestId } = await storeWithMoves(1);
      const [initial] = await store.getMoves(requestId);
      const full: MoveRecord = { ...initial!, ...EVERY_MOVE_FIELD };
      expect(await store.updateMove(requestId, 0, EVERY_MOVE_FIELD)).toStrictEqual(full);
      await store.close();

      const reopened = stores.open();
      expect(await reopened.getMoves(requestId)).toStrictEqual([full]);
      const cleared: MovePatch = {
        exitCode: undefined,
        progress: undefined,
        startedAt: undefined,
        finishedAt: undefined,
        verifiedLocation: undefined,
        progressTs: undefined,
        error: undefined,
        state: undefined, // required: ignored
      };
      expect(await reopened.updateMove(requestId, 0, cleared)).toStrictEqual({
        ...initial!,
        state: 'verifying',
        logOffset: 4096,
        remoteDir: EVERY_MOVE_FIELD.remoteDir,
      });
    });

    it.each(MOVE_STATES)('accepts the state %s', async (state) => {
      const { store, requestId } = await storeWithMoves(1);
      expect(await store.updateMove(requestId, 0, { state })).toMatchObject({ state });
    });

    it.each<[string, MovePatch]>([
      ['an unknown state', { state: 'teleported' as MoveRecord['state'] }],
      ['a negative log offset', { logOffset: -1 }],
      ['a percent above 100', { progress: { phase: 'x', percent: 101 } }],
    ])('refuses %s (CHECK constraint)', async (_name, patch) => {
      const { store, requestId } = await storeWithMoves(1);
      await expect(store.updateMove(requestId, 0, patch)).rejects.toThrow(/CHECK constraint failed/);
    });

    it('throws a coded error for an unknown move', async () => {
      const { store, requestId } = await storeWithMoves(1);
      await expect(store.updateMove(requestId, 7, { state: 'running' })).rejects.toMatchObject({
        code: 'move_not_found',
        details: { requestId, moveIndex: 7 },
      });
    });

    it('lists unfinished moves after a restart, by request (creation order) then index', async () => {
      const first = stores.open();
      const ids: string[] = [];
      for (let i = 0; i < 10; i += 1) {
        const draft = makeDraft({ state: 'checked' });
        const moves = [0, 1, 2].map((index) => makeMoveDraft({ index, guest: `vm${index}` }));
        ids.push(created(await first.createRequest(draft, [], moves)).record.id);
      }
      await first.updateMove('REQ-10', 2, { state: 'running', logOffset: 10 });
      await first.updateMove('REQ-2', 1, { state: 'verifying' });
      await first.updateMove('REQ-2', 0, { state: 'starting' });
      await first.updateMove('REQ-2', 2, { state: 'succeeded' });
      await first.updateMove('REQ-9', 0, { state: 'failed' });
      await first.close();

      const restarted = stores.open();
      const unfinished = await restarted.unfinishedMoves();
      expect(unfinished.map((m) => [m.requestId, m.index, m.state])).toEqual([
        ['REQ-2', 0, 'starting'],
        ['REQ-2', 1, 'verifying'],
        ['REQ-10', 2, 'running'],
      ]);
      expect(unfinished[2]).toMatchObject({ logOffset: 10 });
    });
  });

  describe('output lines', () => {
    it('keeps lines in append order per move, even with equal timestamps', async () => {
      const { store, requestId } = await storeWithMoves(2);
      const at = '2025-03-01T10:11:00.000Z';
      const line = (moveIndex: number, text: string, stream: OutputLine['stream'] = 'stdout'): OutputLine => ({
        requestId,
        moveIndex,
        stream,
        text,
        at,
      });
      await store.appendOutput([line(0, 'b'), line(1, 'other move'), line(0, 'a', 'stderr')]);
      await store.appendOutput([line(0, 'c', 'log')]);
      await store.appendOutput([]);
      expect(await store.getOutput(requestId, 0)).toStrictEqual([
        line(0, 'b'),
        line(0, 'a', 'stderr'),
        line(0, 'c', 'log'),
      ]);
      expect(await store.getOutput(requestId, 1)).toStrictEqual([line(1, 'other move')]);
    });

    it('refuses a batch with a line for an unknown move, as a whole', async () => {
      const { store, requestId } = await storeWithMoves(1);
      const good: OutputLine = { requestId, moveIndex: 0, stream: 'stdout', text: 'ok', at: 'now' };
      await expect(store.appendOutput([good, { ...good, moveIndex: 5 }])).rejects.toMatchObject({
        code: 'move_not_found',
        details: { requestId, moveIndex: 5 },
      });
      expect(await store.getOutput(requestId, 0)).toEqual([]);
    });
  });

  describe('audit', () => {
    const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
      at: `2025-03-01T10:0${n}:00.000Z`,
      actor: 'U-A',
      action: `action.${n}`,
      result: 'ok',
      ...overrides,
    });

    it('round-trips entries with and without optional fields, newest first, filtered and limited', async () => {
      const store = stores.open();
      const detailed = entry(2, {
        requestId: 'REQ-1',
        result: 'refused',
        detail: { command: 'hpvmmigrate -o -P vm1 -h vsp2', nested: { exitCode: 1, lines: ['a', 'b'] } },
      });
      await store.appendAudit(entry(1));
      await store.appendAudit(detailed);
      // An older timestamp appended later is still the newest entry: order is append order.
      await store.appendAudit(entry(0, { requestId: 'REQ-1', actor: 'bot', result: 'info' }));
      await store.close();

      const reopened = stores.open();
      expect(await reopened.listAudit({ limit: 10 })).toStrictEqual([
        entry(0, { requestId: 'REQ-1', actor: 'bot', result: 'info' }),
        detailed,
        entry(1),
      ]);
      expect((await reopened.listAudit({ requestId: 'REQ-1', limit: 10 })).map((e) => e.action)).toEqual([
        'action.0',
        'action.2',
      ]);
      expect(await reopened.listAudit({ limit: 1 })).toHaveLength(1);
    });

    it.each([
      ['update', `UPDATE audit SET actor = 'someone else'`, /append-only: rows cannot be updated/],
      ['delete', `DELETE FROM audit`, /append-only: rows cannot be deleted/],
    ])('refuses to %s rows, even through another connection', async (_name, sql, message) => {
      const store = stores.open();
      await store.appendAudit(entry(1));
      const raw = new Database(stores.path());
      try {
        expect(() => raw.exec(sql)).toThrow(message);
      } finally {
        raw.close();
      }
      expect(await store.listAudit({ limit: 10 })).toStrictEqual([entry(1)]);
    });
  });
});
