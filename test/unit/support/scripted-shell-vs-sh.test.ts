/**
 * The ScriptedShell must answer the detached-move lines exactly as a real POSIX sh does (dash here, as in
 * detached-lines-in-sh.test.ts): each line runs through both — the real one in a temp folder with tiny fake
 * hpvm scripts that print what the simulator printed — and stdout, stderr and exit code must be equal
 * (only the pid in `started <pid>` differs). Only the real side waits, and only for its own processes.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBatchLine } from '../../../src/domain/command-batch.ts';
import { quoteShellArg } from '../../../src/domain/commands/quote-shell-arg.ts';
import { moveDir } from '../../../src/domain/execution/move-dir.ts';
import { renderCleanup } from '../../../src/domain/execution/render-cleanup.ts';
import { renderDetachedStart } from '../../../src/domain/execution/render-detached-start.ts';
import { renderFollow } from '../../../src/domain/execution/render-follow.ts';
import type { CommandResult } from '../../../src/ports.ts';
import { ScriptedShell } from '../../support/memory/scripted-shell.ts';
import { smallFleet } from './scripted-fleet.ts';

const NONCE = 'feedface12345678';
const VSP = 'vsp1';

function sh(line: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile('/bin/sh', ['-c', line], { encoding: 'utf8' }, (_error, stdout, stderr) =>
      resolve({ exitCode: child.exitCode, stdout, stderr }),
    );
  });
}

/** The pid is the one thing that may differ. */
function normalised(result: CommandResult): CommandResult {
  return { ...result, stdout: result.stdout.replace(/^started [0-9]+$/m, 'started <pid>') };
}

/** Polls the real side (its processes run on their own); fails after the deadline. */
async function until(done: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`real sh: timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ScriptedShell agrees with a real sh', () => {
  let root: string;
  let base: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'scripted-vs-sh-'));
    base = join(root, 'remote');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Runs the line through both and expects the same answer; returns it. */
  async function agree(shell: ScriptedShell, line: string): Promise<CommandResult> {
    const real = normalised(await sh(line));
    const fake = normalised(await shell.exec(VSP, line));
    expect(fake, line).toEqual(real);
    return real;
  }

  async function agreeOnFollows(shell: ScriptedShell, dir: string, offsets: readonly number[]): Promise<void> {
    for (const offset of offsets) await agree(shell, renderFollow(dir, offset, NONCE));
  }

  /**
   * A fake hpvmmigrate for the real side: prints `before`, waits for the `go` file when given one, prints
   * `after`, exits. Its folder is the case's, so each case has its own (the fake side reads only the basename).
   */
  async function fakeMigrate(
    name: string,
    script: { before: string; go?: string; after?: string; exitCode: number },
  ): Promise<string> {
    const bin = join(root, name, 'bin');
    await mkdir(bin, { recursive: true });
    const lines = ['#!/bin/sh', `printf '%s' ${quoteShellArg(script.before)}`];
    if (script.go !== undefined) {
      // Also ends when the test folder is gone, so a failed test leaves no process behind.
      lines.push(`while [ ! -f ${quoteShellArg(script.go)} ] && [ -d ${quoteShellArg(root)} ]; do sleep 0.02; done`);
    }
    lines.push(`printf '%s' ${quoteShellArg(script.after ?? '')}`, `exit ${script.exitCode}`, '');
    const path = join(bin, 'hpvmmigrate');
    await writeFile(path, lines.join('\n'));
    await chmod(path, 0o755);
    return `${path} -o -P vm01 -h vsp2`;
  }

  function startLine(requestId: string, migrateLine: string): string {
    return renderDetachedStart({ remoteDir: base, requestId, moveIndex: 0, migrateLine });
  }

  function dirOf(requestId: string): string {
    return moveDir({ remoteDir: base, requestId, moveIndex: 0 });
  }

  it('runs in dash, the POSIX shell without bash extensions', async () => {
    expect((await sh('echo ${BASH_VERSION:-none}')).stdout).toBe('none\n');
  });

  it('on a migration the simulator ran to the end: start, already-started, follow exited, cleanup, missing', async () => {
    const dir = dirOf('REQ-1');
    const migrateLine = `${join(root, 'sim', 'bin')}/hpvmmigrate -o -P vm01 -h vsp2`;
    // The fake side runs the simulator's hpvmmigrate; the real side a script printing what it printed (a
    // first fleet tells what that is; the simulator is deterministic, the compared fleet prints it again).
    const probe = new ScriptedShell(smallFleet());
    await probe.exec(VSP, startLine('REQ-1', migrateLine));
    await probe.settled();
    const [job] = probe.jobs();
    expect(job).toMatchObject({ state: 'exited', exitCode: 0 });
    const log = job!.log;
    expect(log).toMatch(/Guest migrated successfully\.\n$/);
    expect(await fakeMigrate('sim', { before: log, exitCode: 0 })).toBe(migrateLine);

    const shell = new ScriptedShell(smallFleet());
    expect((await agree(shell, startLine('REQ-1', migrateLine))).stdout).toBe('started <pid>\n');
    await until(() => existsSync(join(dir, 'exit.status')), 'the run has exited');
    await shell.settled();
    expect(await readFile(join(dir, 'migrate.log'), 'utf8')).toBe(shell.jobs()[0]?.log);

    expect((await agree(shell, startLine('REQ-1', migrateLine))).stdout).toBe('already-started\n');
    const size = Buffer.byteLength(log);
    const firstLine = log.indexOf('\n') + 1;
    await agreeOnFollows(shell, dir, [0, 5, firstLine, size - 1, size, size + 10]);
    expect((await agree(shell, renderCleanup(dir, base))).stdout).toBe('removed\n');
    expect(existsSync(join(base, 'REQ-1'))).toBe(false);
    const missing = await agree(shell, renderFollow(dir, 0, NONCE));
    expect(missing.stderr).toContain('tail: cannot open');
    expect((await agree(shell, renderCleanup(dir, base))).stdout).toBe('removed\n');
  });

  it('while running and after: multibyte text cut at every byte and a half line, cleanup refused then done', async () => {
    const shell = new ScriptedShell(smallFleet());
    const dir = dirOf('REQ-2');
    const go = join(root, 'running', 'go');
    const before = 'hpvmmigrate: Copy phase: 50%\nünïcödé ✓ 漢字\nhalf a li';
    const after = 'ne\nno newline at the end';
    const migrateLine = await fakeMigrate('running', { before, go, after, exitCode: 3 });
    shell.holdJobs();

    expect((await agree(shell, startLine('REQ-2', migrateLine))).stdout).toBe('started <pid>\n');
    shell.appendLog(VSP, dir, before);
    const logFile = join(dir, 'migrate.log');
    await until(
      async () => existsSync(logFile) && (await readFile(logFile, 'utf8')) === before,
      'the first part is logged',
    );

    // While running: line starts, inside a two- and a three-byte character, the half line, the end and beyond.
    const second = Buffer.byteLength('hpvmmigrate: Copy phase: 50%\n');
    const third = Buffer.byteLength('hpvmmigrate: Copy phase: 50%\nünïcödé ✓ 漢字\n');
    const runningSize = Buffer.byteLength(before);
    await agreeOnFollows(shell, dir, [
      0,
      5,
      second,
      second + 1,
      third - 2,
      third,
      third + 3,
      runningSize,
      runningSize + 1,
    ]);
    expect((await agree(shell, renderCleanup(dir, base))).stdout).toBe('still-running\n');
    expect((await agree(shell, startLine('REQ-2', migrateLine))).stdout).toBe('already-started\n');

    await writeFile(go, '');
    shell.appendLog(VSP, dir, after);
    shell.finishJob(VSP, dir, 3);
    await until(() => existsSync(join(dir, 'exit.status')), 'the run has exited');

    // Once exited: each byte of the multibyte line (every character cut at each of its bytes), the edges.
    const size = Buffer.byteLength(before + after);
    const multibyte = Array.from({ length: third - second + 1 }, (_, index) => second + index);
    await agreeOnFollows(shell, dir, [0, second - 1, ...multibyte, runningSize, size - 1, size, size + 1]);
    expect((await agree(shell, renderCleanup(dir, base))).stdout).toBe('removed\n');
    await agreeOnFollows(shell, dir, [0, 7]);
    shell.releaseJobs();
  });

  it('on a run gone without an exit status: vanished, already-started, cleanup removes it', async () => {
    const shell = new ScriptedShell(smallFleet());
    const dir = dirOf('REQ-3');
    const text = 'hpvmmigrate: Init phase: 100%\n';
    // Real side: the marker, a pid no process has any more, and the log (as a host reboot leaves them).
    await mkdir(join(dir, 'started'), { recursive: true });
    const dead = (await sh('echo $$')).stdout.trim();
    await writeFile(join(dir, 'pid'), `${dead}\n`);
    await writeFile(join(dir, 'migrate.log'), text);
    shell.holdJobs();
    await shell.exec(VSP, startLine('REQ-3', await fakeMigrate('vanished', { before: '', exitCode: 0 })));
    shell.appendLog(VSP, dir, text);
    shell.vanishJob(VSP, dir);

    const follow = await agree(shell, renderFollow(dir, 0, NONCE));
    expect(follow.stdout).toMatch(/^vanished\n/);
    await agreeOnFollows(shell, dir, [3, Buffer.byteLength(text)]);
    expect((await agree(shell, startLine('REQ-3', 'true'))).stdout).toBe('already-started\n');
    expect((await agree(shell, renderCleanup(dir, base))).stdout).toBe('removed\n');
    await agreeOnFollows(shell, dir, [0]);
    shell.releaseJobs();
  });

  it('on a folder never started: missing, and a cleanup that has nothing to remove', async () => {
    const shell = new ScriptedShell(smallFleet());
    const dir = dirOf('REQ-4');
    expect((await agree(shell, renderFollow(dir, 0, NONCE))).stdout).toMatch(/^missing\n/);
    expect((await agree(shell, renderCleanup(dir, base))).stdout).toBe('removed\n');
  });

  it('on a batch of HPVM commands, one of them failing: markers, exit codes and both streams', async () => {
    const shell = new ScriptedShell(smallFleet());
    const bin = join(root, 'batch', 'bin');
    await mkdir(bin, { recursive: true });
    const commands = [
      { key: 'status', line: `${bin}/hpvmstatus` },
      { key: 'resources', line: `${bin}/hpvmstatus -r` },
      { key: 'g0', line: `${bin}/hpvmstatus -P vm01 -d` },
      { key: 'g1', line: `${bin}/hpvmstatus -P nosuch -d` },
      { key: 'machinfo', line: `${bin}/machinfo` },
    ];
    // Real side: replay scripts answering each argv with what the simulator answers for it alone.
    const cases = new Map<string, string[]>();
    for (const command of commands) {
      const answer = await shell.exec(VSP, command.line);
      const [path = '', ...argv] = command.line.split(' ');
      const name = path.slice(path.lastIndexOf('/') + 1);
      cases.set(name, [
        ...(cases.get(name) ?? []),
        `${quoteShellArg(argv.join(' '))}) printf '%s' ${quoteShellArg(answer.stdout)}; ` +
          `printf '%s' ${quoteShellArg(answer.stderr)} >&2; exit ${answer.exitCode};;`,
      ]);
    }
    for (const [name, answers] of cases) {
      const script = ['#!/bin/sh', 'case "$*" in', ...answers, 'esac', 'echo "unexpected: $*" >&2; exit 99', ''];
      await writeFile(join(bin, name), script.join('\n'));
      await chmod(join(bin, name), 0o755);
    }

    const result = await agree(shell, buildBatchLine(commands, NONCE));
    expect(result.stdout).toMatch(/ g1 1\n/);
    expect(result.stderr).toMatch(/nosuch/);
    expect(result.stderr).not.toMatch(/unexpected/);
  });
});
