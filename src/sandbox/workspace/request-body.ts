/**
 * Reading a Web API request body the way Slack accepts it: `application/x-www-form-urlencoded` (what
 * @slack/web-api 8 sends: node:querystring with object values JSON-stringified per field) or
 * `application/json`.
 */
import type { IncomingMessage } from 'node:http';
import { isObject, type JsonObject } from './message-store.ts';

/** Form fields whose value Slack reads as JSON text. */
const JSON_FORM_FIELDS = new Set(['blocks', 'attachments', 'metadata']);
const BODY_LIMIT = 4 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Error(`request body over ${BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export type ParsedArgs =
  { readonly ok: true; readonly args: JsonObject } | { readonly ok: false; readonly problem: string };

export function parseApiArgs(raw: string, contentType: string | undefined): ParsedArgs {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') return { ok: true, args: parseForm(raw) };
  if (type === 'application/json') {
    const parsed = parseJson(raw);
    return isObject(parsed) ? { ok: true, args: parsed } : { ok: false, problem: 'JSON body is not an object' };
  }
  if (raw === '') return { ok: true, args: {} };
  return { ok: false, problem: `unsupported content-type ${contentType ?? '(none)'}` };
}

function parseForm(raw: string): JsonObject {
  const args: JsonObject = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // Unparseable JSON stays a string, so the content check reports `invalid_blocks_format` like Slack.
    args[key] = JSON_FORM_FIELDS.has(key) ? (parseJson(value) ?? value) : value;
  }
  return args;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
