/**
 * startMove / followMove / cleanupMove against a real local `/bin/sh` (the LocalShell RemoteShell), with a
 * fake migrate command the test releases through a file, and SSH trouble injected in front of the shell.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupMove } from '../../../src/app/cleanup-move.ts';
import { followMove, type FollowOptions } from '../../../src/app/follow-move.ts';
import type { RemoteTrouble } from '../../../src/app/retry-transient.ts';
import { startMove } from '../../../src/app/start-move.ts';
import { quoteShellArg } from '../../../src/domain/commands/quote-shell-arg.ts';
import { ExecutionError } from '../../../src/domain/execution/execution-error.ts';
import type { CommandResult, ExecOptions, RemoteShell } from '../../../src/ports.ts';
import { LocalShell } from '../../support/local-shell.ts';

const FAKE_MIGRATE = `#!/bin/sh
printf 'hpvmmigrate: Init phase (step 1) - progress 100%%\\n'
printf 'hpvmmigrate: Copy phase (step 2) - progress 50%%\\n'
# Also ends when the test folder is gone, so a failed test leaves no process behind.
while [ ! -f "$1/go" ] && [ -d "$1" ]; do sleep 0.02; done
printf 'hpvmmigrate: Copy phase (step 3) - progress 100%%\\nhpvmmigrate: Guest migrated successfully.\\n'
exit "$2"
`;

/** A RemoteShell that fails the next calls with an SshError-like code, then passes through. */
class TroubledShell implements RemoteShell {
  readonly lines: string[] = [];
  private failures: string[] = [];

  constructor(private readonly inner: RemoteShell) {}

  failNext(...codes: string[]): void {
    this.failures.push(...codes);
  }

  clear(): void {
    this.failures = [];
  }

  exec(vsp: string, line: string, options?: ExecOptions): Promise<CommandResult> {
    this.lines.push(line);
    const code = this.failures.shift();
    if (code !== undefined) return Promise.reject(Object.assign(new Error(`injected ${code}`), { code }));
    return this.inner.exec(vsp, line, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('detached move use-cases on a local sh', () => {
  let root: string;
  let remoteDir: string;
  let fake: string;
  let requests = 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'follow-local-'));
    remoteDir = join(root, 'remote');
    fake = join(root, 'fake-migrate');
    await writeFile(fake, FAKE_MIGRATE);
    await chmod(fake, 0o755);
  });

  /** Every started run: released at the end, and waited for, before its folders are removed. */
  const runs: { dir: string; release: () => Promise<void> }[] = [];

  afterAll(async () => {
    // A released fake migration still writes its last lines and exit status: removing the folders under it
    // would race with that (ENOTEMPTY). Wait for each run to end — a condition, not a time.
    await Promise.all(runs.map((run) => run.release()));
    const deadline = performance.now() + 20_000;
    while (runs.some((run) => existsSync(run.dir) && !existsSync(join(run.dir, 'exit.status')))) {
      if (performance.now() > deadline) throw new Error('detached test runs did not end');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await rm(root, { recursive: true, force: true });
  });

  async function started(exitCode = 0) {
    requests += 1;
    const requestId = `REQ-${requests}`;
    const control = join(root, requestId);
    await mkdir(control, { recursive: true });
    const shell = new TroubledShell(new LocalShell(root));
    const migrateLine = `${quoteShellArg(fake)} ${quoteShellArg(control)} ${exitCode}`;
    const { dir, outcome } = await startMove(shell, { requestId, index: 0, source: 'vsp1' }, migrateLine, remoteDir);
    expect(outcome.kind).toBe('started');
    const release = () => writeFile(join(control, 'go'), '');
    runs.push({ dir, release });
    return { shell, dir, release };
  }

  const fast: Pick<FollowOptions, 'intervalMs' | 'giveUpAfterMs' | 'backoff'> = {
    intervalMs: 10,
    giveUpAfterMs: 5_000,
    backoff: { initialMs: 10, maxMs: 40, factor: 2 },
  };

  it('follows to the exit status, storing each batch of lines before reading on', async () => {
    const { shell, dir, release } = await started();
    const stored: { lines: readonly string[]; offset: number }[] = [];
    const progress: string[] = [];
    const following = followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      {
        ...fast,
        onLines: async (lines, offset) => {
          stored.push({ lines, offset });
          if (stored.length === 1) await release();
        },
        onProgress: (latest) => void progress.push(`${latest.phase} ${latest.percent}`),
      },
    );
    const result = await following;
    expect(result.exitCode).toBe(0);
    expect(result.lines).toEqual(stored.flatMap((batch) => batch.lines));
    expect(result.lines.at(-1)).toBe('hpvmmigrate: Guest migrated successfully.');
    expect(progress).toContain('Copy 50');
    expect(result.offset).toBe((await readFile(join(dir, 'migrate.log'))).length);
    // Reads start only where a stored batch ended, and from each such place (the last one is the log's end,
    // read from only when the lines before it came before the exit status).
    const readFrom = shell.lines.flatMap((line) => {
      const from = /tail -c \+([0-9]+)/.exec(line)?.[1];
      return from === undefined ? [] : [Number(from) - 1];
    });
    const storedOffsets = [0, ...stored.map((batch) => batch.offset)];
    for (const from of readFrom) expect(storedOffsets).toContain(from);
    for (const offset of storedOffsets.slice(0, -1)) expect(readFrom).toContain(offset);
    expect(readFrom).toEqual([...readFrom].sort((a, b) => a - b));

    await cleanupMove(shell, { source: 'vsp1', remoteDir: dir }, remoteDir);
    expect(existsSync(dir)).toBe(false);
  });

  it('retries dropped and refused connections with backoff, reports each, and goes on', async () => {
    const { shell, dir, release } = await started();
    await release();
    shell.failNext('connection_lost', 'connection_refused', 'command_timeout');
    const troubles: RemoteTrouble[] = [];
    const result = await followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      { ...fast, onTrouble: (trouble) => troubles.push(trouble) },
    );
    expect(result.exitCode).toBe(0);
    expect(troubles.map(({ code, attempt, retryInMs }) => ({ code, attempt, retryInMs }))).toEqual([
      { code: 'connection_lost', attempt: 1, retryInMs: 10 },
      { code: 'connection_refused', attempt: 2, retryInMs: 20 },
      { code: 'command_timeout', attempt: 3, retryInMs: 40 },
    ]);
  });

  it('gives up after the give-up time of transient trouble, and at once on a configuration error', async () => {
    const { shell, dir, release } = await started();
    shell.failNext(...Array<string>(1000).fill('connection_refused'));
    let clock = 0;
    const error = await followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      { ...fast, giveUpAfterMs: 100, now: () => (clock += 30) },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExecutionError);
    expect(error).toMatchObject({ code: 'follow_gave_up', context: { code: 'connection_refused' } });

    shell.clear();
    shell.failNext('auth_failed');
    const auth = await followMove(shell, { source: 'vsp1', remoteDir: dir, logOffset: 0 }, fast).catch(
      (caught: unknown) => caught,
    );
    expect(auth).toMatchObject({ code: 'auth_failed' });
    await release();
  });

  it('stops following on abort without touching the run; following again from the stored offset gives the rest once', async () => {
    const { shell, dir, release } = await started(0);
    const stored: string[] = [];
    let offset = 0;
    const abort = new AbortController();
    const error = await followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      {
        ...fast,
        signal: abort.signal,
        onLines: (lines, newOffset) => {
          stored.push(...lines);
          offset = newOffset;
          abort.abort(new Error('bot stopping'));
        },
      },
    ).catch((caught: unknown) => caught);
    expect(error).toEqual(new Error('bot stopping'));
    expect(stored.length).toBeGreaterThan(0);

    // "Restart": a second start reattaches, and following from the stored offset yields the rest.
    const again = await startMove(
      shell,
      { requestId: dir.split('/').at(-2)!, index: 0, source: 'vsp1' },
      'false',
      remoteDir,
    );
    expect(again.outcome).toEqual({ kind: 'already-started' });
    await release();
    const rest = await followMove(shell, { source: 'vsp1', remoteDir: dir, logOffset: offset }, fast);
    expect([...stored, ...rest.lines].join('\n') + '\n').toBe(await readFile(join(dir, 'migrate.log'), 'utf8'));
    expect(rest.exitCode).toBe(0);
  });

  it('reports a folder with no started move, and refuses to clean up a running one', async () => {
    const missing = followMove(
      new LocalShell(root),
      { source: 'vsp1', remoteDir: `${remoteDir}/REQ-999/0`, logOffset: 0 },
      fast,
    );
    await expect(missing).rejects.toMatchObject({ code: 'remote_run_missing' });

    const { shell, dir, release } = await started();
    await expect(cleanupMove(shell, { source: 'vsp1', remoteDir: dir }, remoteDir)).rejects.toMatchObject({
      code: 'cleanup_refused',
    });
    await release();
  });
});
