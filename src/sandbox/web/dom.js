/**
 * Element builder for the page. Text always goes in as text nodes, never as HTML, so nothing a message
 * says can become markup: there is no innerHTML anywhere in the page.
 */
/* global document, URL */

/** `h('button', { class: 'x', onClick: fn, 'aria-label': 'Close' }, 'text', child)`. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (/^on[A-Z]/.test(key)) element.addEventListener(key.slice(2).toLowerCase(), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return parent;
}

export function fragment(...children) {
  return append(document.createDocumentFragment(), children);
}

/** Only web and mail links become links; anything else (javascript:, data:, …) stays text. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Slack's text entities: the only three it escapes. */
export function decodeEntities(text) {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** `1795641735.315000` → a Date. */
export function tsDate(ts) {
  return new Date(Number(ts.split('.')[0]) * 1000);
}

export function clockTime(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
