/**
 * Block constructors that apply the limits on the way in, and `message`, the last line of defence that
 * keeps every builder's output under 50 blocks — saying so when it had to cut.
 */
import type { types } from '@slack/bolt';
import type { ChatMessage, PreviewMessage } from '../../../ports.ts';
import { clip, LIMITS, pack } from './limits.ts';
import { plainSafe } from './mrkdwn.ts';

export type Block = types.KnownBlock;

/** A ChatMessage whose blocks are typed, so tests and the lead can look inside. */
export interface BlockMessage extends ChatMessage {
  readonly text: string;
  readonly blocks: Block[];
}

/** A preview or balancing suggestion, saying whether it shows every command line that would run. */
export interface BlockPreview extends BlockMessage, PreviewMessage {
  readonly blocks: Block[];
}

export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: text === '' ? ' ' : text };
}

export function plain(text: string, max: number = LIMITS.sectionText): types.PlainTextElement {
  const safe = clip(plainSafe(text), max);
  return { type: 'plain_text', text: safe === '' ? ' ' : safe };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function section(text: string, blockId?: string): types.SectionBlock {
  const block: types.SectionBlock = { type: 'section', text: mrkdwn(clip(text, LIMITS.sectionText)) };
  return blockId === undefined ? block : { ...block, block_id: clip(blockId, LIMITS.blockId) };
}

/** Chunks packed into as few sections as the 3000-character limit allows. */
export function sections(chunks: readonly string[]): types.SectionBlock[] {
  return pack(chunks).map((text) => section(text));
}

/** Up to ten mrkdwn elements; more are joined into the last one rather than dropped. */
export function context(texts: readonly string[], blockId?: string): types.ContextBlock {
  const present = texts.filter((text) => text !== '');
  const kept =
    present.length <= LIMITS.contextElements
      ? present
      : [...present.slice(0, LIMITS.contextElements - 1), present.slice(LIMITS.contextElements - 1).join(' · ')];
  const elements = (kept.length > 0 ? kept : [' ']).map((text) => mrkdwn(clip(text, LIMITS.contextText)));
  const block: types.ContextBlock = { type: 'context', elements };
  return blockId === undefined ? block : { ...block, block_id: clip(blockId, LIMITS.blockId) };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

export interface ConfirmSpec {
  readonly title: string;
  /** mrkdwn, already escaped. */
  readonly text: string;
  readonly confirm: string;
  readonly deny: string;
  readonly style?: 'primary' | 'danger';
}

export interface ButtonSpec {
  readonly actionId: string;
  readonly text: string;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  readonly confirm?: ConfirmSpec;
}

export function button(spec: ButtonSpec): types.Button {
  const element: types.Button = {
    type: 'button',
    action_id: clip(spec.actionId, LIMITS.actionId),
    text: plain(spec.text, LIMITS.buttonText),
    value: clip(spec.value, LIMITS.buttonValue),
  };
  if (spec.style !== undefined) element.style = spec.style;
  if (spec.confirm !== undefined) element.confirm = confirmDialog(spec.confirm);
  return element;
}

function confirmDialog(spec: ConfirmSpec): types.ConfirmationDialog {
  const dialog: types.ConfirmationDialog = {
    title: plain(spec.title, LIMITS.confirmTitle),
    text: mrkdwn(clip(spec.text, LIMITS.confirmText)),
    confirm: plain(spec.confirm, LIMITS.confirmButton),
    deny: plain(spec.deny, LIMITS.confirmButton),
  };
  if (spec.style !== undefined) dialog.style = spec.style;
  return dialog;
}

export function actions(blockId: string, elements: readonly types.Button[]): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: clip(blockId, LIMITS.blockId),
    elements: elements.slice(0, LIMITS.actionsElements),
  };
}

/**
 * Every `text` string in the blocks, added up: what counts against LIMITS.messageBlocksText (the text of
 * sections, headers, context elements, buttons and their confirm dialogs, checkbox options).
 */
export function blocksTextLength(blocks: readonly object[]): number {
  let total = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (typeof value === 'object' && value !== null)
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') total += inner.length;
        else visit(inner);
      }
  };
  visit(blocks);
  return total;
}

/**
 * The message as sent: fallback text clipped, and at most 50 blocks. Builders budget their blocks, so
 * the cut below is a safety net; when it happens the trailing actions block (the buttons) is kept and a
 * notice says what was left out.
 */
export function message(text: string, blocks: readonly Block[]): BlockMessage {
  const fallback = clip(text, LIMITS.messageText);
  if (blocks.length <= LIMITS.blocksPerMessage) return { text: fallback, blocks: [...blocks] };
  const last = blocks.at(-1);
  const keepLast = last?.type === 'actions';
  const room = LIMITS.blocksPerMessage - 1 - (keepLast ? 1 : 0);
  const notice = section(
    `_${blocks.length - room - (keepLast ? 1 : 0)} more blocks left out: Slack shows at most ${LIMITS.blocksPerMessage} per message._`,
  );
  return {
    text: fallback,
    blocks: [...blocks.slice(0, room), notice, ...(keepLast && last !== undefined ? [last] : [])],
  };
}
