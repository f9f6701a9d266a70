/**
 * Store conformance, moves: progress that never touches a state, locks derived from unfinished moves,
 * moves in flight, output. Part of store-conformance.ts.
 */
import { describe, expect, it } from 'vitest';

import { StoreError } from '../../../../src/adapters/store/store-error.ts';
import type { MoveProgressChange } from '../../../../src/domain/workflow/changes.ts';
import {
  FINAL_MOVE_STATES,
  MOVE_STATES,
  type MoveRecord,
  type MoveState,
  type OutputLine,
} from '../../../../src/domain/workflow/records.ts';
import type { Store } from '../../../../src/ports.ts';
import { auditCount, change, commitNow, type OpenStoreUnderTest } from './store-conformance-support.ts';
import { created, makeAudit, makeDraft, makeMoveDraft, makeMoveDrafts } from './store-fixtures.ts';

async function requestWithMoves(store: Store, count: number, firstGuest = 1) {
  return created(await store.createRequest(makeDraft(), makeMoveDrafts(count, firstGuest), makeAudit())).workflow;
}

async function setMoveState(store: Store, requestId: string, index: number, state: MoveState) {
  return commitNow(store, requestId, change({}, [{ index, change: { state } }]));
}

export function describeMoveConformance(open: OpenStoreUnderTest): void {
  describe('recordProgress', () => {
    it('writes the log offset, progress and progress message only: never a state, never the version', async () => {
      const { store } = open();
      await requestWithMoves(store, 1);
      await setMoveState(store, 'REQ-1', 0, 'running');
      const rows = await auditCount(store);
      const progress = { logOffset: 4096, progress: { phase: 'copying memory', percent: 62.5 }, progressTs: '1.2' };
      // A caller that slips a state in (or a whole record) still changes only the progress fields.
      const sneaky = { ...progress, state: 'succeeded', remoteDir: '/elsewhere' } as MoveProgressChange;
      const move = await store.recordProgress('REQ-1', 0, sneaky);
      const workflow = await store.getWorkflow('REQ-1');
      const fixed = {
        requestId: 'REQ-1',
        index: 0,
        round: 0,
        guest: 'vm1',
        source: 'vsp1',
        target: 'vsp2',
        mode: 'online',
      };
      expect(move).toStrictEqual({ ...fixed, state: 'running', remoteDir: '', ...progress });
      expect(workflow?.moves[0]).toStrictEqual(move);
      expect(workflow?.request.version).toBe(1);
      expect(await auditCount(store)).toBe(rows);
    });

    it('clears the optional fields given as undefined and keeps the offset', async () => {
      const { store } = open();
      const { moves } = await requestWithMoves(store, 1);
      await store.recordProgress('REQ-1', 0, { logOffset: 10, progress: { phase: 'x', percent: 1 }, progressTs: 't' });
      const cleared = await store.recordProgress('REQ-1', 0, {
        logOffset: undefined,
        progress: undefined,
        progressTs: undefined,
      });
      expect(cleared).toStrictEqual({ ...moves[0], logOffset: 10 });
    });

    it('throws move_not_found for an unknown move', async () => {
      const { store } = open();
      await requestWithMoves(store, 1);
      const error: unknown = await store.recordProgress('REQ-1', 3, { logOffset: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'move_not_found', details: { requestId: 'REQ-1', moveIndex: 3 } });
    });
  });

  describe('guest locks', () => {
    it.each(MOVE_STATES)('a move in state %s locks its guest exactly when it is not final', async (state) => {
      const { store } = open();
      await requestWithMoves(store, 1);
      await setMoveState(store, 'REQ-1', 0, state);
      const final = FINAL_MOVE_STATES.includes(state);
      expect(await store.guestLocks()).toEqual(final ? new Map() : new Map([['vm1', 'REQ-1']]));
      const other = await store.createRequest(makeDraft(), [makeMoveDraft()], makeAudit());
      expect(other).toMatchObject(final ? { kind: 'created' } : { kind: 'locked', guest: 'vm1', heldBy: 'REQ-1' });
    });

    it('locks whatever the request state, releases guest by guest, and names the holder', async () => {
      const { store } = open();
      await requestWithMoves(store, 3);
      await commitNow(
        store,
        'REQ-1',
        change({ state: 'running' }, [
          { index: 0, change: { state: 'succeeded' } },
          { index: 1, change: { state: 'not_selected' } },
          { index: 2, change: { state: 'needs_attention' } },
        ]),
      );
      await requestWithMoves(store, 1, 5);
      expect(await store.guestLocks()).toEqual(
        new Map([
          ['vm3', 'REQ-1'],
          ['vm5', 'REQ-2'],
        ]),
      );
    });
  });

  describe('movesInFlight', () => {
    it('lists starting, running, verifying and needs_attention moves, oldest request first, by index', async () => {
      const { store } = open();
      const states: MoveState[][] = [
        ['queued', 'succeeded'],
        ['verifying', 'starting', 'cancelled'],
        ['failed', 'needs_attention'],
        ['not_selected', 'running'],
      ];
      let guest = 1;
      for (const [r, moveStates] of states.entries()) {
        await requestWithMoves(store, moveStates.length, guest);
        guest += moveStates.length;
        for (const [index, state] of moveStates.entries()) {
          if (state !== 'queued') await setMoveState(store, `REQ-${r + 1}`, index, state);
        }
      }
      const inFlight = await store.movesInFlight();
      expect(inFlight.map((move: MoveRecord) => [move.requestId, move.index, move.state])).toEqual([
        ['REQ-2', 0, 'verifying'],
        ['REQ-2', 1, 'starting'],
        ['REQ-3', 1, 'needs_attention'],
        ['REQ-4', 1, 'running'],
      ]);
    });
  });

  describe('output', () => {
    const at = '2025-03-01T10:11:00.000Z';
    const line = (moveIndex: number, text: string, stream: OutputLine['stream'] = 'stdout'): OutputLine => ({
      requestId: 'REQ-1',
      moveIndex,
      stream,
      text,
      at,
    });

    it('keeps lines in append order per move, even with equal timestamps', async () => {
      const { store } = open();
      await requestWithMoves(store, 2);
      await store.appendOutput([line(0, 'b'), line(1, 'other move'), line(0, 'a', 'stderr')]);
      await store.appendOutput([line(0, 'c', 'log')]);
      await store.appendOutput([]);
      expect(await store.getOutput('REQ-1', 0)).toStrictEqual([
        line(0, 'b'),
        line(0, 'a', 'stderr'),
        line(0, 'c', 'log'),
      ]);
      expect(await store.getOutput('REQ-1', 1)).toStrictEqual([line(1, 'other move')]);
    });

    it.each<[number, string[]]>([
      [2, ['3', '4']],
      [1, ['4']],
      [0, []],
      [9, ['1', '2', '3', '4']],
    ])('with last %i: only the newest lines, still oldest first', async (last, expected) => {
      const { store } = open();
      await requestWithMoves(store, 2);
      await store.appendOutput([line(0, '1'), line(0, '2'), line(1, 'x'), line(0, '3')]);
      await store.appendOutput([line(0, '4'), line(1, 'y')]);
      expect((await store.getOutput('REQ-1', 0, { last })).map((l) => l.text)).toEqual(expected);
    });

    it('refuses a batch with a line for an unknown move, as a whole', async () => {
      const { store } = open();
      await requestWithMoves(store, 1);
      const error: unknown = await store.appendOutput([line(0, 'ok'), line(5, 'lost')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'move_not_found', details: { requestId: 'REQ-1', moveIndex: 5 } });
      expect(await store.getOutput('REQ-1', 0)).toEqual([]);
    });
  });
}
