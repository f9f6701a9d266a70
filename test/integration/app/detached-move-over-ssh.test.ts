/**
 * A move run detached on the source VSP and followed by byte offset, against the simulated fleet over real
 * SSH (SshRemoteShell ↔ the simulator's ssh2 server, whose commands run in a real `sh -c`): the migration
 * survives the bot's connection going away, a second start reattaches, and the lines read across
 * connections are the remote log exactly once.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshRemoteShell } from '../../../src/adapters/ssh/ssh-remote-shell.ts';
import { cleanupMove } from '../../../src/app/cleanup-move.ts';
import { followMove, type FollowOptions } from '../../../src/app/follow-move.ts';
import { TRANSIENT_REMOTE_CODES, type RemoteTrouble } from '../../../src/app/retry-transient.ts';
import { startMove } from '../../../src/app/start-move.ts';
import { parseMigrateOutput } from '../../../src/domain/execution/parse-migrate-output.ts';
import type { MoveProgress } from '../../../src/domain/workflow/records.ts';
import { startDetachedFleet, verifyMove, waitUntil, type DetachedFleet } from '../../support/detached-fleet.ts';

const FOLLOW: Pick<FollowOptions, 'intervalMs' | 'giveUpAfterMs' | 'backoff'> = {
  intervalMs: 50,
  giveUpAfterMs: 15_000,
  backoff: { initialMs: 50, maxMs: 400, factor: 2 },
};

describe('a detached move over SSH against the simulated fleet', () => {
  let harness: DetachedFleet;
  const shells: SshRemoteShell[] = [];

  function newShell(): SshRemoteShell {
    const shell = new SshRemoteShell({
      ...harness.config.ssh,
      hosts: harness.config.fleet,
      privateKey: harness.privateKey,
    });
    shells.push(shell);
    return shell;
  }

  function move(requestId: string, guest: string) {
    return { requestId, index: 0, guest, source: 'vsp1', target: 'vsp2' };
  }

  beforeAll(async () => {
    harness = await startDetachedFleet('detached-ssh-');
  });

  afterAll(async () => {
    await Promise.all(shells.map((shell) => shell.close()));
    await harness.close();
  });

  it('starts an online move detached, follows its progress to exit 0, verifies it on the target and cleans up', async () => {
    const shell = newShell();
    const record = move('REQ-1', 'mover01');
    const started = await startMove(shell, record, harness.migrateLine('mover01', 'vsp1', 'vsp2'), harness.remoteDir);
    expect(started.outcome.kind).toBe('started');
    expect(started.dir).toBe(join(harness.remoteDir, 'REQ-1', '0'));

    const progress: MoveProgress[] = [];
    const result = await followMove(
      shell,
      { source: 'vsp1', remoteDir: started.dir, logOffset: 0 },
      { ...FOLLOW, onProgress: (latest) => void progress.push(latest) },
    );
    expect(result.exitCode).toBe(0);
    expect(result.lines[0]).toBe('hpvmmigrate: Init phase (step 1) - progress 50%');
    expect(result.lines.at(-1)).toBe('hpvmmigrate: Guest migrated successfully.');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ phase: 'Frozen', step: 9, percent: 100 });

    const verified = await verifyMove(shell, harness.verifyLines(record.guest, 'vsp1', 'vsp2'), record);
    expect(verified).toMatchObject({
      location: 'target',
      source: { state: 'NotRunnable', text: 'Off (NR)' },
      target: { state: 'On', text: 'On (OS)' },
      verifiedLocation: 'vsp2 (On (OS))',
    });
    await cleanupMove(shell, { source: 'vsp1', remoteDir: started.dir }, harness.remoteDir);
    expect(existsSync(started.dir)).toBe(false);
  });

  it('survives the bot’s connection going away mid-move: a new shell reattaches and reads on from the stored offset', async () => {
    const record = move('REQ-2', 'drop01');
    const line = harness.migrateLine('drop01', 'vsp1', 'vsp2');
    const first = newShell();
    const { dir } = await startMove(first, record, line, harness.remoteDir);
    // What the Store would keep: the lines and the offset after them, stored before reading on.
    const stored: string[] = [];
    let offset = 0;
    const onLines = (lines: readonly string[], newOffset: number): void => {
      stored.push(...lines);
      offset = newOffset;
    };
    const cut = await followMove(
      first,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      {
        ...FOLLOW,
        onLines,
        // The bot dies in the middle of the copy: its SSH shell goes away with it.
        onProgress: (latest) => (latest.phase === 'Copy' ? void first.close() : undefined),
      },
    ).catch((caught: unknown) => caught);
    expect(cut).toBeInstanceOf(Error);
    expect(stored.some((text) => text.startsWith('hpvmmigrate: Copy phase'))).toBe(true);
    expect(stored).not.toContain('hpvmmigrate: Guest migrated successfully.');

    // The restarted bot: a new shell, the same start line (reattach), then follow from the stored offset.
    const second = newShell();
    const again = await startMove(second, record, line, harness.remoteDir);
    expect(again.outcome).toEqual({ kind: 'already-started' });
    const rest = await followMove(
      second,
      { source: 'vsp1', remoteDir: dir, logOffset: offset },
      { ...FOLLOW, onLines },
    );
    expect(rest.exitCode).toBe(0);
    const log = await readFile(join(dir, 'migrate.log'), 'utf8');
    expect(`${stored.join('\n')}\n`).toBe(log);
    expect(rest.offset).toBe(Buffer.byteLength(log));
    expect(harness.migrationsStarted('drop01')).toBe(1);
    expect(await verifyMove(second, harness.verifyLines(record.guest, 'vsp1', 'vsp2'), record)).toMatchObject({
      location: 'target',
    });
  });

  it('rides out the source refusing SSH mid-move: retried with backoff, reported, then read on to the end', async () => {
    const shell = newShell();
    const record = move('REQ-3', 'refuse01');
    const { dir } = await startMove(shell, record, harness.migrateLine('refuse01', 'vsp1', 'vsp2'), harness.remoteDir);
    const troubles: RemoteTrouble[] = [];
    const stored: string[] = [];
    let refused = false;
    const result = await followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      {
        ...FOLLOW,
        onLines: (lines) => void stored.push(...lines),
        onProgress: (latest) => {
          if (refused || latest.phase !== 'Copy') return;
          refused = true;
          harness.fleet.model.setFaults('vsp1', { sshRefused: true });
        },
        onTrouble: (trouble) => {
          troubles.push(trouble);
          if (troubles.length === 3) harness.fleet.model.setFaults('vsp1', {});
        },
      },
    );
    expect(result.exitCode).toBe(0);
    expect(troubles.length).toBeGreaterThanOrEqual(3);
    for (const trouble of troubles) expect(TRANSIENT_REMOTE_CODES).toContain(trouble.code);
    expect(troubles.map((trouble) => trouble.attempt).slice(0, 3)).toEqual([1, 2, 3]);
    expect(`${stored.join('\n')}\n`).toBe(await readFile(join(dir, 'migrate.log'), 'utf8'));
    expect(harness.migrationsStarted('refuse01')).toBe(1);
  });

  it('starts a move once however often the start line runs (restart, double delivery)', async () => {
    const shell = newShell();
    const record = move('REQ-4', 'again01');
    const line = harness.migrateLine('again01', 'vsp1', 'vsp2');
    const outcomes = await Promise.all([1, 2, 3].map(() => startMove(shell, record, line, harness.remoteDir)));
    expect(outcomes.map((outcome) => outcome.outcome.kind).sort()).toEqual([
      'already-started',
      'already-started',
      'started',
    ]);
    const result = await followMove(shell, { source: 'vsp1', remoteDir: outcomes[0]!.dir, logOffset: 0 }, FOLLOW);
    expect(result.exitCode).toBe(0);
    expect((await startMove(shell, record, line, harness.remoteDir)).outcome).toEqual({ kind: 'already-started' });
    await waitUntil(() => harness.fleet.model.migrationOf('again01') === undefined, 'no migration of again01 runs');
    expect(harness.migrationsStarted('again01')).toBe(1);
    expect(result.lines.filter((text) => parseMigrateOutput(text).kind === 'success')).toHaveLength(1);
  });

  it('reports a failed move with HP’s message and exit 1, and verification finds the guest on the source', async () => {
    const shell = newShell();
    const record = move('REQ-5', 'missing01');
    const { dir } = await startMove(shell, record, harness.migrateLine('missing01', 'vsp1', 'vsp2'), harness.remoteDir);
    const result = await followMove(shell, { source: 'vsp1', remoteDir: dir, logOffset: 0 }, FOLLOW);
    expect(result.exitCode).toBe(1);
    expect(result.lines.map(parseMigrateOutput)).toContainEqual({
      kind: 'error',
      text: 'Target VM Host error - Device does not exist.',
    });
    expect(await verifyMove(shell, harness.verifyLines(record.guest, 'vsp1', 'vsp2'), record)).toEqual({
      location: 'source',
      source: { state: 'On', text: 'On (OS)' },
      target: { state: 'absent', text: 'absent' },
      verifiedLocation: 'vsp1 (On (OS))',
    });
  });
});
