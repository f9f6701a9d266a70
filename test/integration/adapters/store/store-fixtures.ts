/**
 * Builders for the store tests (both stores), and temp files for the SQLite ones: real database files in a
 * fresh folder per test, every store opened through `open` closed after the test.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';

import { SqliteStore, type SqliteStoreOptions } from '../../../../src/adapters/store/sqlite-store.ts';
import type { AuditEntry } from '../../../../src/domain/workflow/records.ts';
import type { MoveDraft, RequestDraft } from '../../../../src/ports.ts';

let triggerCount = 0;

/** A pending migrate request with no optional field set; each call gets a fresh trigger id. */
export function makeDraft(overrides: Partial<RequestDraft> = {}): RequestDraft {
  triggerCount += 1;
  return {
    kind: 'migrate',
    text: 'vm1 to vsp2',
    requesterId: 'U-REQUESTER',
    channelId: 'C-OPS',
    triggerId: `trigger-${triggerCount}`,
    createdAt: '2025-03-01T10:00:00.000Z',
    expiresAt: '2025-03-01T11:00:00.000Z',
    state: 'pending',
    planJson: '{"moves":[]}',
    planHash: 'plan-hash',
    dependencyHash: 'dependency-hash',
    approvalsRequired: 1,
    approvals: [],
    guests: [],
    ...overrides,
  };
}

export function makeMoveDraft(overrides: Partial<MoveDraft> = {}): MoveDraft {
  return { index: 0, round: 0, guest: 'vm1', source: 'vsp1', target: 'vsp2', mode: 'online', ...overrides };
}

/** Moves 0…n-1 of guests vm<first>… (one round each). */
export function makeMoveDrafts(count: number, firstGuest = 1): MoveDraft[] {
  return Array.from({ length: count }, (_, index) =>
    makeMoveDraft({ index, round: index, guest: `vm${firstGuest + index}` }),
  );
}

export function makeAudit(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: '2025-03-01T10:00:00.000Z',
    actor: 'U-REQUESTER',
    action: 'request.created',
    result: 'ok',
    ...overrides,
  };
}

export interface TempStores {
  /** A database path inside this test's folder (in a subfolder the store must create). */
  path(name?: string): string;
  open(path?: string, options?: SqliteStoreOptions): SqliteStore;
}

/** Call at describe level: a fresh folder per test, removed with its stores closed afterwards. */
export function useTempStores(): TempStores {
  let dir = '';
  const opened: SqliteStore[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hpvm-store-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });
  const path = (name = 'bot.db'): string => join(dir, 'state', name);
  return {
    path,
    open(at = path(), options = {}) {
      const store = new SqliteStore(at, options);
      opened.push(store);
      return store;
    },
  };
}

/** A raw connection (foreign keys off, no triggers dropped): for what the store itself never does. */
export function withRaw<T>(path: string, work: (db: Database.Database) => T): T {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** Unwraps a `created` result; fails the test on anything else. */
export function created<T extends { kind: string }>(result: T): Extract<T, { kind: 'created' }> {
  if (result.kind !== 'created') throw new Error(`expected created, got ${JSON.stringify(result)}`);
  return result as Extract<T, { kind: 'created' }>;
}

/** What `work` throws (undefined when it returns): for synchronous code that must fail with evidence. */
export function thrownBy(work: () => unknown): unknown {
  try {
    work();
    return undefined;
  } catch (error) {
    return error;
  }
}
