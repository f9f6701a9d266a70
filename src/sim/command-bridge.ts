/**
 * The simulator's side of the HPVM command executables (bridge-client.ts): a TCP server on 127.0.0.1
 * that runs each request against the in-process fleet model and streams the output back as frames.
 * A client that goes away (killed, hung up) closes its socket, which aborts its command's signal.
 */
import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { CommandIo } from './commands/command-types.ts';

export type BridgeRunner = (command: string, vsp: string, argv: readonly string[], io: CommandIo) => Promise<number>;

export interface BridgeRequest {
  readonly token: string;
  readonly command: string;
  readonly vsp: string;
  readonly argv: readonly string[];
}

const MAX_REQUEST_BYTES = 256 * 1024;
const MAX_FRAME_BYTES = 999_999;

export class CommandBridge {
  private readonly server: net.Server;
  /** The same service on a Unix socket: cheaper per connection than loopback TCP (the native client uses it). */
  private readonly unixServer: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly running = new Set<Promise<void>>();
  private readonly token: Buffer;
  private port = 0;

  constructor(
    token: string,
    private readonly run: BridgeRunner,
  ) {
    this.token = Buffer.from(token);
    this.server = net.createServer((socket) => this.onConnection(socket));
    this.unixServer = net.createServer((socket) => this.onConnection(socket));
  }

  /** Listens on 127.0.0.1 (port 0 picks one) and, when a path is given, on that Unix socket too. */
  async listen(unixSocketPath?: string): Promise<number> {
    await listenOn(this.server, (server, callback) => server.listen(0, '127.0.0.1', callback));
    this.port = (this.server.address() as AddressInfo).port;
    if (unixSocketPath !== undefined) {
      await listenOn(this.unixServer, (server, callback) => server.listen(unixSocketPath, callback));
    }
    return this.port;
  }

  get listeningPort(): number {
    return this.port;
  }

  /** Stops listening, drops every client (their commands see the abort) and waits for the commands to end. */
  async close(): Promise<void> {
    const closed = Promise.all(
      [this.server, this.unixServer]
        .filter((server) => server.listening)
        .map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
    for (const socket of this.sockets) socket.destroy();
    await Promise.allSettled([...this.running]);
    await closed;
  }

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket);
    if (socket.remoteFamily !== undefined) socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    const abort = new AbortController();
    socket.on('close', () => {
      this.sockets.delete(socket);
      abort.abort(new Error('the command client went away'));
    });
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const request = parseBridgeRequest(buffered);
      if (request === undefined) {
        if (buffered.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.off('data', onData);
      // Keep reading (and discarding) so the client's close is noticed.
      socket.on('data', () => undefined);
      const done = this.serve(socket, request, abort.signal).finally(() => this.running.delete(done));
      this.running.add(done);
    };
    socket.on('data', onData);
  }

  private async serve(socket: net.Socket, request: BridgeRequest, signal: AbortSignal): Promise<void> {
    // Output is gathered and sent at the next turn of the event loop, so a command that answers at once
    // costs one write (frames and exit status together): system calls dominate the cost of an invocation.
    let pending: Buffer[] = [];
    const flush = (): void => {
      if (pending.length > 0 && !socket.destroyed && !socket.writableEnded) socket.write(Buffer.concat(pending));
      pending = [];
    };
    const write = (kind: '1' | '2', line: string): void => {
      if (pending.length === 0) setImmediate(flush);
      pending.push(...encodeFrames(kind, `${line}\n`));
    };
    const io: CommandIo = { out: (line) => write('1', line), err: (line) => write('2', line), signal };
    let code: number;
    if (!this.validToken(request.token)) {
      io.err(`${request.command}: refused by the HPVM simulator (bad HPVM_SIM_TOKEN)`);
      code = 1;
    } else {
      try {
        code = await this.run(request.command, request.vsp, request.argv, io);
      } catch (error) {
        io.err(`${request.command}: HPVM simulator error: ${(error as Error).message}`);
        code = 1;
      }
    }
    if (socket.destroyed) return;
    const exit = Buffer.from(`x${String(Math.min(255, Math.max(0, code))).padStart(6, '0')}`);
    socket.end(Buffer.concat([...pending, exit]));
    pending = [];
  }

  private validToken(token: string): boolean {
    const given = Buffer.from(token);
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }
}

function listenOn(server: net.Server, start: (server: net.Server, callback: () => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    start(server, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The request once every field has arrived, else undefined. */
export function parseBridgeRequest(buffer: Buffer): BridgeRequest | undefined {
  const fields: string[] = [];
  let start = 0;
  for (;;) {
    const end = buffer.indexOf(0, start);
    if (end < 0) return undefined;
    fields.push(buffer.toString('utf8', start, end));
    start = end + 1;
    if (fields.length >= 4) {
      const [token = '', command = '', vsp = '', argc = ''] = fields;
      const count = /^[0-9]{1,4}$/.test(argc) ? Number(argc) : 0;
      if (fields.length === 4 + count) return { token, command, vsp, argv: fields.slice(4) };
    }
  }
}

export function encodeFrames(kind: '1' | '2', text: string): Buffer[] {
  const bytes = Buffer.from(text);
  const frames: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_FRAME_BYTES) {
    const payload = bytes.subarray(at, at + MAX_FRAME_BYTES);
    frames.push(Buffer.concat([Buffer.from(`${kind}${String(payload.length).padStart(6, '0')}`), payload]));
  }
  return frames;
}
