/**
 * The page's connection to the sandbox: server-sent events for one viewer (`session` first, then
 * `message`, `ephemeral` and `fleet`), and the POSTs that act as that viewer. Switching the viewer opens
 * a new stream, so ephemeral messages never reach anyone but their user.
 */
/* global EventSource, fetch */

export function connectLive(userId, handlers) {
  const source = new EventSource(`/ui/events?user=${encodeURIComponent(userId)}`);
  const on = (name, handle) => source.addEventListener(name, (event) => handle(JSON.parse(event.data)));
  on('session', handlers.session);
  on('message', handlers.message);
  on('ephemeral', handlers.ephemeral);
  on('fleet', handlers.fleet);
  source.addEventListener('open', () => handlers.connection(true));
  source.addEventListener('error', () => handlers.connection(source.readyState === EventSource.OPEN));
  return { close: () => source.close() };
}

/** `{ ok: true }` or `{ ok: false, error }`; never throws. */
export async function post(path, body) {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({ ok: false, error: `http_${response.status}` }));
    return answer;
  } catch {
    return { ok: false, error: 'sandbox_unreachable' };
  }
}
