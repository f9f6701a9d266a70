/**
 * Requests into the bot exactly as Slack sends them. Signing and body builders live in the sandbox's
 * workspace (src/sandbox/workspace/slack-requests.ts), which sends them to the bot the same way; what only
 * tests send (bad signatures, stale timestamps, unsigned ssl_check) is here.
 */
import { signRequest } from '../../../src/sandbox/workspace/slack-requests.ts';
import { VERIFICATION_TOKEN } from '../../../src/sandbox/workspace/workspace.ts';

export {
  blockActionsBody,
  escapeLikeSlack,
  newTriggerId,
  signRequest,
  slashCommandBody,
  type SlackHeaders,
  type SlashCommandFields,
} from '../../../src/sandbox/workspace/slack-requests.ts';

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
