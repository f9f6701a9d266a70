/**
 * Slack's mrkdwn as DOM nodes: ``` blocks, `code`, *bold*, _italic_, ~strike~, > quotes, <@U…> mentions
 * by display name, <!subteam^…>, <!here>, <#C…|name>, <!date^…|fallback>, links. Text arrives with
 * `&`, `<`, `>` escaped as entities (only the special tokens use raw `<…>`); it is decoded into text
 * nodes, so message text can never become markup.
 */
/* global document */
import { decodeEntities, fragment, h, safeUrl } from './dom.js';
import { formatSlackDate } from './slack-dates.js';

const FENCE = /```([\s\S]*?)```/g;
const FORMATS = { '*': 'strong', _: 'em', '~': 's' };

/** `names` resolves ids for display: { user(id), group(id), channel(id) } → name or undefined. */
export function renderMrkdwn(text, names) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(FENCE)) {
    parts.push(...renderLines(text.slice(last, match.index), names));
    parts.push(h('pre', { class: 'mrkdwn-pre' }, decodeEntities(match[1].replace(/^\n/, '').replace(/\n$/, ''))));
    last = match.index + match[0].length;
  }
  parts.push(...renderLines(text.slice(last), names));
  return fragment(parts);
}

/** Plain text fields: entities decoded, nothing else interpreted. */
export function renderPlain(text) {
  return document.createTextNode(decodeEntities(text));
}

/** Lines starting with `>` (sent as `&gt;`) form quotes; other lines keep their breaks. */
function renderLines(text, names) {
  if (text === '') return [];
  const nodes = [];
  let quote = [];
  const flushQuote = () => {
    if (quote.length === 0) return;
    nodes.push(h('blockquote', { class: 'mrkdwn-quote' }, inline(quote.join('\n'), names)));
    quote = [];
  };
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const quoted = /^&gt;\s?(.*)$/.exec(line);
    if (quoted) return void quote.push(quoted[1]);
    flushQuote();
    nodes.push(...inline(line, names));
    if (index < lines.length - 1) nodes.push('\n');
  });
  flushQuote();
  return nodes;
}

function inline(text, names) {
  const nodes = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') nodes.push(decodeEntities(plain));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const end = c === '`' ? closeCode(text, i) : c === '<' ? text.indexOf('>', i + 1) : closeFormat(text, i);
    if (end > i) {
      flush();
      const inner = text.slice(i + 1, end);
      if (c === '`') nodes.push(h('code', { class: 'mrkdwn-code' }, decodeEntities(inner)));
      else if (c === '<') nodes.push(special(inner, names));
      else nodes.push(h(FORMATS[c], {}, inline(inner, names)));
      i = end + 1;
      continue;
    }
    plain += c;
    i += 1;
  }
  flush();
  return nodes;
}

function closeCode(text, start) {
  const end = text.indexOf('`', start + 1);
  return end > start + 1 && !text.slice(start, end).includes('\n') ? end : -1;
}

/** A delimiter opens after a non-word character and closes before one, around non-blank text. */
function closeFormat(text, start) {
  const mark = text[start];
  if (!(mark in FORMATS) || isWord(text[start - 1]) || /\s/.test(text[start + 1] ?? ' ')) return -1;
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return -1;
    if (c === '<' || c === '`') {
      const skip = c === '<' ? text.indexOf('>', j + 1) : closeCode(text, j);
      if (skip > j) j = skip;
      continue;
    }
    if (c === mark && j > start + 1 && !/\s/.test(text[j - 1]) && !isWord(text[j + 1])) return j;
  }
  return -1;
}

function isWord(c) {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** The inside of `<…>`. */
function special(token, names) {
  const [target, label] = splitOnce(token, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return h('span', { class: 'mention', dataset: { user: id } }, `@${names.user(id) ?? label ?? id}`);
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return h('span', { class: 'mention' }, `#${names.channel(id) ?? label ?? id}`);
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    return h('span', { class: 'mention' }, names.group(id) ?? decodeEntities(label ?? `@${id}`));
  }
  if (target.startsWith('!date^')) {
    const [, seconds = '', format = '', link] = target.split('^');
    const text = formatSlackDate(seconds, format, decodeEntities(label ?? ''));
    const href = link === undefined ? undefined : safeUrl(decodeEntities(link));
    return href ? externalLink(href, text) : h('time', { datetime: isoOf(seconds) }, text);
  }
  if (['!here', '!channel', '!everyone'].includes(target)) {
    return h('span', { class: 'mention broadcast' }, `@${target.slice(1)}`);
  }
  const href = safeUrl(decodeEntities(target));
  if (href) return externalLink(href, decodeEntities(label ?? target));
  return decodeEntities(label ?? `<${token}>`);
}

function externalLink(href, text) {
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

function isoOf(seconds) {
  const date = new Date(Number(seconds) * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
