/**
 * Requests into the bot exactly as Slack sends them (docs/slack-platform.md, "Slash commands" to "Request signing"): form-encoded slash commands,
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

/** What Slack does to typed command text: `&`, `<`, `>` arrive as entities (docs/slack-platform.md, "Slash commands"). */
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
