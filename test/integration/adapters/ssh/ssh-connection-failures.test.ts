/**
 * How SshRemoteShell fails to connect, and how it recovers: pinned host keys, unknown hosts, refused keys,
 * refused and silent ports, dropped and frozen connections. Real servers on 127.0.0.1 only.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { operatorMessage } from '../../../../src/adapters/ssh/operator-message.ts';
import { SshError } from '../../../../src/adapters/ssh/ssh-error.ts';
import type { SshHost } from '../../../../src/adapters/ssh/ssh-host.ts';
import { SshRemoteShell, type SshRemoteShellOptions } from '../../../../src/adapters/ssh/ssh-remote-shell.ts';
import { generateEd25519KeyPair } from '../../../../src/sim/ssh-keys.ts';
import { captureLogs } from '../../../support/log-capture.ts';
import { startSimSshHost, type SimSshHost } from '../../../support/sim-ssh-host.ts';
import { startTcpProxy } from '../../../support/tcp-proxy.ts';

const botKey = generateEd25519KeyPair('bot');

function shellFor(hosts: readonly SshHost[], extra: Partial<SshRemoteShellOptions> = {}): SshRemoteShell {
  return new SshRemoteShell({
    hosts,
    privateKey: botKey.privateKey,
    connectTimeoutMs: 5_000,
    commandTimeoutMs: 10_000,
    maxConcurrentHosts: 4,
    keepaliveIntervalMs: 0,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SshError);
  return error as SshError;
}

describe('SshRemoteShell connection failures', () => {
  let vsp: SimSshHost;
  const shells: SshRemoteShell[] = [];
  const track = (shell: SshRemoteShell): SshRemoteShell => {
    shells.push(shell);
    return shell;
  };

  beforeAll(async () => {
    vsp = await startSimSshHost('vsp1', { authorizedKeys: [botKey.publicKey] });
  });

  afterEach(async () => {
    await Promise.all(shells.splice(0).map((shell) => shell.close()));
  });

  afterAll(async () => {
    await vsp.close();
  });

  it('refuses a host whose key does not match the pinned fingerprint, before anything runs', async () => {
    const logs = captureLogs();
    const impostorPin = generateEd25519KeyPair('someone else').fingerprint;
    const shell = track(shellFor([{ ...vsp.host, hostKeySha256: impostorPin }], { logger: logs.logger }));
    const execsBefore = vsp.execs.length;

    const error = await failure(shell.exec('vsp1', 'touch should-not-exist'));

    expect(error).toMatchObject({
      code: 'host_key_mismatch',
      host: 'vsp1',
      address: '127.0.0.1',
      port: vsp.host.port,
      expectedFingerprint: impostorPin,
      presentedFingerprint: vsp.hostKey.fingerprint,
      presentedKeyType: 'ssh-ed25519',
    });
    expect(vsp.execs.length).toBe(execsBefore);
    const message = operatorMessage(error);
    expect(message).toContain(`VSP vsp1 (127.0.0.1:${vsp.host.port})`);
    expect(message).toContain(`expected ${impostorPin}, presented ${vsp.hostKey.fingerprint}`);
    expect(message).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    expect(message).toContain('set `hostKeySha256` for vsp1');

    expect(logs.records()).toContainEqual(
      expect.objectContaining({ component: 'ssh', vsp: 'vsp1', msg: 'ssh host key mismatch, connection refused' }),
    );
    expect(logs.text()).not.toContain('PRIVATE KEY');
  });

  it('never trusts on first use: the next attempt is refused again', async () => {
    const shell = track(shellFor([{ ...vsp.host, hostKeySha256: generateEd25519KeyPair('x').fingerprint }]));
    expect((await failure(shell.exec('vsp1', 'true'))).code).toBe('host_key_mismatch');
    expect((await failure(shell.exec('vsp1', 'true'))).code).toBe('host_key_mismatch');
  });

  it('rejects a VSP that is not configured without connecting anywhere', async () => {
    const shell = track(shellFor([vsp.host]));
    const connectionsBefore = vsp.connections();
    const error = await failure(shell.exec('vsp9', 'true'));
    expect(error).toMatchObject({ code: 'unknown_host', host: 'vsp9', address: undefined });
    expect(error.message).toContain('known: vsp1');
    expect(vsp.connections()).toBe(connectionsBefore);
    expect(operatorMessage(error)).toContain('add vsp9 to `fleet`');
  });

  it('reports a client key the VSP does not accept as auth_failed', async () => {
    const stranger = generateEd25519KeyPair('stranger');
    const shell = track(shellFor([vsp.host], { privateKey: stranger.privateKey }));
    const error = await failure(shell.exec('vsp1', 'true'));
    expect(error).toMatchObject({ code: 'auth_failed', host: 'vsp1' });
    expect(operatorMessage(error)).toContain("Add the bot's public key");
  });

  it('reports a closed port as connection_refused, and connects once the VSP listens again', async () => {
    const shell = track(shellFor([vsp.host]));
    await vsp.server.setRefusing(true);
    try {
      const error = await failure(shell.exec('vsp1', 'true'));
      expect(error).toMatchObject({ code: 'connection_refused', host: 'vsp1', port: vsp.host.port });
      expect(operatorMessage(error)).toBe(
        `VSP vsp1 (127.0.0.1:${vsp.host.port}) refused the connection\n` +
          `Next step: Nothing accepts SSH at 127.0.0.1:${vsp.host.port}. Check that sshd is running on vsp1 ` +
          `(HP-UX Secure Shell: /opt/ssh/sbin/sshd) and that address and port for vsp1 in the config are right, then retry.`,
      );
    } finally {
      await vsp.server.setRefusing(false);
    }
    expect((await shell.exec('vsp1', 'echo back')).stdout).toBe('back\n');
  });

  it('gives up on a port that never answers with connect_timeout', async () => {
    // Accepts and reads, but never says a word: the SSH version exchange never completes.
    const silent = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const shell = track(shellFor([{ ...vsp.host, port }], { connectTimeoutMs: 300 }));
      const error = await failure(shell.exec('vsp1', 'true'));
      expect(error).toMatchObject({ code: 'connect_timeout', host: 'vsp1', port });
    } finally {
      // Resolves once the socket the timed-out client dropped is closed on this side too.
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('rejects the running command with connection_lost when the server drops, and reconnects next time', async () => {
    const shell = track(shellFor([vsp.host]));
    const connectionsBefore = vsp.connections();
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const inFlight = failure(
      shell.exec('vsp1', 'echo started; sleep 5', { onStdoutLine: (line) => line === 'started' && started() }),
    );
    await running;

    await vsp.server.setRefusing(true);
    await vsp.server.setRefusing(false);

    const error = await inFlight;
    expect(error).toMatchObject({ code: 'connection_lost', host: 'vsp1', stdoutTail: 'started' });
    expect(error.command).toBe('echo started; sleep 5');
    expect(operatorMessage(error)).toContain('may or may not have finished');

    expect((await shell.exec('vsp1', 'echo again')).stdout).toBe('again\n');
    expect(vsp.connections()).toBe(connectionsBefore + 2);
  });

  it('notices a connection that went silent through unanswered keepalives, and reconnects', async () => {
    const proxy = await startTcpProxy(vsp.host.port);
    try {
      const shell = track(
        shellFor([{ ...vsp.host, port: proxy.port }], { keepaliveIntervalMs: 100, keepaliveCountMax: 2 }),
      );
      let started: () => void = () => undefined;
      const running = new Promise<void>((resolve) => (started = resolve));
      const inFlight = failure(
        shell.exec('vsp1', 'echo started; sleep 5', { onStdoutLine: (line) => line === 'started' && started() }),
      );
      await running;
      proxy.freeze();

      expect(await inFlight).toMatchObject({ code: 'connection_lost', host: 'vsp1' });
      expect((await shell.exec('vsp1', 'echo again')).stdout).toBe('again\n');
    } finally {
      await proxy.close();
    }
  });
});
