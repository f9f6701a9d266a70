/**
 * Block Kit as Slack draws it in a message: header, section (mrkdwn or plain text, fields, an accessory),
 * context, divider, actions, image, rich_text (the common parts) and markdown. A block the sandbox
 * cannot draw says so instead of disappearing.
 */
/* global document */
import { h, fragment, safeUrl } from './dom.js';
import { renderElement, renderText } from './block-elements.js';
import { renderMrkdwn } from './mrkdwn.js';

export function renderBlocks(blocks, context) {
  return fragment(blocks.map((block) => renderBlock(block, context)));
}

function renderBlock(block, context) {
  switch (block.type) {
    case 'header':
      return h('h3', { class: 'bk-header' }, renderText(block.text, context));
    case 'section':
      return section(block, context);
    case 'context':
      return h(
        'div',
        { class: 'bk-context' },
        (block.elements ?? []).map((element) =>
          element.type === 'image' ? image(element, 'bk-context-image') : h('span', {}, renderText(element, context)),
        ),
      );
    case 'divider':
      return h('hr', { class: 'bk-divider' });
    case 'actions':
      return h(
        'div',
        { class: 'bk-actions', role: 'group' },
        (block.elements ?? []).map((element) => renderElement(element, block, context)),
      );
    case 'image':
      return h(
        'figure',
        { class: 'bk-image' },
        image(block),
        block.title ? h('figcaption', {}, renderText(block.title, context)) : '',
      );
    case 'rich_text':
      return h(
        'div',
        { class: 'bk-rich-text' },
        (block.elements ?? []).map((element) => richText(element, context)),
      );
    case 'markdown':
      return h('div', { class: 'bk-section' }, renderMrkdwn(String(block.text ?? ''), context.names));
    default:
      return h('div', { class: 'bk-unsupported' }, `[${block.type} block: not shown in the sandbox]`);
  }
}

function section(block, context) {
  const main = h(
    'div',
    { class: 'bk-section-main' },
    block.text ? h('div', { class: 'bk-text' }, renderText(block.text, context)) : '',
    block.fields
      ? h(
          'div',
          { class: 'bk-fields' },
          block.fields.map((field) => h('div', { class: 'bk-field' }, renderText(field, context))),
        )
      : '',
  );
  const accessory = block.accessory
    ? h(
        'div',
        { class: 'bk-accessory' },
        block.accessory.type === 'image' ? image(block.accessory) : renderElement(block.accessory, block, context),
      )
    : '';
  return h('div', { class: 'bk-section' }, main, accessory);
}

function image(element, className = 'bk-image-img') {
  const src = safeUrl(element.image_url ?? '');
  return src
    ? h('img', { class: className, src, alt: element.alt_text ?? '' })
    : h('span', { class: 'bk-unsupported' }, `[image: ${element.alt_text ?? ''}]`);
}

/** rich_text: sections, preformatted, quotes and lists of styled text runs. */
function richText(element, context) {
  const runs = (element.elements ?? []).map((run) => richRun(run, context));
  switch (element.type) {
    case 'rich_text_preformatted':
      return h('pre', { class: 'mrkdwn-pre' }, runs);
    case 'rich_text_quote':
      return h('blockquote', { class: 'mrkdwn-quote' }, runs);
    case 'rich_text_list':
      return h(
        element.style === 'ordered' ? 'ol' : 'ul',
        {},
        (element.elements ?? []).map((item) => h('li', {}, richText(item, context))),
      );
    default:
      return h('div', {}, runs);
  }
}

function richRun(run, context) {
  if (run.type === 'rich_text_section')
    return h(
      'div',
      {},
      (run.elements ?? []).map((inner) => richRun(inner, context)),
    );
  const href = run.type === 'link' ? safeUrl(run.url ?? '') : undefined;
  const texts = {
    text: run.text,
    link: run.text ?? run.url,
    user: `@${context.names.user(run.user_id) ?? run.user_id}`,
    channel: `#${context.names.channel(run.channel_id) ?? run.channel_id}`,
    emoji: `:${run.name}:`,
  };
  const text = String(texts[run.type] ?? '');
  let node = href
    ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text)
    : document.createTextNode(text);
  const style = run.style ?? {};
  if (style.code) node = h('code', { class: 'mrkdwn-code' }, node);
  if (style.bold) node = h('strong', {}, node);
  if (style.italic) node = h('em', {}, node);
  if (style.strike) node = h('s', {}, node);
  return node;
}
