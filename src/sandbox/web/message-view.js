/**
 * One message as Slack draws it: avatar, author (the app with its APP badge, a person, or Slackbot),
 * time, "(edited)", the blocks (or the text when there are none), and the replies link of a thread.
 * Ephemeral messages say they are visible only to you, under the command they answer.
 */
import { clockTime, h, tsDate } from './dom.js';
import { renderBlocks } from './blocks.js';
import { renderMrkdwn } from './mrkdwn.js';

/**
 * `view`: { session, names, replies(ts) → [], openThread(ts), blockContext(message, ephemeral) }.
 * `message` is a channel message or, with `ephemeral: true`, an ephemeral message.
 */
export function renderMessage(message, view, { ephemeral = false, inThread = false } = {}) {
  const { session } = view;
  const fromApp = ephemeral ? !message.fromSlackbot : message.isBot;
  const author =
    ephemeral && message.fromSlackbot
      ? 'Slackbot'
      : fromApp
        ? session.bot.name
        : (view.names.user(message.user) ?? message.user);
  const time = tsDate(message.ts);
  const body = h(
    'div',
    { class: 'message-body' },
    h(
      'div',
      { class: 'message-meta' },
      h('span', { class: 'author' }, author),
      fromApp ? h('span', { class: 'badge' }, 'APP') : '',
      h('time', { datetime: time.toISOString() }, clockTime(time)),
      message.edited ? h('span', { class: 'edited' }, '(edited)') : '',
    ),
    ephemeral ? h('div', { class: 'ephemeral-note' }, 'Only visible to you') : '',
    ephemeral && message.command ? h('div', { class: 'invocation' }, h('code', {}, message.command)) : '',
    h('div', { class: 'message-content' }, content(message, view, ephemeral)),
    inThread ? '' : repliesLink(message, view),
  );
  return h(
    'li',
    {
      class: `message${ephemeral ? ' ephemeral' : ''}${fromApp ? ' from-app' : ''}`,
      tabindex: '-1',
      dataset: { ts: message.ts, kind: ephemeral ? 'ephemeral' : 'message', focusKey: `message/${message.ts}` },
      'aria-label': `${author}, ${clockTime(time)}${ephemeral ? ', only visible to you' : ''}`,
    },
    h(
      'div',
      { class: `avatar ${avatarClass(message, view, fromApp, ephemeral)}`, 'aria-hidden': 'true' },
      initials(author),
    ),
    body,
  );
}

function content(message, view, ephemeral) {
  if (message.deleted) return h('p', { class: 'deleted' }, 'This message was deleted.');
  if (message.blocks.length > 0) return renderBlocks(message.blocks, view.blockContext(message, ephemeral));
  return h('div', { class: 'bk-text' }, renderMrkdwn(message.text, view.names));
}

function repliesLink(message, view) {
  const replies = view.replies(message.ts);
  if (replies.length === 0) return '';
  const last = replies.at(-1);
  const count = `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`;
  return h(
    'button',
    {
      type: 'button',
      class: 'replies-link',
      dataset: { focusKey: `replies/${message.ts}` },
      'aria-label': `${count}, open the thread`,
      onClick: () => view.openThread(message.ts),
    },
    h('span', { class: 'replies-count' }, count),
    h('span', { class: 'replies-last' }, `Last reply ${clockTime(tsDate(last.ts))}`),
  );
}

function initials(name) {
  return name
    .split(/[\s-]+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

function avatarClass(message, view, fromApp, ephemeral) {
  if (ephemeral && message.fromSlackbot) return 'avatar-slackbot';
  if (fromApp) return 'avatar-app';
  return `avatar-${view.names.role(message.user) ?? 'person'}`;
}
