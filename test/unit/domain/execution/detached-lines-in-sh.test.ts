/**
 * The rendered lines run by a real local `/bin/sh` (dash on Debian: POSIX, none of bash's extras) in a temp
 * folder, with a fake migrate command the test controls through files.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteShellArg } from '../../../../src/domain/commands/quote-shell-arg.ts';
import { moveDir } from '../../../../src/domain/execution/move-dir.ts';
import { parseCleanupOutput, renderCleanup } from '../../../../src/domain/execution/render-cleanup.ts';
import { parseStartOutput, renderDetachedStart } from '../../../../src/domain/execution/render-detached-start.ts';
import { parseFollowOutput, renderFollow, type FollowChunk } from '../../../../src/domain/execution/render-follow.ts';

/** Records each run, prints a multibyte line and a half line, waits for `go`, then finishes and exits with $2. */
const FAKE_MIGRATE = `#!/bin/sh
echo run >>"$1/runs"
printf 'hpvmmigrate: Copy phase: 50%%\\n'
printf 'ünïcödé ✓ 漢字\\n'
printf 'half a li'
# Also ends when the test folder is gone, so a failed test leaves no process behind.
while [ ! -f "$1/go" ] && [ -d "$1" ]; do sleep 0.02; done
printf 'ne\\n'
printf 'no newline at the end'
exit "$2"
`;
const EXPECTED_LOG = 'hpvmmigrate: Copy phase: 50%\nünïcödé ✓ 漢字\nhalf a line\nno newline at the end';
const NONCE = 'feedface12345678';

function sh(line: string): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('/bin/sh', ['-c', line], { encoding: 'utf8' }, (_error, stdout, stderr) =>
      resolve({ exitCode: child.exitCode, stdout, stderr }),
    );
  });
}

async function follow(dir: string, offset: number): Promise<FollowChunk> {
  const result = await sh(renderFollow(dir, offset, NONCE));
  return parseFollowOutput(result.stdout, result.stderr, NONCE, offset);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the detached lines in a real POSIX sh', () => {
  let root: string;
  let fake: string;
  let base: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'detached-sh-'));
    fake = join(root, 'fake-migrate');
    base = join(root, 'remote');
    await writeFile(fake, FAKE_MIGRATE);
    await chmod(fake, 0o755);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function control(name: string): Promise<string> {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  function startLine(requestId: string, controlDir: string, exitCode: number): string {
    const migrateLine = `${quoteShellArg(fake)} ${quoteShellArg(controlDir)} ${exitCode}`;
    return renderDetachedStart({ remoteDir: base, requestId, moveIndex: 0, migrateLine });
  }

  it('is dash here, the POSIX shell without bash extensions', () => {
    // Debian's /bin/sh; if this ever changes, the lines are still POSIX but the test proves less.
    expect(spawnSync('/bin/sh', ['-c', 'echo ${BASH_VERSION:-none}'], { encoding: 'utf8' }).stdout.trim()).toBe('none');
  });

  it('starts the migration once when the start line runs three times at once, and again later', async () => {
    const controlDir = await control('once');
    const line = startLine('REQ-1', controlDir, 0);
    const answers = await Promise.all([sh(line), sh(line), sh(line)]);
    for (const answer of answers) expect(answer).toMatchObject({ exitCode: 0, stderr: '' });
    const outcomes = answers.map((answer) => parseStartOutput(answer.stdout));
    expect(outcomes.filter((outcome) => outcome?.kind === 'started')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome?.kind === 'already-started')).toHaveLength(2);

    const dir = moveDir({ remoteDir: base, requestId: 'REQ-1', moveIndex: 0 });
    await writeFile(join(controlDir, 'go'), '');
    await until(
      () => follow(dir, 0),
      (chunk) => chunk.status.kind === 'exited',
    );
    expect(parseStartOutput((await sh(line)).stdout)).toEqual({ kind: 'already-started' });
    expect(await readFile(join(controlDir, 'runs'), 'utf8')).toBe('run\n');
    expect((await readdir(dir)).sort()).toEqual(['exit.status', 'migrate.log', 'pid', 'started']);
  });

  it('follows by byte offset through multibyte text: each line once, the half line only when complete', async () => {
    const controlDir = await control('follow');
    const dir = moveDir({ remoteDir: base, requestId: 'REQ-2', moveIndex: 0 });
    expect(parseStartOutput((await sh(startLine('REQ-2', controlDir, 3))).stdout)?.kind).toBe('started');

    const seen: string[] = [];
    let offset = 0;
    const first = await until(
      () => follow(dir, 0),
      (chunk) => chunk.lines.length === 2,
    );
    expect(first.status).toEqual({ kind: 'running' });
    expect(first.lines).toEqual(['hpvmmigrate: Copy phase: 50%', 'ünïcödé ✓ 漢字']);
    seen.push(...first.lines);
    offset = first.newOffset;
    expect(offset).toBe(Buffer.byteLength('hpvmmigrate: Copy phase: 50%\nünïcödé ✓ 漢字\n'));

    // Reading again from the same offset while nothing new is complete: nothing, the offset stays.
    expect(await follow(dir, offset)).toMatchObject({ lines: [], newOffset: offset, status: { kind: 'running' } });

    await writeFile(join(controlDir, 'go'), '');
    const last = await until(
      () => follow(dir, offset),
      (chunk) => chunk.status.kind === 'exited',
    );
    seen.push(...last.lines);
    const log = await readFile(join(dir, 'migrate.log'));
    expect(last.status).toEqual({ kind: 'exited', exitCode: 3 });
    expect(last.newOffset).toBe(log.length);
    expect(seen.join('\n')).toBe(EXPECTED_LOG);
    expect(log.toString('utf8')).toBe(EXPECTED_LOG);

    // Every offset, also inside a multibyte character: tail -c +N gives exactly the bytes after it.
    for (let at = 0; at <= log.length; at += 1) {
      const result = await sh(`tail -c +${at + 1} ${quoteShellArg(join(dir, 'migrate.log'))} | od -An -tx1`);
      expect(result.stdout.replace(/\s+/g, '')).toBe(log.subarray(at).toString('hex'));
    }
  });

  it('shows the exit status only complete: no status, or the whole number, never an empty file', async () => {
    const controlDir = await control('status');
    const dir = moveDir({ remoteDir: base, requestId: 'REQ-3', moveIndex: 0 });
    await sh(startLine('REQ-3', controlDir, 42));
    const statusFile = join(dir, 'exit.status');
    await writeFile(join(controlDir, 'go'), '');
    const reads: string[] = [];
    const deadline = Date.now() + 10_000;
    while (!reads.includes('42\n')) {
      if (Date.now() > deadline) throw new Error('no exit status in time');
      if (existsSync(statusFile)) reads.push(await readFile(statusFile, 'utf8').catch(() => '(gone)'));
    }
    expect(new Set(reads)).toEqual(new Set(['42\n']));
    expect(existsSync(join(dir, 'exit.status.tmp'))).toBe(false);
    expect((await follow(dir, 0)).status).toEqual({ kind: 'exited', exitCode: 42 });
  });

  it('tells a never-started folder (missing) and a process gone without status (vanished)', async () => {
    const missing = moveDir({ remoteDir: base, requestId: 'REQ-4', moveIndex: 0 });
    expect((await follow(missing, 0)).status).toEqual({ kind: 'missing' });

    const vanished = moveDir({ remoteDir: base, requestId: 'REQ-5', moveIndex: 0 });
    await mkdir(join(vanished, 'started'), { recursive: true });
    const dead = spawnSync('/bin/sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim();
    await writeFile(join(vanished, 'pid'), `${dead}\n`);
    await writeFile(join(vanished, 'migrate.log'), 'hpvmmigrate: Init phase: 100%\n');
    expect(await follow(vanished, 0)).toMatchObject({
      status: { kind: 'vanished' },
      lines: ['hpvmmigrate: Init phase: 100%'],
    });
  });

  it('cleans up only a finished move, and the request folder with its last move', async () => {
    const controlDir = await control('cleanup');
    const dir = moveDir({ remoteDir: base, requestId: 'REQ-6', moveIndex: 0 });
    await sh(startLine('REQ-6', controlDir, 0));
    await until(
      () => follow(dir, 0),
      (chunk) => chunk.lines.length === 2,
    );
    expect(parseCleanupOutput((await sh(renderCleanup(dir, base))).stdout)).toBe('still-running');
    expect(existsSync(join(dir, 'migrate.log'))).toBe(true);

    await writeFile(join(controlDir, 'go'), '');
    await until(
      () => follow(dir, 0),
      (chunk) => chunk.status.kind === 'exited',
    );
    const removed = await sh(renderCleanup(dir, base));
    expect(removed).toMatchObject({ exitCode: 0, stdout: 'removed\n' });
    expect(existsSync(join(base, 'REQ-6'))).toBe(false);
    expect(existsSync(base)).toBe(true);
  });
});
