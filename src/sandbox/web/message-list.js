/**
 * A list of messages kept in step with the state: only items whose revision changed are drawn again,
 * new ones are put in order, and a redraw keeps the keyboard focus where it was (the same button, or the
 * message itself when the button is gone — e.g. Approve after the approval).
 */
/* global document, HTMLElement */
import { renderMessage } from './message-view.js';

export function createMessageList(list, view, { inThread = false } = {}) {
  const nodes = new Map();

  function draw(item) {
    return renderMessage(item, view, { ephemeral: item.ephemeral === true, inThread });
  }

  /** `items`: messages in order; `versionOf(item)` changes whenever the drawing would. */
  function sync(items, versionOf = (item) => item.revision) {
    const wanted = new Set(items.map(keyOf));
    for (const [key, entry] of nodes) {
      if (wanted.has(key)) continue;
      entry.node.remove();
      nodes.delete(key);
    }
    let previous = null;
    for (const item of items) {
      const key = keyOf(item);
      const version = versionOf(item);
      let entry = nodes.get(key);
      if (entry === undefined || entry.version !== version) {
        const node = draw(item);
        if (entry !== undefined) replaceKeepingFocus(entry.node, node);
        entry = { node, version };
        nodes.set(key, entry);
      }
      const expected = previous === null ? list.firstElementChild : previous.nextElementSibling;
      if (entry.node !== expected) list.insertBefore(entry.node, expected);
      previous = entry.node;
    }
  }

  function clear() {
    nodes.clear();
    list.replaceChildren();
  }

  return { sync, clear };
}

function keyOf(item) {
  return `${item.ephemeral ? 'e' : 'm'}:${item.ts}`;
}

function replaceKeepingFocus(oldNode, newNode) {
  const active = document.activeElement;
  const key =
    active instanceof HTMLElement && oldNode.contains(active)
      ? active.closest('[data-focus-key]')?.dataset.focusKey
      : undefined;
  oldNode.replaceWith(newNode);
  if (key === undefined) return;
  const same = [...newNode.querySelectorAll('[data-focus-key]')].find((node) => node.dataset.focusKey === key);
  (same ?? newNode).focus({ preventScroll: true });
}
