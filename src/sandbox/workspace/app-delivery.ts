/**
 * Delivers slash commands and interactivity to the app exactly as Slack does: form-encoded, signed
 * (`v0` HMAC-SHA256), and given up after 3 seconds, Slack's acknowledgement deadline (docs/slack-platform.md, "Slash commands", "Request signing").
 */
import { signRequest } from './slack-requests.ts';

/** Slack shows `operation_timeout` when the app has not answered within this time. */
export const ACK_DEADLINE_MS = 3000;

export type DeliveryResult =
  | { readonly kind: 'answered'; readonly status: number; readonly contentType: string; readonly body: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'unreachable'; readonly message: string };

export interface AppDelivery {
  /** The app's request URL (`/slack/events`), known once the app listens. */
  connect(requestUrl: string): void;
  send(body: string): Promise<DeliveryResult>;
}

export function createAppDelivery(signingSecret: string, deadlineMs: number = ACK_DEADLINE_MS): AppDelivery {
  let requestUrl: string | undefined;
  return {
    connect(url) {
      requestUrl = url;
    },
    async send(body) {
      if (requestUrl === undefined) return { kind: 'unreachable', message: 'the app is not running yet' };
      const headers = signRequest(body, signingSecret, Math.floor(Date.now() / 1000));
      try {
        const response = await fetch(requestUrl, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(deadlineMs),
        });
        return {
          kind: 'answered',
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          body: await response.text(),
        };
      } catch (error) {
        if (error instanceof Error && error.name === 'TimeoutError') return { kind: 'timeout' };
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        return { kind: 'unreachable', message: cause };
      }
    },
  };
}
