/**
 * The thread pane beside the channel: the parent message and its replies (the viewer's ephemeral replies
 * included), kept live. Escape or the close button closes it and puts the focus back on the replies link.
 */
/* global document, CSS */
import { createMessageList } from './message-list.js';

export function createThreadView(aside, view, state) {
  const list = createMessageList(aside.querySelector('[data-part="list"]'), view, { inThread: true });
  const scroller = aside.querySelector('[data-part="scroller"]');
  const closeButton = aside.querySelector('[data-part="close"]');
  let parentTs = null;

  closeButton.addEventListener('click', () => close());
  aside.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close();
  });

  function open(ts) {
    if (parentTs !== ts) list.clear();
    parentTs = ts;
    aside.hidden = false;
    document.body.classList.add('thread-open');
    markParent();
    refresh();
    scroller.scrollTop = scroller.scrollHeight;
    closeButton.focus();
  }

  function close() {
    if (parentTs === null) return;
    const ts = parentTs;
    parentTs = null;
    aside.hidden = true;
    list.clear();
    document.body.classList.remove('thread-open');
    markParent();
    document.querySelector(`[data-focus-key="replies/${CSS.escape(ts)}"]`)?.focus();
  }

  function refresh() {
    if (parentTs === null) return;
    const parent = state.message(parentTs);
    if (parent === undefined || parent.deleted) return close();
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
    list.sync([parent, ...state.replies(parentTs)]);
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
    markParent();
  }

  /** The channel shows which message's thread is open. */
  function markParent() {
    for (const node of document.querySelectorAll('.timeline .message.thread-parent'))
      node.classList.remove('thread-parent');
    if (parentTs === null) return;
    document
      .querySelector(`.timeline [data-focus-key="message/${CSS.escape(parentTs)}"]`)
      ?.classList.add('thread-parent');
  }

  return {
    open,
    close,
    refresh,
    get isOpen() {
      return parentTs !== null;
    },
  };
}
