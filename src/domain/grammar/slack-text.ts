/**
 * Slack's text conventions for slash commands (docs/slack-platform.md, "Slash commands"): `&`, `<`, `>` arrive escaped,
 * and text Slack recognised as a link arrives wrapped in `<url|label>` markup. Pure string functions.
 */

const ENTITY = /&(amp|lt|gt);/g;
const ENTITY_TEXT: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/**
 * Undo Slack's escaping of `&`, `<`, `>`. One pass, so `&amp;lt;` becomes the literal `&lt;` the user
 * typed and not `<`.
 */
export function unescapeSlackText(s: string): string {
  return s.replace(ENTITY, (_match, name: string) => ENTITY_TEXT[name] ?? '');
}

/*
 * Only the link kinds Slack creates from typed text (web addresses and e-mail addresses). Mentions
 * (`<@U123>`, `<!channel>`, `<#C1|x>`) are left alone on purpose: they are not names, and the name
 * check reports them. The target has no whitespace; the label may.
 */
const LINK = /<((?:https?:\/\/|mailto:)[^<>|\s]*)(?:\|([^<>]*))?>/gi;
const SCHEME = /^(?:https?:\/\/|mailto:)/i;

/**
 * `<http://vsp2.example|vsp2.example>` → `vsp2.example`; `<http://vsp2.example/>` → `vsp2.example`
 * (scheme and trailing slash dropped); `<mailto:a@b|a@b>` → `a@b`.
 */
export function unwrapSlackLinks(s: string): string {
  return s.replace(LINK, (_match, target: string, label: string | undefined) => {
    if (label !== undefined && label !== '') return label;
    return target.replace(SCHEME, '').replace(/\/+$/, '');
  });
}

/** Escape user text before echoing it into mrkdwn, so `<!channel>` or `<@U123>` cannot ping anyone. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * At most `max` code points, the last one `…` when something was cut. Counts code points, not UTF-16
 * units, so a surrogate pair is never split into two broken halves.
 */
export function truncateForEcho(s: string, max: number): string {
  if (!(max >= 1)) return '';
  if (s.length <= max) return s;
  // Look at a bounded prefix only: echoing must stay cheap for megabyte inputs.
  const window = 2 * Math.floor(max) + 2;
  const points = Array.from(s.length > window ? s.slice(0, window) : s);
  if (s.length <= window && points.length <= max) return s;
  return `${points.slice(0, Math.floor(max) - 1).join('')}…`;
}
