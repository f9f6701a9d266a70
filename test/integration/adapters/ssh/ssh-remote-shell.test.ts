/**
 * SshRemoteShell against the simulator's real SSH server (real ssh2 on both ends, a real `sh -c`):
 * streaming, exit codes and signals, UTF-8, timeouts that really stop the remote command.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execChecked } from '../../../../src/adapters/ssh/exec-checked.ts';
import { operatorMessage } from '../../../../src/adapters/ssh/operator-message.ts';
import { RemoteCommandError, SshError } from '../../../../src/adapters/ssh/ssh-error.ts';
import { SshRemoteShell } from '../../../../src/adapters/ssh/ssh-remote-shell.ts';
import { generateEd25519KeyPair } from '../../../../src/sim/ssh-keys.ts';
import { captureLogs } from '../../../support/log-capture.ts';
import { startSimSshHost, type SimSshHost } from '../../../support/sim-ssh-host.ts';

const botKey = generateEd25519KeyPair('bot');

describe('SshRemoteShell exec', () => {
  let vsp: SimSshHost;
  let shell: SshRemoteShell;
  const logs = captureLogs();

  beforeAll(async () => {
    vsp = await startSimSshHost('vsp1', { authorizedKeys: [botKey.publicKey] });
    shell = new SshRemoteShell({
      hosts: [vsp.host],
      privateKey: botKey.privateKey,
      connectTimeoutMs: 5_000,
      commandTimeoutMs: 10_000,
      maxConcurrentHosts: 4,
      keepaliveIntervalMs: 0,
      logger: logs.logger,
    });
  });

  afterAll(async () => {
    await shell.close();
    await vsp.close();
  });

  it('returns stdout, stderr and the exit code, and streams each stream line by line in order', async () => {
    const stdoutLines: string[] = [];
    const stderrLines: string[] = [];
    const result = await shell.exec('vsp1', `echo one; echo e1 >&2; echo two; echo e2 >&2; echo "$SIM_VSP"; exit 3`, {
      onStdoutLine: (line) => stdoutLines.push(line),
      onStderrLine: (line) => stderrLines.push(line),
    });
    expect(result).toEqual({ exitCode: 3, stdout: 'one\ntwo\nvsp1\n', stderr: 'e1\ne2\n' });
    expect(stdoutLines).toEqual(['one', 'two', 'vsp1']);
    expect(stderrLines).toEqual(['e1', 'e2']);
  });

  it('delivers a line while the command is still running', async () => {
    // The command waits for a file the test only writes once the first line has arrived: without streaming
    // it could never finish (it would hit the timeout instead).
    const go = join(vsp.dir, 'go-streaming');
    const lines: string[] = [];
    const result = await shell.exec('vsp1', `echo a; while [ ! -e go-streaming ]; do sleep 0.05; done; echo b`, {
      timeoutMs: 5_000,
      onStdoutLine: (line) => {
        lines.push(line);
        if (line === 'a') void writeFile(go, '');
      },
    });
    expect(result.exitCode).toBe(0);
    expect(lines).toEqual(['a', 'b']);
  });

  it('splits \\r\\n lines and flushes a last line without a newline', async () => {
    const lines: string[] = [];
    const result = await shell.exec('vsp1', `printf 'a\\r\\nb\\r\\nlast'`, {
      onStdoutLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['a', 'b', 'last']);
    expect(result.stdout).toBe('a\r\nb\r\nlast');
  });

  it('keeps multibyte UTF-8 characters whole when they arrive split across chunks', async () => {
    // One byte per write with a pause in between, so the bytes of each character travel in separate packets.
    const text = 'Zürich → 東京 😀';
    const octal = [...Buffer.from(text, 'utf8')].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`);
    const script = octal.map((escape) => `printf '${escape}'; sleep 0.01`).join('; ');
    const lines: string[] = [];
    const result = await shell.exec('vsp1', `${script}; printf '\\n'`, { onStdoutLine: (line) => lines.push(line) });
    expect(lines).toEqual([text]);
    expect(result.stdout).toBe(`${text}\n`);
  });

  it('reports a command killed by a signal as exit code null and the signal in Node form', async () => {
    const result = await shell.exec('vsp1', 'kill -TERM $$');
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGTERM');
  });

  it('keeps running when a line callback throws, and logs it', async () => {
    const result = await shell.exec('vsp1', 'echo a; echo b', {
      onStdoutLine: (line) => {
        if (line === 'a') throw new Error('callback bug');
      },
    });
    expect(result).toEqual({ exitCode: 0, stdout: 'a\nb\n', stderr: '' });
    expect(logs.records()).toContainEqual(
      expect.objectContaining({ level: 50, stream: 'stdout', msg: 'ssh line callback threw; output continues' }),
    );
  });

  it('gives a command end-of-file on stdin instead of letting it wait', async () => {
    const result = await shell.exec('vsp1', 'cat; echo done', { timeoutMs: 5_000 });
    expect(result).toEqual({ exitCode: 0, stdout: 'done\n', stderr: '' });
  });

  it('rejects a command over its timeout with command_timeout and stops it on the VSP', async () => {
    const marker = join(vsp.dir, 'late-marker');
    const seen: string[] = [];
    const error = await shell
      .exec('vsp1', `echo $$ > timeout.pid; echo working; sleep 0.6; echo late > late-marker`, {
        timeoutMs: 300,
        onStdoutLine: (line) => seen.push(line),
      })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SshError);
    const timeout = error as SshError;
    expect(timeout).toMatchObject({ code: 'command_timeout', host: 'vsp1', stdoutTail: 'working' });
    expect(timeout.command).toContain('late-marker');
    expect(timeout.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(seen).toEqual(['working']);
    expect(operatorMessage(error)).toMatch(
      /timed out after \d+ ms on VSP vsp1[\s\S]*Next step: The command was stopped/,
    );

    // The shell that would write the marker is gone: hung up when its channel closed.
    const pid = Number(await readFile(join(vsp.dir, 'timeout.pid'), 'utf8'));
    await expect.poll(() => processGone(pid), { timeout: 5_000, interval: 50 }).toBe(true);
    // Past the time the marker would have been written.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(existsSync(marker)).toBe(false);
  });

  it('execChecked returns a successful result and throws RemoteCommandError with tails on failure', async () => {
    await expect(execChecked(shell, 'vsp1', 'echo fine')).resolves.toMatchObject({ exitCode: 0, stdout: 'fine\n' });

    const lines = Array.from({ length: 30 }, (_, index) => `err${index + 1}`).join(' ');
    const error = await execChecked(shell, 'vsp1', `for l in ${lines}; do echo $l >&2; done; echo out; exit 4`).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RemoteCommandError);
    const failed = error as RemoteCommandError;
    expect(failed).toMatchObject({ code: 'command_failed', host: 'vsp1', exitCode: 4, stdoutTail: 'out' });
    expect(failed.stderrTail.split('\n')).toHaveLength(20);
    expect(failed.stderrTail.split('\n')[19]).toBe('err30');
    expect(operatorMessage(error)).toContain('Last error output:\n  err11');
  });

  it('logs scoped, structured records and never the key', async () => {
    await shell.exec('vsp1', 'true');
    expect(logs.records()).toContainEqual(
      expect.objectContaining({ component: 'ssh', vsp: 'vsp1', port: vsp.host.port, msg: 'ssh connected' }),
    );
    expect(logs.records()).toContainEqual(
      expect.objectContaining({
        component: 'ssh',
        vsp: 'vsp1',
        command: 'true',
        exitCode: 0,
        msg: 'ssh command ended',
      }),
    );
    const keyBody = botKey.privateKey.split('\n')[1] ?? 'missing';
    expect(logs.text()).not.toContain(keyBody);
    expect(logs.text()).not.toContain('PRIVATE KEY');
  });
});

/** Gone, or a zombie waiting for its parent to collect it (it runs nothing any more). */
async function processGone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
