/**
 * What Slack shows after it delivered a slash command or a click: the app's acknowledgement body (a
 * command's immediate reply, ephemeral unless `response_type: in_channel`), or Slack's own complaint
 * when the app failed to answer in time or at all.
 */
import { checkMessageContent } from './block-rules.ts';
import type { DeliveryResult } from './app-delivery.ts';
import { isObject, type MessageStore } from './message-store.ts';
import { parseJson } from './request-body.ts';
import { escapeLikeSlack } from './slack-requests.ts';
import type { Workspace } from './workspace.ts';

export interface Invocation {
  readonly channel: string;
  readonly user: string;
  /** The command as typed, e.g. `/migrate vm01 to vsp2`. */
  readonly command: string;
}

export function showCommandAnswer(
  result: DeliveryResult,
  invocation: Invocation,
  store: MessageStore,
  workspace: Workspace,
): void {
  const name = invocation.command.split(/\s/, 1)[0] ?? '/migrate';
  if (result.kind !== 'answered' || result.status !== 200) {
    return slackbotSays(store, invocation, `${escapeLikeSlack(name)} failed with the error "${failureCode(result)}"`);
  }
  if (result.body.trim() === '') return;
  const parsed = result.contentType.startsWith('application/json') ? parseJson(result.body) : undefined;
  if (!isObject(parsed)) {
    store.postEphemeral({ ...target(invocation), text: result.body, blocks: [], via: 'ack' });
    return;
  }
  const content = checkMessageContent(parsed);
  if (!content.ok)
    return slackbotSays(store, invocation, `${escapeLikeSlack(name)} failed with the error "${content.error}"`);
  const text = typeof parsed.text === 'string' ? parsed.text : '';
  const blocks = content.blocks ?? [];
  if (parsed.response_type === 'in_channel') {
    store.post({ channel: invocation.channel, user: workspace.bot.userId, botId: workspace.bot.botId, text, blocks });
    return;
  }
  store.postEphemeral({ ...target(invocation), text, blocks, via: 'ack' });
}

/** Slack's note under a button when the app did not acknowledge the click. */
export function showClickFailure(result: DeliveryResult, at: Omit<Invocation, 'command'>, store: MessageStore): void {
  if (result.kind === 'answered' && result.status === 200) return;
  store.postEphemeral({
    channel: at.channel,
    user: at.user,
    threadTs: undefined,
    text: `The app did not respond to your click ("${failureCode(result)}"); nothing may have happened.`,
    blocks: [],
    via: 'slackbot',
  });
}

function slackbotSays(store: MessageStore, invocation: Invocation, text: string): void {
  store.postEphemeral({ ...target(invocation), text, blocks: [], via: 'slackbot' });
}

function target(invocation: Invocation): { channel: string; user: string; threadTs: undefined; command: string } {
  return { channel: invocation.channel, user: invocation.user, threadTs: undefined, command: invocation.command };
}

function failureCode(result: DeliveryResult): string {
  if (result.kind === 'timeout') return 'operation_timeout';
  if (result.kind === 'unreachable') return 'dispatch_failed';
  return result.status === 404 ? 'dispatch_failed' : `http_error_${result.status}`;
}
