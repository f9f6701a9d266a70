/**
 * Store conformance, audit and the rest: entries, the hash chain and its head (and what tampering does to
 * them), load samples, close. Part of store-conformance.ts.
 */
import { describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../../../src/adapters/store/audit-chain.ts';
import type { AuditEntry } from '../../../../src/domain/workflow/records.ts';
import type { LoadSample, Store } from '../../../../src/ports.ts';
import { change, type OpenStoreUnderTest } from './store-conformance-support.ts';
import { created, makeAudit, makeDraft, makeMoveDraft } from './store-fixtures.ts';

const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry =>
  makeAudit({ at: `2025-03-01T10:0${n}:00.000Z`, actor: 'U-A', action: `action.${n}`, ...overrides });

/** Every kind of write that appends a row, and two that must not. */
async function mixedHistory(store: Store): Promise<void> {
  await store.appendAudit(entry(0, { result: 'refused', detail: { reason: 'usage' } }));
  created(await store.createRequest(makeDraft(), [makeMoveDraft()], entry(1)));
  await store.commit('REQ-1', 0, change({ state: 'approving' }), entry(2, { detail: { nested: { a: [1, 'b'] } } }));
  await store.commit('REQ-1', 0, change({ state: 'rejected' }), entry(3)); // stale: no row
  await store.createRequest(makeDraft(), [makeMoveDraft()], entry(4)); // locked: no row
  await store.appendAudit(entry(5, { requestId: 'REQ-9', result: 'info' }));
  await store.commit('REQ-1', 1, change({}, [{ index: 0, change: { state: 'starting' } }]), entry(6));
}

function run(at: string, loads: Record<string, number>): LoadSample[] {
  return Object.entries(loads).map(([vsp, cpuLoad]) => ({ at, vsp, cpuLoad, memoryUsedMb: 1000, memoryMb: 4000 }));
}

export function describeAuditConformance(open: OpenStoreUnderTest): void {
  describe('audit', () => {
    it('lists entries newest first (append order, not timestamps), filtered and limited', async () => {
      const { store } = open();
      const detailed = entry(2, {
        requestId: 'REQ-1',
        result: 'refused',
        detail: { command: 'hpvmmigrate -o -P vm1 -h vsp2', nested: { exitCode: 1, lines: ['a', 'b'] } },
      });
      await store.appendAudit(entry(1));
      await store.appendAudit(detailed);
      await store.appendAudit(entry(0, { requestId: 'REQ-1', actor: 'bot', result: 'info' }));
      expect(await store.listAudit({ limit: 10 })).toStrictEqual([
        entry(0, { requestId: 'REQ-1', actor: 'bot', result: 'info' }),
        detailed,
        entry(1),
      ]);
      expect((await store.listAudit({ requestId: 'REQ-1', limit: 10 })).map((e) => e.action)).toEqual([
        'action.0',
        'action.2',
      ]);
      expect(await store.listAudit({ limit: 1 })).toHaveLength(1);
    });

    it('keeps a detail as JSON gives it back (a Date as its ISO text, undefined members left out)', async () => {
      const under = open();
      const detail = { when: new Date('2025-03-01T10:00:00.000Z'), gone: undefined, list: [undefined, 1] };
      await under.store.appendAudit(entry(1, { detail }));
      const expected = { when: '2025-03-01T10:00:00.000Z', list: [null, 1] };
      expect((await under.store.listAudit({ limit: 1 }))[0]?.detail).toStrictEqual(expected);
      expect(verifyAuditChain(await under.store.readAuditChain(), await under.auditHead()).ok).toBe(true);
    });

    it('chains every row (createRequest, commit, appendAudit) and keeps the head on the last', async () => {
      const under = open();
      await mixedHistory(under.store);
      const rows = await under.store.readAuditChain();
      expect(rows.map((row) => [row.seq, row.action, row.requestId])).toEqual([
        [1, 'action.0', undefined],
        [2, 'action.1', 'REQ-1'],
        [3, 'action.2', 'REQ-1'],
        [4, 'action.5', 'REQ-9'],
        [5, 'action.6', 'REQ-1'],
      ]);
      expect(rows[0]?.prevHash).toBe('');
      for (const [i, row] of rows.entries()) {
        expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
        if (i > 0) expect(row.prevHash).toBe(rows[i - 1]?.hash);
      }
      const head = await under.auditHead();
      expect(head).toEqual({ seq: 5, hash: rows[4]?.hash });
      expect(verifyAuditChain(rows, head)).toEqual({ ok: true, rows: 5, head, problems: [] });
    });

    it('reads the chain from a time on, comparing instants (…Z and ….000Z agree)', async () => {
      const { store } = open();
      await mixedHistory(store);
      const since = await store.readAuditChain({ since: '2025-03-01T10:02:00Z' });
      expect(since.map((row) => row.seq)).toEqual([3, 4, 5]);
      expect(await store.readAuditChain({ since: '2030-01-01T00:00:00.000Z' })).toEqual([]);
    });

    describe('tampering is detected', () => {
      it('an edited row: hash mismatch at its seq', async () => {
        const under = open();
        await mixedHistory(under.store);
        under.tamper.editAudit(3, { actor: 'U-MALLORY' });
        const report = verifyAuditChain(await under.store.readAuditChain(), await under.auditHead());
        expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([[3, 'hash_mismatch']]);
      });

      it('an edited and re-hashed row: the next row no longer links to it', async () => {
        const under = open();
        await mixedHistory(under.store);
        under.tamper.editAudit(3, { hash: 'f'.repeat(64) });
        const report = verifyAuditChain(await under.store.readAuditChain(), await under.auditHead());
        expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([
          [3, 'hash_mismatch'],
          [4, 'broken_link'],
        ]);
      });

      it('a deleted middle row: a seq gap and a broken link at the row after it', async () => {
        const under = open();
        await mixedHistory(under.store);
        under.tamper.deleteAudit(2);
        const report = verifyAuditChain(await under.store.readAuditChain(), await under.auditHead());
        expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([
          [3, 'seq_gap'],
          [3, 'broken_link'],
        ]);
        expect(report.problems[0]?.message).toBe('seq gap: seq 2 is missing before it (deleted)');
      });

      it('a deleted last row: the head names it', async () => {
        const under = open();
        await mixedHistory(under.store);
        under.tamper.deleteAudit(5);
        const report = verifyAuditChain(await under.store.readAuditChain(), await under.auditHead());
        expect(report.problems.map((p) => [p.seq, p.kind])).toEqual([[5, 'head_mismatch']]);
        // Without the head the rows alone look intact: that is what the head is for.
        expect(verifyAuditChain(await under.store.readAuditChain()).ok).toBe(true);
      });

      it('a replaced plan keeps its hash and version (the runner’s seal check sees the difference)', async () => {
        const under = open();
        const { request } = created(await under.store.createRequest(makeDraft(), [], makeAudit())).workflow;
        under.tamper.planJson(request.id, '{"moves":["evil"]}');
        expect(await under.store.getRequest(request.id)).toStrictEqual({ ...request, planJson: '{"moves":["evil"]}' });
      });
    });
  });

  describe('load samples', () => {
    it('returns the newest sampling runs first, each with its VSPs in name order', async () => {
      const { store } = open();
      await store.appendLoadSamples(run('2026-11-25T10:00:00.000Z', { vsp2: 0.1, vsp1: 0.5 }));
      await store.appendLoadSamples(run('2026-11-25T10:05:00.000Z', { vsp2: 0.2, vsp1: 0.6 }));
      await store.appendLoadSamples(run('2026-11-25T10:10:00.000Z', { vsp1: 0.7, vsp2: 0.3 }));
      // The same VSP sampled again in one run replaces its sample.
      await store.appendLoadSamples(run('2026-11-25T10:10:00.000Z', { vsp2: 0.35 }));
      const recent = await store.recentLoadSamples(2);
      expect(recent.map((samples) => samples.map((s) => [s.at.slice(11, 16), s.vsp, s.cpuLoad]))).toEqual([
        [
          ['10:10', 'vsp1', 0.7],
          ['10:10', 'vsp2', 0.35],
        ],
        [
          ['10:05', 'vsp1', 0.6],
          ['10:05', 'vsp2', 0.2],
        ],
      ]);
      expect(await store.recentLoadSamples(0)).toEqual([]);
    });

    it('refuses a negative load', async () => {
      const { store } = open();
      await expect(store.appendLoadSamples(run('2026-11-25T10:00:00.000Z', { vsp1: -1 }))).rejects.toThrow();
      expect(await store.recentLoadSamples(5)).toEqual([]);
    });
  });

  describe('close', () => {
    it('is idempotent, and every later call rejects', async () => {
      const { store } = open();
      await store.close();
      await store.close();
      await expect(store.getRequest('REQ-1')).rejects.toThrow();
      await expect(store.appendAudit(entry(1))).rejects.toThrow();
    });
  });
}
