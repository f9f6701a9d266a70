/**
 * Load generation for the Slack endpoint benchmark: signed requests at a fixed concurrency, each timed
 * from send to HTTP status (what Slack's 3-second ack clock measures).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { signRequest } from '../../test/support/fake-slack/slack-requests.ts';

export interface SendSignedOptions {
  readonly concurrency: number;
  readonly secret: string;
  /** Reuse connections across calls (warm-up, then measured rounds); a private one is made otherwise. */
  readonly agent?: Agent;
}

/** A keep-alive agent for one app under test, to be shared by its warm-up and measured rounds. */
export function keepAliveAgent(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency });
}

/**
 * Posts every body once, signed at send time, `concurrency` in flight; returns each latency in ms in
 * send order. Throws if any answer is not 200: a benchmark of failures measures nothing.
 */
export async function sendSigned(
  url: string,
  bodies: readonly string[],
  options: SendSignedOptions,
): Promise<number[]> {
  const latencies: number[] = new Array<number>(bodies.length);
  const failures: string[] = [];
  // node:http with keep-alive costs the load generator far less CPU than fetch, which matters when it
  // shares two cores with the app under test; connections stay open as Slack's delivery keeps them.
  const agent = options.agent ?? keepAliveAgent(options.concurrency);
  const target = new URL(url);
  let next = 0;

  function post(body: string): Promise<number> {
    const headers = signRequest(body, options.secret, Math.floor(Date.now() / 1000));
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  async function worker(): Promise<void> {
    while (next < bodies.length) {
      const index = next;
      next += 1;
      const started = performance.now();
      const status = await post(bodies[index] ?? '');
      latencies[index] = performance.now() - started;
      if (status !== 200) failures.push(`#${index}: HTTP ${status}`);
    }
  }

  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, bodies.length)) }, () => worker());
  try {
    await Promise.all(workers);
  } finally {
    if (options.agent === undefined) agent.destroy();
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${bodies.length} requests failed: ${failures.slice(0, 5).join(', ')}`);
  }
  return latencies;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length);
  return sorted[Math.max(rank - 1, 0)] ?? Number.NaN;
}
