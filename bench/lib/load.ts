/**
 * Load generation for the Slack endpoint benchmark: signed requests at a fixed concurrency, each timed
 * from send to HTTP status (what Slack's 3-second ack clock measures).
 */
import { performance } from 'node:perf_hooks';
import { signRequest } from '../../test/support/fake-slack/slack-requests.ts';

export interface SendSignedOptions {
  readonly concurrency: number;
  readonly secret: string;
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
  let next = 0;

  async function worker(): Promise<void> {
    while (next < bodies.length) {
      const index = next;
      next += 1;
      const body = bodies[index] ?? '';
      const headers = signRequest(body, options.secret, Math.floor(Date.now() / 1000));
      const started = performance.now();
      // global fetch (undici) keeps connections alive, as Slack's delivery does.
      const response = await fetch(url, { method: 'POST', headers, body });
      latencies[index] = performance.now() - started;
      await response.arrayBuffer();
      if (response.status !== 200) failures.push(`#${index}: HTTP ${response.status}`);
    }
  }

  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, bodies.length)) }, () => worker());
  await Promise.all(workers);
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
