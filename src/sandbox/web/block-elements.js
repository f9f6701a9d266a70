/**
 * Interactive Block Kit elements: buttons (with their confirm dialogs) and checkboxes. A click or a
 * change goes to the sandbox as the person acting, which sends Slack's block_actions request to the bot.
 */
/* global window */
import { h, safeUrl } from './dom.js';
import { renderMrkdwn, renderPlain } from './mrkdwn.js';

/** `context`: { names, act(ref), confirm(dialog), checkboxValues(blockId, actionId), rememberCheckboxes(…) }. */
export function renderElement(element, block, context) {
  switch (element.type) {
    case 'button':
      return button(element, block, context);
    case 'checkboxes':
      return checkboxes(element, block, context);
    default:
      return h('span', { class: 'bk-unsupported' }, `[${element.type} element: not shown in the sandbox]`);
  }
}

export function renderText(text, context) {
  if (!text || typeof text.text !== 'string') return '';
  return text.type === 'mrkdwn' ? renderMrkdwn(text.text, context.names) : renderPlain(text.text);
}

function button(element, block, context) {
  const key = `${block.block_id}/${element.action_id}`;
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  const node = h(
    'button',
    { type: 'button', class: `bk-button${style}`, dataset: { focusKey: key, actionId: element.action_id } },
    renderText(element.text, context),
  );
  node.addEventListener('click', async () => {
    if (element.confirm && !(await context.confirm(element.confirm))) return;
    const url = typeof element.url === 'string' ? safeUrl(element.url) : undefined;
    if (url) window.open(url, '_blank', 'noopener,noreferrer');
    // Like Slack's client: the button is busy until the app has acknowledged the click.
    node.disabled = true;
    node.setAttribute('aria-busy', 'true');
    try {
      await context.act({ type: 'button', blockId: block.block_id, actionId: element.action_id });
    } finally {
      node.disabled = false;
      node.removeAttribute('aria-busy');
    }
  });
  return node;
}

function checkboxes(element, block, context) {
  const options = Array.isArray(element.options) ? element.options : [];
  const initial = (element.initial_options ?? []).map((option) => option.value);
  const chosen = new Set(context.checkboxValues(block.block_id, element.action_id) ?? initial);
  const group = h('fieldset', { class: 'bk-checkboxes' });
  const inputs = options.map((option, index) => {
    const id = `cb-${block.block_id}-${element.action_id}-${index}`.replace(/[^\w-]/g, '_');
    const input = h('input', { type: 'checkbox', id, value: option.value, dataset: { focusKey: id } });
    input.checked = chosen.has(option.value);
    group.append(
      h(
        'div',
        { class: 'bk-checkbox' },
        input,
        h(
          'label',
          { for: id },
          renderText(option.text, context),
          option.description
            ? h('span', { class: 'bk-option-description' }, renderText(option.description, context))
            : '',
        ),
      ),
    );
    return input;
  });
  group.addEventListener('change', () => {
    const selected = inputs.filter((input) => input.checked).map((input) => input.value);
    context.rememberCheckboxes(block.block_id, element.action_id, selected);
    void context.act({ type: 'checkboxes', blockId: block.block_id, actionId: element.action_id, selected });
  });
  return group;
}
