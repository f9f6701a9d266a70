/**
 * Text that goes into mrkdwn. Rule: text from a user or a host (reasons, names, state texts, check
 * details, command lines, output) enters through `esc` or `codeTexts` exactly once; the only raw `<…>`
 * tokens are the mentions and dates built here from validated ids and times.
 */
import { escapeMrkdwn } from '../../../domain/grammar/slack-text.ts';
import { clip, LIMITS, pack } from './limits.ts';

/** `<`, `>`, `&` escaped, and no ``` left that could open or close a code block. */
export function esc(raw: string): string {
  return defuseFences(escapeMrkdwn(raw));
}

const FENCE = '```';

/** No run of two backticks survives (a zero-width space goes between), so ``` cannot form. */
export function defuseFences(text: string): string {
  return text.replace(/`(?=`)/g, '`\u200B');
}

/**
 * Raw lines as fenced code blocks of at most `max` characters each, escaped and defused; a long
 * listing is split over several texts. `heading` (mrkdwn, already safe) precedes the first fence,
 * `continued` the later ones. A line too long for one block is clipped, or with `overlong: 'wrap'` cut
 * into pieces, each later piece starting with `↪ `: for listings that must not lose a character.
 */
export function codeTexts(
  heading: string | undefined,
  rawLines: readonly string[],
  options: { readonly max?: number; readonly continued?: string; readonly overlong?: 'clip' | 'wrap' } = {},
): string[] {
  const max = options.max ?? LIMITS.sectionText;
  const longest = Math.max(heading?.length ?? 0, options.continued?.length ?? 0);
  const room = max - `${FENCE}\n\n${FENCE}`.length - (longest === 0 ? 0 : longest + 1);
  const lines =
    options.overlong === 'wrap'
      ? rawLines.flatMap((line) => wrapLine(line, room))
      : rawLines.map((line) => clip(esc(line), room));
  return pack(lines.length > 0 ? lines : [' '], room).map((body, index) => {
    const fenced = `${FENCE}\n${body}\n${FENCE}`;
    const title = index === 0 ? heading : options.continued;
    return title === undefined ? fenced : `${title}\n${fenced}`;
  });
}

const CONTINUATION = '↪ ';

/** A raw line as escaped pieces of at most `room` characters; nothing is left out. */
export function wrapLine(raw: string, room: number): string[] {
  const escaped = esc(raw);
  if (escaped.length <= room) return [escaped];
  const pieces: string[] = [];
  let current = '';
  let cost = 0;
  // By code point, so a surrogate pair stays whole; a backtick counts double because esc may put a
  // zero-width space after it.
  for (const char of raw) {
    const charCost = escapeMrkdwn(char).length + (char === '`' ? 1 : 0);
    if (current !== '' && current !== CONTINUATION && cost + charCost > room) {
      pieces.push(esc(current));
      current = CONTINUATION;
      cost = CONTINUATION.length;
    }
    current += char;
    cost += charCost;
  }
  pieces.push(esc(current));
  return pieces;
}

/** A raw value as inline code; backticks would end it early, so they become a look-alike. */
export function inlineCode(raw: string): string {
  const text = esc(raw).replace(/`/g, 'ˋ');
  return text === '' ? '` `' : `\`${text}\``;
}

const USER_ID = /^[UW][A-Z0-9]{2,30}$/;
const GROUP_ID = /^S[A-Z0-9]{2,30}$/;

/** `<@U123>` for a Slack user id; anything else is shown as text, never as a mention. */
export function userMention(id: string): string {
  return USER_ID.test(id) ? `<@${id}>` : esc(id);
}

export function groupMention(id: string): string {
  return GROUP_ID.test(id) ? `<!subteam^${id}>` : esc(id);
}

/** `<@U1>, <@U2> or members of <!subteam^S1>`: who may approve, for the preview and refusals. */
export function approverList(userIds: readonly string[], groupIds: readonly string[] = []): string {
  const names = [...userIds.map(userMention), ...groupIds.map((id) => `members of ${groupMention(id)}`)];
  if (names.length === 0) return 'nobody (no approvers are configured)';
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

/** A list of mentions: `<@U1>`, `<@U1> and <@U2>`, `<@U1>, <@U2> and <@U3>`. */
export function mentionList(userIds: readonly string[]): string {
  const names = userIds.map(userMention);
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * Slack date formatting: every reader sees their own time zone. The fallback (UTC) is for clients that
 * cannot format dates. An unparsable time is shown as given.
 */
export function slackDate(iso: string, format = '{date_short_pretty} {time}'): string {
  const date = new Date(iso);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return esc(iso);
  return `<!date^${Math.floor(ms / 1000)}^${format}|${utcText(date)}>`;
}

/** `2025-03-01 10:30 UTC`. */
export function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Plain-text fields (header, button, dialog titles) render `<`, `>`, `&` oddly; ours never need them. */
export function plainSafe(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›').replace(/&/g, '+');
}
