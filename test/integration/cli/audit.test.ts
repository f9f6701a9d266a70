/**
 * `hpvm-chatops audit verify|export` as an operator runs them: the real bin script in a child process on a
 * database file the SQLite store wrote, then tampered with through better-sqlite3 directly (dropping the
 * trigger that would refuse), as someone with the file could.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { migrate, MIGRATIONS, schemaVersion } from '../../../src/adapters/store/schema-migrations.ts';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.ts';
import type { ChainedAuditEntry } from '../../../src/ports.ts';
import { makeAudit, makeDraft, makeMoveDraft } from '../adapters/store/store-fixtures.ts';

const run = promisify(execFile);
const BIN = new URL('../../../bin/hpvm-chatops.js', import.meta.url).pathname;

async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir = '';
let db = '';
let chain: ChainedAuditEntry[] = [];

/** Five rows: a refusal, the request's creation, an approval, a note with awkward text, the start of a move. */
async function writeHistory(path: string): Promise<ChainedAuditEntry[]> {
  const store = new SqliteStore(path);
  try {
    await store.appendAudit(
      makeAudit({ at: '2026-11-01T08:00:00.000Z', actor: 'U9', action: 'usage.error', result: 'refused' }),
    );
    await store.createRequest(makeDraft(), [makeMoveDraft()], makeAudit({ at: '2026-11-01T09:00:00.000Z' }));
    const approve = { request: { state: 'approving' as const }, moves: [] };
    await store.commit(
      'REQ-1',
      0,
      approve,
      makeAudit({ at: '2026-11-02T09:00:00.000Z', actor: 'U2', action: 'click.approve' }),
    );
    const note = { text: 'say "hi", then\nleave' };
    await store.appendAudit(
      makeAudit({ at: '2026-11-02T10:00:00.000Z', action: 'note', result: 'info', detail: note }),
    );
    const start = { request: {}, moves: [{ index: 0, change: { state: 'starting' as const } }] };
    await store.commit(
      'REQ-1',
      1,
      start,
      makeAudit({ at: '2026-11-03T09:00:00.000Z', actor: 'bot', action: 'move.starting' }),
    );
    return await store.readAuditChain();
  } finally {
    await store.close();
  }
}

function tamper(sql: string): void {
  const raw = new Database(db);
  try {
    raw.exec(sql);
  } finally {
    raw.close();
  }
}

describe('hpvm-chatops audit on a database file', () => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-cli-'));
    db = join(dir, 'bot.db');
    chain = await writeHistory(db);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('verify', () => {
    it('reports an intact chain with its row count and head, exit 0 (the db from DB_FILE by default)', async () => {
      const expected = `audit chain intact: 5 rows, head ${chain[4]?.hash.slice(0, 16)}\n`;
      expect(await cli(['audit', 'verify', '--db', db])).toEqual({ code: 0, stdout: expected, stderr: '' });
      expect(await cli(['audit', 'verify'], { DB_FILE: db })).toMatchObject({ code: 0, stdout: expected });
    });

    it('names the seq of a row edited by hand: hash mismatch, exit 1', async () => {
      tamper(`DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'U-MALLORY' WHERE seq = 3`);
      const result = await cli(['audit', 'verify', '--db', db]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        'seq 3: hash mismatch: the row does not match its hash (edited after it was written)\n',
      );
      expect(result.stderr).toBe('audit chain broken: 1 problem(s) in 5 row(s)\n');
    });

    it('detects a deleted middle row: a seq gap and a broken link at the row after it', async () => {
      tamper(`DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2`);
      const result = await cli(['audit', 'verify', '--db', db]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        'seq 3: seq gap: seq 2 is missing before it (deleted)\n' +
          'seq 3: prev_hash does not link to the hash of seq 1 (a row between them was deleted, or seq 1 was edited and re-hashed)\n',
      );
    });

    it('detects a deleted last row through the head', async () => {
      tamper(`DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 5`);
      const result = await cli(['audit', 'verify', '--db', db]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        'seq 5: head mismatch: audit_head names seq 5 but the last row is seq 4: seq 5 is deleted from the end\n',
      );
    });

    it('refuses a file of an older schema without migrating it, exit 1', async () => {
      const old = join(dir, 'v3.db');
      const raw = new Database(old);
      migrate(raw, old, MIGRATIONS.slice(0, 3));
      raw.close();
      const result = await cli(['audit', 'verify', '--db', old]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('has schema version 3');
      expect(result.stderr).toContain('start the bot of this release on it once');
      const after = new Database(old, { readonly: true });
      expect(schemaVersion(after)).toBe(3);
      after.close();
    });

    it('says so when the file cannot be opened, exit 1', async () => {
      const result = await cli(['audit', 'verify', '--db', join(dir, 'missing.db')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`cannot open database ${join(dir, 'missing.db')} read-only`);
    });
  });

  describe('export', () => {
    const jsonl = (row: ChainedAuditEntry) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      requestId: row.requestId ?? null,
      result: row.result,
      detail: row.detail ?? null,
      prevHash: row.prevHash,
      hash: row.hash,
    });

    it('writes one JSON object per row, every key present, oldest first', async () => {
      const result = await cli(['audit', 'export', '--format', 'jsonl', '--db', db]);
      expect(result.code).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(chain.map(jsonl));
      expect(Object.keys(JSON.parse(lines[0] ?? '{}') as object)).toEqual(Object.keys(jsonl(chain[0]!)));
    });

    it('writes from --since on (a date is UTC midnight)', async () => {
      const result = await cli(['audit', 'export', '--format', 'jsonl', '--since', '2026-11-02', '--db', db]);
      expect(result.code).toBe(0);
      expect(
        result.stdout
          .trimEnd()
          .split('\n')
          .map((line) => (JSON.parse(line) as { seq: number }).seq),
      ).toEqual([3, 4, 5]);
    });

    it('writes CSV with a header, CRLF line ends and RFC 4180 quoting (the detail as JSON text)', async () => {
      const result = await cli(['audit', 'export', '--format', 'csv', '--db', db]);
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\r\n');
      expect(lines[0]).toBe('seq,at,actor,action,requestId,result,detail,prevHash,hash');
      expect(lines[1]).toBe(`1,2026-11-01T08:00:00.000Z,U9,usage.error,,refused,,,${chain[0]?.hash}`);
      // The note's detail, as JSON text, holds quotes and a comma: the field is quoted, its quotes doubled.
      expect(result.stdout).toContain(
        `4,2026-11-02T10:00:00.000Z,U-REQUESTER,note,,info,"{""text"":""say \\""hi\\"", then\\nleave""}",${chain[2]?.hash},${chain[3]?.hash}\r\n`,
      );
      expect(lines.at(-1)).toBe('');
      expect(lines).toHaveLength(7);
    });

    it('writes CSV from --since on (a time with its zone)', async () => {
      const result = await cli([
        'audit',
        'export',
        '--format',
        'csv',
        '--since',
        '2026-11-02T09:30:00+00:00',
        '--db',
        db,
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\r\n').map((line) => line.split(',')[0])).toEqual(['seq', '4', '5', '']);
    });
  });
});

// No file needed.
describe('hpvm-chatops audit usage', () => {
  it.each([
    [['audit'], 'say what to do: verify or export'],
    [['audit', 'frob'], 'unknown action "frob"'],
    [['audit', 'export', '--db', 'x.db'], 'export needs --format jsonl or --format csv'],
    [['audit', 'export', '--format', 'xml'], '--format must be jsonl or csv, not "xml"'],
    [['audit', 'export', '--format', 'csv', '--since', 'yesterday'], 'not "yesterday"'],
    [['audit', 'export', '--format', 'csv', '--since', '2026-11-02T09:30'], 'a time with its zone'],
    [['audit', 'verify', '--bd', 'x.db'], "Unknown option '--bd'"],
  ])('%j is a usage error: exit 2 with what was wrong, the usage line and an example', async (args, problem) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(problem);
    expect(result.stderr).toContain('usage: hpvm-chatops audit verify [--db <file>]');
    expect(result.stderr).toContain('example: hpvm-chatops audit export --format csv');
  });

  it('prints the usage on --help, exit 0', async () => {
    const result = await cli(['audit', 'export', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hpvm-chatops audit export --format jsonl|csv [--since <ISO date>] [--db <file>]');
  });
});
