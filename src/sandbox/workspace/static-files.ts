/**
 * The page: plain HTML, CSS and JavaScript modules from src/sandbox/web, served as they are (no build
 * step). Only flat file names are served, and a strict Content-Security-Policy allows scripts from this
 * server alone, so text in a message can never run as code even if a renderer slipped.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));
const FILE_NAME = /^[a-z][a-z0-9-]*\.(?:html|css|js|svg)$/;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The files are read from the checkout on every request: an edit shows on reload.
  'cache-control': 'no-cache',
};

/** Answers `GET /` and `GET /web/<file>`; returns false for other paths. */
export async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = new URL(request.url ?? '/', 'http://workspace').pathname;
  const name = path === '/' ? 'index.html' : path.startsWith('/web/') ? path.slice('/web/'.length) : undefined;
  if (name === undefined) return false;
  if (!FILE_NAME.test(name)) return notFound(response);
  let body: Buffer;
  try {
    body = await readFile(join(WEB_DIR, name));
  } catch {
    return notFound(response);
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    ...SECURITY_HEADERS,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}

function notFound(response: ServerResponse): true {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('not found\n');
  return true;
}
