/**
 * One simulated VSP's SSH server: the real `ssh2` Server on 127.0.0.1, public-key auth against an
 * authorized-keys list, and every exec request run by a real `sh -c` with the VSP's environment and
 * working directory (docs/architecture.md, "The simulator"), so quoting, redirection, `nohup` and background jobs
 * behave as on a host.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2, { type Connection, type ParsedKey, type ServerChannel } from 'ssh2';
import { parseOpenSshKey } from './ssh-keys.ts';

export interface SimSshServerOptions {
  /** OpenSSH private host key text. */
  readonly hostKey: string;
  /** Public keys (OpenSSH `ssh-ed25519 AAAA…` lines) allowed to log in, for any user name. */
  readonly authorizedKeys: readonly string[];
  /** Working directory and environment of every command (the VSP's "host"). */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Called for every exec request before it runs (the fleet model counts and logs them). */
  readonly onExec?: (command: string) => void;
  /** Called for every accepted TCP connection (tests count connections to check reuse). */
  readonly onConnection?: () => void;
}

export class SimSshServer {
  private readonly server: ssh2.Server;
  private readonly allowedKeys: ParsedKey[];
  private readonly connections = new Set<Connection>();
  private readonly children = new Set<ChildProcess>();
  private port = 0;

  constructor(private readonly options: SimSshServerOptions) {
    this.allowedKeys = options.authorizedKeys.map(parseOpenSshKey);
    this.server = new ssh2.Server({ hostKeys: [options.hostKey] }, (client) => this.onClient(client));
  }

  /** Listens on 127.0.0.1; port 0 picks a free one. Resolves to the port. */
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  get listeningPort(): number {
    return this.port;
  }

  /**
   * Fault injection: stop listening (clients get "connection refused") and drop open connections,
   * or listen again on the same port.
   */
  async setRefusing(refusing: boolean): Promise<void> {
    if (refusing) {
      // close() waits for open connections, so they are ended before waiting, not after.
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const connection of this.connections) connection.end();
      await closed;
      return;
    }
    await this.listen(this.port);
  }

  /** Stops listening, ends every connection and kills every command still running. */
  async close(): Promise<void> {
    for (const child of this.children) killGroup(child, 'SIGKILL');
    for (const connection of this.connections) connection.end();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onClient(client: Connection): void {
    this.options.onConnection?.();
    this.connections.add(client);
    client.on('close', () => this.connections.delete(client));
    client.on('error', () => client.end());
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const key = this.allowedKeys.find(
        (allowed) => allowed.type === ctx.key.algo && sameBytes(allowed.getPublicSSH(), ctx.key.data),
      );
      if (!key) return ctx.reject(['publickey']);
      if (ctx.signature && ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) {
        return ctx.reject(['publickey']);
      }
      return ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.once('exec', (accept, _reject, info) => this.runCommand(accept(), info.command));
      });
    });
  }

  private runCommand(channel: ServerChannel, command: string): void {
    this.options.onExec?.(command);
    // A process group of its own, so a dropped channel can hang up the whole group like a closing terminal.
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: this.options.cwd,
      env: this.options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.children.add(child);
    let finished = false;
    child.stdout.pipe(channel, { end: false });
    child.stderr.pipe(channel.stderr, { end: false });
    channel.pipe(child.stdin).on('error', () => undefined);
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      channel.stderr.write(`sh: ${error.message}\n`);
    });
    child.on('close', (code, signal) => {
      finished = true;
      this.children.delete(child);
      if (channel.destroyed) return;
      if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '');
      else channel.exit(code ?? 255);
      channel.end();
    });
    channel.on('close', () => {
      // The client went away (timeout, dropped connection): hang up what the command left running.
      if (!finished) killGroup(child, 'SIGHUP');
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
