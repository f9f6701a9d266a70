/**
 * A simulated VSP's SSH server for adapter tests: SimSshServer on 127.0.0.1 port 0 with a fresh host key,
 * a temp working directory, and counters of the connections and commands it saw.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshHost } from '../../src/adapters/ssh/ssh-host.ts';
import { generateEd25519KeyPair, type GeneratedKeyPair } from '../../src/sim/ssh-keys.ts';
import { SimSshServer } from '../../src/sim/ssh-server.ts';

export interface SimSshHost {
  readonly name: string;
  readonly server: SimSshServer;
  /** The VSP's working directory: commands run here, marker files land here. */
  readonly dir: string;
  readonly hostKey: GeneratedKeyPair;
  /** The entry for SshRemoteShellOptions.hosts, pinned to the server's real host key. */
  readonly host: SshHost;
  /** Every command line the server was asked to run, in order. */
  readonly execs: readonly string[];
  readonly connections: () => number;
  close(): Promise<void>;
}

export interface SimSshHostOptions {
  /** Public keys allowed to log in (`ssh-ed25519 AAAA…`). */
  readonly authorizedKeys: readonly string[];
  /** Extra environment for the commands. */
  readonly env?: NodeJS.ProcessEnv;
}

export async function startSimSshHost(name: string, options: SimSshHostOptions): Promise<SimSshHost> {
  const dir = await mkdtemp(join(tmpdir(), `sim-${name}-`));
  const hostKey = generateEd25519KeyPair(`${name} host key`);
  const execs: string[] = [];
  let connections = 0;
  const server = new SimSshServer({
    hostKey: hostKey.privateKey,
    authorizedKeys: options.authorizedKeys,
    cwd: dir,
    env: { PATH: '/usr/bin:/bin', SIM_VSP: name, ...options.env },
    onExec: (command) => execs.push(command),
    onConnection: () => (connections += 1),
  });
  const port = await server.listen();
  return {
    name,
    server,
    dir,
    hostKey,
    host: { name, address: '127.0.0.1', port, user: 'root', hostKeySha256: hostKey.fingerprint },
    execs,
    connections: () => connections,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
