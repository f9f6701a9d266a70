/**
 * Replies only the person who acted sees: usage errors that teach (docs/conventions.md, habit 4), refused
 * clicks with the reason, lock conflicts, and errors with the operator's next step.
 */
import { truncateForEcho } from '../../../domain/grammar/slack-text.ts';
import type { UsageError } from '../../../domain/request.ts';
import { message, section, type BlockMessage } from './block-parts.ts';
import { codeTexts, esc, inlineCode, slackDate, userMention } from './mrkdwn.ts';
import type { ClickRefusal, LockConflict, OperatorError } from '../../../ports.ts';
import { requestStateWords } from './state-words.ts';

/** How much of the typed text is echoed back. */
const ECHO_MAX = 300;
const SUGGESTIONS_MAX = 5;

export function usageErrorMessage(error: UsageError): BlockMessage {
  const typed = truncateForEcho(error.input, ECHO_MAX);
  const lines = [
    `✗ *${esc(error.message)}*`,
    `*Usage:* ${inlineCode(error.usage)}`,
    `*Example:* ${inlineCode(error.example)}`,
  ];
  // The grammar's message often names the suggestion already; say it once.
  const suggestions = (error.suggestions ?? [])
    .filter((suggestion) => !error.message.includes(`\`${suggestion}\``))
    .slice(0, SUGGESTIONS_MAX);
  if (suggestions.length > 0) lines.push(`*Did you mean* ${suggestions.map(inlineCode).join(', ')}?`);
  const echo = codeTexts('*You typed:*', [typed])[0] ?? '';
  return message(esc(error.message), [section(lines.join('\n')), section(echo)]);
}

const CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;

export function refusalText(refusal: ClickRefusal): string {
  const id = esc(refusal.requestId);
  switch (refusal.reason) {
    case 'self-approval':
      return `You asked for ${id}, so you cannot approve it: a second person must (four eyes). Nothing was done.`;
    case 'not-approver':
      // `approvers` is mrkdwn from approverList: mentions are meant here.
      return `You are not an approver of ${id}; ${refusal.approvers ?? 'the configured approvers'} may approve it. Nothing was done.`;
    case 'already-approved':
      return `You already approved ${id}; it needs another approver. Nothing more was done.`;
    case 'expired':
      return `${id} expired ${slackDate(refusal.at)}; nothing ran. Ask again with /migrate for a fresh preview.`;
    case 'superseded': {
      const changed = refusal.changed === undefined ? '' : ` (${esc(truncateForEcho(refusal.changed, 500))})`;
      return `${id} was superseded: the inventory changed since its preview${changed}. Nothing ran; use the newest preview or ask again.`;
    }
    case 'already-handled': {
      const by = refusal.by === undefined ? '' : ` by ${userMention(refusal.by)}`;
      // `is already needs attention` would not read: that state is a verb phrase.
      const state =
        refusal.state === 'needs_attention'
          ? 'waiting for a move of unknown outcome to be settled'
          : requestStateWords(refusal.state);
      return `${id} is already ${state}${by}; your click changed nothing.`;
    }
    case 'wrong-channel': {
      const where =
        refusal.channelId !== undefined && CHANNEL_ID.test(refusal.channelId)
          ? ` It is handled in <#${refusal.channelId}>.`
          : '';
      return `${id} cannot be approved from this channel: the bot is not allowed to act here.${where}`;
    }
    case 'stale-click':
      return `That message is not the current preview of ${id} (${esc(truncateForEcho(refusal.detail, 500))}): nothing was done. Look at the latest message and click there.`;
  }
}

export function refusalMessage(refusal: ClickRefusal): BlockMessage {
  const text = `✗ ${refusalText(refusal)}`;
  return message(text, [section(text)]);
}

const LINK = /^https:\/\/[^\s<>|]+$/;

/** `vm01 is in REQ-12 (pending) — see <link|REQ-12>`: the guest is locked until that request closes. */
export function lockConflictMessage(conflict: LockConflict): BlockMessage {
  const id = esc(conflict.requestId);
  const see =
    conflict.link !== undefined && LINK.test(conflict.link)
      ? `<${esc(conflict.link)}|${id}>`
      : inlineCode(`/migrate status ${conflict.requestId}`);
  const wait =
    conflict.state === 'needs_attention'
      ? `wait until its move of unknown outcome is settled (an approver can do it with ${inlineCode(`/migrate resolve ${conflict.requestId}`)})`
      : `wait for ${id} to finish or ask for it to be cancelled`;
  const text = `✗ ${esc(conflict.guest)} is in ${id} (${requestStateWords(conflict.state)}) — see ${see}. A guest with an unfinished move in another request cannot be touched; ${wait}.`;
  return message(text, [section(text)]);
}

export function errorMessage(error: OperatorError): BlockMessage {
  const reference = error.reference === undefined ? '' : `\n_Reference: ${inlineCode(error.reference)}_`;
  const text = `✗ *${esc(truncateForEcho(error.what, 1000))}*\n*Next step:* ${esc(truncateForEcho(error.nextStep, 1500))}${reference}`;
  return message(`${esc(truncateForEcho(error.what, 1000))}`, [section(text)]);
}
