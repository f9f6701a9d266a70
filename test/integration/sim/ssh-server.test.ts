/**
 * The simulated VSP's SSH server against the real ssh2 client: real `sh -c`, exit codes, signals,
 * key auth, and the hang-up a dropped channel sends to what the command left running.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519KeyPair, type GeneratedKeyPair } from '../../../src/sim/ssh-keys.ts';
import { SimSshServer } from '../../../src/sim/ssh-server.ts';
import { hostKeyFingerprint } from '../../../src/adapters/ssh/host-key-fingerprint.ts';

interface Outcome {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
}

function connect(port: number, key: string): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('ready', () => resolve(client)).on('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'root', privateKey: key, readyTimeout: 5000 });
  });
}

function run(client: ssh2.Client, command: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(error);
      const outcome: Outcome = { code: null, stdout: '', stderr: '' };
      stream.on('data', (chunk: Buffer) => (outcome.stdout += chunk.toString()));
      stream.stderr.on('data', (chunk: Buffer) => (outcome.stderr += chunk.toString()));
      stream.on('exit', (code: number | null, signal?: string) => {
        outcome.code = code;
        if (signal) outcome.signal = signal;
      });
      stream.on('close', () => resolve(outcome));
    });
  });
}

async function waitForFile(path: string, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return undefined;
}

describe('SimSshServer', () => {
  let dir: string;
  let server: SimSshServer;
  let port: number;
  let hostKey: GeneratedKeyPair;
  let clientKey: GeneratedKeyPair;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sim-ssh-'));
    hostKey = generateEd25519KeyPair('vsp1 host key');
    clientKey = generateEd25519KeyPair('bot');
    server = new SimSshServer({
      hostKey: hostKey.privateKey,
      authorizedKeys: [clientKey.publicKey],
      cwd: dir,
      env: { PATH: '/usr/bin:/bin', SIM_VSP: 'vsp1' },
    });
    port = await server.listen();
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the line with a real sh in the VSP environment and reports the exit code', async () => {
    const client = await connect(port, clientKey.privateKey);
    const outcome = await run(client, `echo "$SIM_VSP" "$(pwd)"; echo 'oops' >&2; exit 3`);
    client.end();
    expect(outcome).toEqual({ code: 3, stdout: `vsp1 ${dir}\n`, stderr: 'oops\n' });
  });

  it('reports a command killed by a signal', async () => {
    const client = await connect(port, clientKey.privateKey);
    const outcome = await run(client, 'kill -TERM $$');
    client.end();
    expect(outcome.signal).toBe('SIGTERM');
  });

  it('presents the host key whose fingerprint was generated', async () => {
    const seen = await new Promise<string>((resolve, reject) => {
      const client = new ssh2.Client();
      client.on('error', reject);
      client.connect({
        host: '127.0.0.1',
        port,
        username: 'root',
        privateKey: clientKey.privateKey,
        hostVerifier: (key: Buffer) => {
          resolve(hostKeyFingerprint(key));
          return false;
        },
      });
    });
    expect(seen).toBe(hostKey.fingerprint);
  });

  it('refuses a key that is not authorized', async () => {
    const stranger = generateEd25519KeyPair('stranger');
    await expect(connect(port, stranger.privateKey)).rejects.toThrow(/authentication methods failed/);
  });

  it('hangs up the command group when the client drops: nohup jobs survive, others die', async () => {
    const client = await connect(port, clientKey.privateKey);
    client.exec(
      `nohup sh -c 'sleep 1; echo survived > nohup.out.txt' >/dev/null 2>&1 &
       sh -c 'sleep 1; echo survived > plain.out.txt' &
       sleep 30`,
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.end();
    expect(await waitForFile(join(dir, 'nohup.out.txt'), 5000)).toBe('survived\n');
    expect(await waitForFile(join(dir, 'plain.out.txt'), 500)).toBeUndefined();
  });

  it('refuses connections while the refusal fault is set, and accepts again after', async () => {
    await server.setRefusing(true);
    await expect(connect(port, clientKey.privateKey)).rejects.toThrow(/ECONNREFUSED/);
    await server.setRefusing(false);
    const client = await connect(port, clientKey.privateKey);
    expect((await run(client, 'echo back')).stdout).toBe('back\n');
    client.end();
  });
});
