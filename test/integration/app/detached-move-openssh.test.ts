/**
 * The reliability case against a real OpenSSH sshd (DESIGN §8): the simulator's HPVM commands installed
 * behind sshd through per-VSP wrappers, the bot's SshRemoteShell talking to sshd, and the sessions killed
 * in the middle of a move. The migration runs on regardless; the bot reconnects, reattaches and reads on.
 * If sshd cannot be started, the tests fail with the reason (CI installs openssh-server).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshRemoteShell } from '../../../src/adapters/ssh/ssh-remote-shell.ts';
import { cleanupMove } from '../../../src/app/cleanup-move.ts';
import { followMove, type FollowOptions } from '../../../src/app/follow-move.ts';
import { TRANSIENT_REMOTE_CODES, type RemoteTrouble } from '../../../src/app/retry-transient.ts';
import { startMove } from '../../../src/app/start-move.ts';
import type { VspConfig } from '../../../src/config.ts';
import { startDetachedFleet, verifyMove, type DetachedFleet } from '../../support/detached-fleet.ts';
import { startOpenSshServer, type OpenSshServer } from '../../support/openssh-server.ts';
import { installSimCommandWrappers } from '../../support/sim-command-wrappers.ts';

const FOLLOW: Pick<FollowOptions, 'intervalMs' | 'giveUpAfterMs' | 'backoff'> = {
  intervalMs: 50,
  giveUpAfterMs: 15_000,
  backoff: { initialMs: 50, maxMs: 400, factor: 2 },
};

describe('a detached move behind OpenSSH sshd', () => {
  let harness: DetachedFleet;
  let sshd: OpenSshServer;
  let wrapperRoot: string;
  /** The fleet as the bot sees it: both VSPs behind the one sshd, each with its own HPVM wrappers. */
  let vsps: VspConfig[];
  const shells: SshRemoteShell[] = [];

  function newShell(): SshRemoteShell {
    const shell = new SshRemoteShell({ ...harness.config.ssh, hosts: vsps, privateKey: harness.privateKey });
    shells.push(shell);
    return shell;
  }

  function move(requestId: string, guest: string) {
    return { requestId, index: 0, guest, source: 'vsp1', target: 'vsp2' };
  }

  beforeAll(async () => {
    harness = await startDetachedFleet('detached-openssh-');
    sshd = await startOpenSshServer({
      authorizedKeys: [(await readFile(`${harness.fleet.clientKeyFile}.pub`, 'utf8')).trim()],
    });
    wrapperRoot = await mkdtemp(join(tmpdir(), 'hpvm-wrappers-'));
    vsps = [];
    for (const vsp of harness.config.fleet) {
      const paths = await installSimCommandWrappers(harness.fleet, vsp.name, wrapperRoot);
      vsps.push({
        ...vsp,
        ...paths,
        address: '127.0.0.1',
        port: sshd.port,
        user: sshd.user,
        hostKeySha256: sshd.hostKeySha256,
      });
    }
  });

  afterAll(async () => {
    await Promise.all(shells.map((shell) => shell.close()));
    await sshd?.close();
    await harness?.close();
    if (wrapperRoot) await rm(wrapperRoot, { recursive: true, force: true });
  });

  it('runs a move detached through sshd, follows it to exit 0, verifies it on the target, cleans up', async () => {
    const shell = newShell();
    const record = move('REQ-11', 'sshd01');
    const started = await startMove(
      shell,
      record,
      harness.migrateLine('sshd01', 'vsp1', 'vsp2', vsps),
      harness.remoteDir,
    );
    expect(started.outcome.kind).toBe('started');
    const result = await followMove(shell, { source: 'vsp1', remoteDir: started.dir, logOffset: 0 }, FOLLOW);
    expect(result).toMatchObject({ exitCode: 0, progress: { phase: 'Frozen', step: 9, percent: 100 } });
    expect(result.lines.at(-1)).toBe('hpvmmigrate: Guest migrated successfully.');
    expect(await verifyMove(shell, harness.verifyLines(record.guest, 'vsp1', 'vsp2', vsps), record)).toMatchObject({
      location: 'target',
      verifiedLocation: 'vsp2 (On (OS))',
    });
    await cleanupMove(shell, { source: 'vsp1', remoteDir: started.dir }, harness.remoteDir);
    expect(existsSync(started.dir)).toBe(false);
  });

  it('keeps migrating when the SSH session is killed mid-move; a new client reattaches and follows to the end', async () => {
    const record = move('REQ-12', 'sshd02');
    const line = harness.migrateLine('sshd02', 'vsp1', 'vsp2', vsps);
    const first = newShell();
    const { dir } = await startMove(first, record, line, harness.remoteDir);
    const stored: string[] = [];
    let offset = 0;
    const onLines = (lines: readonly string[], newOffset: number): void => {
      stored.push(...lines);
      offset = newOffset;
    };
    let dropped = 0;
    const cut = await followMove(
      first,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      {
        ...FOLLOW,
        onLines,
        onProgress: (latest) => {
          if (latest.phase !== 'Copy' || dropped > 0) return;
          // The client goes away and sshd's side of the session dies with it.
          void first.close();
          dropped = sshd.dropConnections();
        },
      },
    ).catch((caught: unknown) => caught);
    expect(cut).toBeInstanceOf(Error);
    expect(dropped).toBeGreaterThan(0);
    expect(stored).not.toContain('hpvmmigrate: Guest migrated successfully.');

    const second = newShell();
    expect((await startMove(second, record, line, harness.remoteDir)).outcome).toEqual({ kind: 'already-started' });
    const rest = await followMove(
      second,
      { source: 'vsp1', remoteDir: dir, logOffset: offset },
      { ...FOLLOW, onLines },
    );
    expect(rest.exitCode).toBe(0);
    const log = await readFile(join(dir, 'migrate.log'), 'utf8');
    expect(`${stored.join('\n')}\n`).toBe(log);
    expect(harness.migrationsStarted('sshd02')).toBe(1);
    expect(await verifyMove(second, harness.verifyLines(record.guest, 'vsp1', 'vsp2', vsps), record)).toMatchObject({
      location: 'target',
    });
  });

  it('follows on through sshd sessions killed under it, reconnecting by itself', async () => {
    const shell = newShell();
    const record = move('REQ-13', 'sshd03');
    const { dir } = await startMove(
      shell,
      record,
      harness.migrateLine('sshd03', 'vsp1', 'vsp2', vsps),
      harness.remoteDir,
    );
    const stored: string[] = [];
    const troubles: RemoteTrouble[] = [];
    let drops = 0;
    const result = await followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      {
        ...FOLLOW,
        onLines: (lines) => void stored.push(...lines),
        onProgress: (latest) => {
          if (latest.phase === 'Copy' && latest.percent < 100) drops += sshd.dropConnections();
        },
        onTrouble: (trouble) => void troubles.push(trouble),
      },
    );
    expect(drops).toBeGreaterThan(0);
    expect(result.exitCode).toBe(0);
    for (const trouble of troubles) expect(TRANSIENT_REMOTE_CODES).toContain(trouble.code);
    expect(`${stored.join('\n')}\n`).toBe(await readFile(join(dir, 'migrate.log'), 'utf8'));
    expect(harness.migrationsStarted('sshd03')).toBe(1);
  });
});
