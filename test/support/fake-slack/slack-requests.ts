/**
 * Requests into the bot exactly as Slack sends them (reference §2–§4): form-encoded slash commands,
 * `payload=<json>` interactivity, v0 HMAC-SHA256 signatures over `v0:<ts>:<raw body>`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DEFAULT_BOT, DEFAULT_TEAM, VERIFICATION_TOKEN } from './workspace.ts';

export type SlackHeaders = {
  readonly 'content-type': 'application/x-www-form-urlencoded';
  readonly 'x-slack-request-timestamp': string;
  readonly 'x-slack-signature': string;
};

/** Slack's headers for `body`. The content-type has no charset: Bolt only parses forms on the exact value. */
export function signRequest(body: string, secret: string, timestampSeconds: number): SlackHeaders {
  const signature = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': `v0=${signature}`,
  };
}

let triggers = 0;

/** A fresh trigger_id in Slack's shape (`<n>.<n>.<hex>`); pass one explicitly to replay a delivery. */
export function newTriggerId(): string {
  triggers += 1;
  return `${1_000_000_000 + triggers}.${4_000_000 + triggers}.${randomBytes(16).toString('hex')}`;
}

/** What Slack does to typed command text: `&`, `<`, `>` arrive as entities (reference §2). */
export function escapeLikeSlack(typed: string): string {
  return typed.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export interface SlashCommandFields {
  /** The wire value, already escaped as Slack sends it (see escapeLikeSlack). */
  readonly text: string;
  readonly user_id: string;
  readonly channel_id: string;
  /** Required, so the bot's respond() reaches the fake and never the internet: use fake.responseUrl(). */
  readonly response_url: string;
  readonly command?: string;
  readonly user_name?: string;
  readonly channel_name?: string;
  readonly team_id?: string;
  readonly team_domain?: string;
  readonly api_app_id?: string;
  readonly trigger_id?: string;
  /** The deprecated verification token Slack still sends. */
  readonly token?: string;
}

/** Every field Slack sends for a slash command, form-encoded; team and app default to the fake's defaults. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: fields.token ?? VERIFICATION_TOKEN,
    team_id: fields.team_id ?? DEFAULT_TEAM.id,
    team_domain: fields.team_domain ?? DEFAULT_TEAM.domain,
    channel_id: fields.channel_id,
    channel_name: fields.channel_name ?? fields.channel_id.toLowerCase(),
    user_id: fields.user_id,
    user_name: fields.user_name ?? fields.user_id.toLowerCase(),
    command: fields.command ?? '/migrate',
    text: fields.text,
    api_app_id: fields.api_app_id ?? DEFAULT_BOT.appId,
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: fields.trigger_id ?? newTriggerId(),
  }).toString();
}

/** Interactivity bodies are one form field, `payload`, holding the JSON. */
export function blockActionsBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Slack's SSL check: unsigned, and Bolt answers 200 without dispatching. */
export function sslCheckBody(token: string = VERIFICATION_TOKEN): string {
  return new URLSearchParams({ ssl_check: '1', token }).toString();
}

export interface PostToBotOptions {
  readonly secret: string;
  /** Unix seconds; default now. Older than 5 minutes must be refused. */
  readonly timestamp?: number;
  /** Sign with a wrong secret (the signature header is still well-formed). */
  readonly badSignature?: boolean;
  /** Send without any signature headers (Slack's ssl_check does this). */
  readonly unsigned?: boolean;
  /** Extra headers, e.g. `x-slack-retry-num`. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface BotResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Headers;
}

export async function postToBot(url: string, body: string, options: PostToBotOptions): Promise<BotResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.badSignature === true ? `${options.secret}-wrong` : options.secret;
  const signed = signRequest(body, secret, timestamp);
  const headers =
    options.unsigned === true ? { 'content-type': signed['content-type'] } : (signed as Record<string, string>);
  const response = await fetch(url, { method: 'POST', headers: { ...headers, ...options.headers }, body });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
