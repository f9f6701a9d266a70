/**
 * The page's endpoints change the sandbox (they type commands and click buttons as someone), so they
 * answer only the page itself: the Host must be this server on loopback (no DNS rebinding), and a
 * browser's Origin, when sent, must be this server too (no other site posting into it).
 */
import type { IncomingMessage } from 'node:http';

export function isFromOwnPage(request: IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const host = request.headers.host ?? '';
  if (!allowed.includes(host)) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return allowed.some((hostAndPort) => origin === `http://${hostAndPort}`);
}
