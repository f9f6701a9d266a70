/**
 * Live updates for the page over server-sent events: a `session` event first (the whole state for that
 * viewer), then `message` (a post, edit or removal), `ephemeral` (only to its user) and `fleet` (a fleet
 * snapshot, at most every `fleetIntervalMs` while migrations run).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FleetEvent } from '../../sim/fleet-model.ts';
import type { FleetSnapshot } from '../../sim/fleet-snapshot.ts';
import type { MessageStore } from './message-store.ts';
import { pageEphemeral, pageMessage, type PageSession } from './page-state.ts';

/** The simulated fleet as the page sees it (FleetModel provides both). */
export interface FleetSource {
  snapshot(): FleetSnapshot;
  subscribe(listener: (event: FleetEvent) => void): () => void;
}

export interface EventStreamOptions {
  readonly store: MessageStore;
  readonly channelId: string;
  readonly fleet: FleetSource | undefined;
  readonly session: (userId: string) => PageSession;
  readonly fleetIntervalMs?: number;
}

export interface EventStream {
  open(request: IncomingMessage, response: ServerResponse, userId: string): void;
  /** Ends every stream and stops listening to the store and the fleet. */
  close(): void;
}

interface Client {
  readonly userId: string;
  readonly response: ServerResponse;
}

/** Proxies drop idle streams; a comment line now and then keeps them open. */
const KEEPALIVE_MS = 20_000;

export function createEventStream(options: EventStreamOptions): EventStream {
  const clients = new Set<Client>();
  let fleetTimer: NodeJS.Timeout | undefined;

  function send(client: Client, event: string, data: unknown): void {
    client.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  const unsubscribeStore = options.store.subscribe((event) => {
    if (event.type === 'message') {
      if (event.message.channel !== options.channelId) return;
      const data = pageMessage(event.message);
      for (const client of clients) send(client, 'message', data);
      return;
    }
    const { ephemeral } = event;
    if (ephemeral.channel !== options.channelId) return;
    const data = pageEphemeral(ephemeral);
    for (const client of clients) if (client.userId === ephemeral.user) send(client, 'ephemeral', data);
  });

  // A migration reports progress many times a second; the page needs a few snapshots a second at most.
  const unsubscribeFleet = options.fleet?.subscribe(() => {
    if (fleetTimer !== undefined) return;
    fleetTimer = setTimeout(() => {
      fleetTimer = undefined;
      const snapshot = options.fleet?.snapshot();
      for (const client of clients) send(client, 'fleet', snapshot);
    }, options.fleetIntervalMs ?? 250);
  });

  const keepalive = setInterval(() => {
    for (const client of clients) client.response.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();

  return {
    open(request, response, userId) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const client: Client = { userId, response };
      clients.add(client);
      send(client, 'session', options.session(userId));
      request.on('close', () => clients.delete(client));
    },
    close() {
      unsubscribeStore();
      unsubscribeFleet?.();
      clearTimeout(fleetTimer);
      clearInterval(keepalive);
      for (const client of clients) client.response.end();
      clients.clear();
    },
  };
}
