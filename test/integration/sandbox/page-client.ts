/**
 * The sandbox page's endpoints driven without a browser: read the live event stream until something
 * shows up, and act as a person (type a command, click a button).
 */

export interface PageEvent {
  readonly event: string;
  readonly data: unknown;
}

/** Reads `/ui/events` as `user` until `pick` returns a value. */
export async function waitForEvent<T>(
  origin: string,
  user: string,
  pick: (event: PageEvent) => T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${origin}/ui/events?user=${user}`, { signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event === undefined || data === undefined) continue;
        const picked = pick({ event, data: JSON.parse(data) as unknown });
        if (picked !== undefined) return picked;
      }
    }
    throw new Error('the event stream ended');
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export async function postJson(origin: string, path: string, body: object): Promise<number> {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.text();
  return response.status;
}
