/**
 * Slack's Socket Mode side, for tests: a WebSocket server on 127.0.0.1 that greets the app with `hello`,
 * delivers slash commands and interactions as envelopes, and hands back the app's acknowledgement (with
 * its response payload). The fake Web API answers `apps.connections.open` with this server's URL.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Envelope {
  readonly envelope_id: string;
  readonly type: 'slash_commands' | 'interactive';
  readonly payload: object;
  readonly accepts_response_payload: boolean;
}

export interface FakeSocketMode {
  readonly appToken: string;
  url(): string;
  /** Resolves once the app has connected (after apps.connections.open). */
  connected(): Promise<void>;
  /** Delivers an envelope and resolves to the app's acknowledgement payload (undefined for a bare ack). */
  deliver(type: Envelope['type'], payload: object): Promise<unknown>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(appToken = 'xapp-1-fake-app-token'): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const acks = new Map<string, (payload: unknown) => void>();
  let socket: WebSocket | undefined;
  let onConnected: (() => void) | undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));

  server.on('connection', (client) => {
    socket = client;
    client.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP0001' } }));
    client.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
      if (message.envelope_id === undefined) return;
      acks.get(message.envelope_id)?.(message.payload);
      acks.delete(message.envelope_id);
    });
    onConnected?.();
  });

  return {
    appToken,
    url: () => `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}`,
    connected: () => connected,
    deliver(type, payload) {
      if (socket === undefined) return Promise.reject(new Error('no app is connected'));
      const envelope: Envelope = { envelope_id: randomUUID(), type, payload, accepts_response_payload: true };
      const acknowledged = new Promise<unknown>((resolve) => acks.set(envelope.envelope_id, resolve));
      socket.send(JSON.stringify(envelope));
      return acknowledged;
    },
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
