/**
 * Slack's checks on a message's content, with Slack's error codes: `no_text` (neither text nor blocks),
 * `invalid_blocks_format` (blocks not an array), `invalid_blocks` (a Block Kit limit broken). Problems are
 * phrased like Slack's `errors` entries, with a json-pointer. Limits: docs/slack-platform.md, "Block Kit limits".
 */
import { isObject, type JsonObject } from './message-store.ts';

export type ContentError = 'no_text' | 'invalid_blocks_format' | 'invalid_blocks';

export type ContentCheck =
  | { readonly ok: true; readonly blocks: JsonObject[] | undefined }
  | { readonly ok: false; readonly error: ContentError; readonly errors: string[] };

const MAX_BLOCKS = 50;
const MESSAGE_BLOCK_TYPES = new Set([
  'section',
  'divider',
  'header',
  'context',
  'actions',
  'image',
  'rich_text',
  'markdown',
  'file',
  'video',
  'input',
]);

/**
 * The same rule serves chat.update: there an omitted text or blocks keeps the old one, but at least one of
 * them must be given, and `blocks: []` (remove the blocks) needs a text.
 */
export function checkMessageContent(args: JsonObject): ContentCheck {
  const hasText = typeof args.text === 'string' && args.text.length > 0;
  if (args.blocks === undefined) {
    return hasText ? { ok: true, blocks: undefined } : fail('no_text', ['no text or blocks provided']);
  }
  if (!Array.isArray(args.blocks))
    return fail('invalid_blocks_format', ['blocks must be a JSON array [json-pointer:/blocks]']);
  const blocks = args.blocks as unknown[];
  if (blocks.length === 0 && !hasText) return fail('no_text', ['no text or blocks provided']);
  const problems: string[] = [];
  if (blocks.length > MAX_BLOCKS) problems.push(`must be no more than ${MAX_BLOCKS} items [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => checkBlock(block, `/blocks/${index}`, blockIds, problems));
  return problems.length > 0 ? fail('invalid_blocks', problems) : { ok: true, blocks: blocks as JsonObject[] };
}

function fail(error: ContentError, errors: string[]): ContentCheck {
  return { ok: false, error, errors };
}

function checkBlock(block: unknown, at: string, blockIds: Set<string>, problems: string[]): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    problems.push(`missing required field: type [json-pointer:${at}]`);
    return;
  }
  if (!MESSAGE_BLOCK_TYPES.has(block.type)) problems.push(`unsupported type: ${block.type} [json-pointer:${at}/type]`);
  if (block.block_id !== undefined) {
    if (typeof block.block_id !== 'string' || block.block_id.length > 255) {
      problems.push(`must be a string of at most 255 characters [json-pointer:${at}/block_id]`);
    } else if (blockIds.has(block.block_id)) {
      problems.push(`duplicate block_id: ${block.block_id} [json-pointer:${at}/block_id]`);
    } else blockIds.add(block.block_id);
  }
  switch (block.type) {
    case 'section':
      return checkSection(block, at, problems);
    case 'header':
      return checkText(block.text, `${at}/text`, { max: 150, plainOnly: true }, problems);
    case 'context':
      checkList(block.elements, `${at}/elements`, 10, problems);
      return;
    case 'actions':
      return checkActions(block, at, problems);
    case 'markdown':
      if (typeof block.text !== 'string' || block.text.length > 12_000) {
        problems.push(`must be a string of at most 12000 characters [json-pointer:${at}/text]`);
      }
      return;
    default:
      return;
  }
}

function checkSection(block: JsonObject, at: string, problems: string[]): void {
  if (block.text === undefined && block.fields === undefined) {
    problems.push(`must provide either text or fields [json-pointer:${at}]`);
  }
  if (block.text !== undefined) checkText(block.text, `${at}/text`, { max: 3000 }, problems);
  if (block.fields !== undefined && checkList(block.fields, `${at}/fields`, 10, problems)) {
    (block.fields as unknown[]).forEach((field, i) => checkText(field, `${at}/fields/${i}`, { max: 2000 }, problems));
  }
  if (isObject(block.accessory)) checkElement(block.accessory, `${at}/accessory`, problems);
}

function checkActions(block: JsonObject, at: string, problems: string[]): void {
  if (!checkList(block.elements, `${at}/elements`, 25, problems)) return;
  const actionIds = new Set<string>();
  (block.elements as unknown[]).forEach((element, i) => {
    if (!isObject(element)) return;
    const where = `${at}/elements/${i}`;
    if (typeof element.action_id === 'string') {
      if (actionIds.has(element.action_id))
        problems.push(`duplicate action_id: ${element.action_id} [json-pointer:${where}/action_id]`);
      actionIds.add(element.action_id);
    }
    checkElement(element, where, problems);
  });
}

function checkElement(element: JsonObject, at: string, problems: string[]): void {
  if (element.type === 'button') checkButton(element, at, problems);
  if (element.type === 'checkboxes') checkCheckboxes(element, at, problems);
}

/** Checkboxes: 1–10 options with unique values; initial_options must be among them. */
function checkCheckboxes(element: JsonObject, at: string, problems: string[]): void {
  if (!checkList(element.options, `${at}/options`, 10, problems)) return;
  const values = new Set<string>();
  (element.options as unknown[]).forEach((option, i) => {
    const where = `${at}/options/${i}`;
    if (!isObject(option)) return void problems.push(`must be an option object [json-pointer:${where}]`);
    checkText(option.text, `${where}/text`, { max: 75 }, problems);
    if (typeof option.value !== 'string' || option.value.length === 0 || option.value.length > 150) {
      problems.push(`must be a string of 1 to 150 characters [json-pointer:${where}/value]`);
    } else if (values.has(option.value)) problems.push(`duplicate option value [json-pointer:${where}/value]`);
    else values.add(option.value);
  });
  if (element.initial_options === undefined) return;
  const initial = Array.isArray(element.initial_options) ? (element.initial_options as unknown[]) : [];
  initial.forEach((option, i) => {
    if (!isObject(option) || typeof option.value !== 'string' || !values.has(option.value)) {
      problems.push(`must match one of the options [json-pointer:${at}/initial_options/${i}]`);
    }
  });
}

function checkButton(button: JsonObject, at: string, problems: string[]): void {
  checkText(button.text, `${at}/text`, { max: 75, plainOnly: true }, problems);
  if (button.value !== undefined && (typeof button.value !== 'string' || button.value.length > 2000)) {
    problems.push(`must be a string of at most 2000 characters [json-pointer:${at}/value]`);
  }
  if (button.action_id !== undefined && (typeof button.action_id !== 'string' || button.action_id.length > 255)) {
    problems.push(`must be a string of at most 255 characters [json-pointer:${at}/action_id]`);
  }
  if (button.style !== undefined && button.style !== 'primary' && button.style !== 'danger') {
    problems.push(`must be one of primary, danger [json-pointer:${at}/style]`);
  }
}

function checkList(list: unknown, at: string, max: number, problems: string[]): boolean {
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(`must be a non-empty array [json-pointer:${at}]`);
    return false;
  }
  if (list.length > max) {
    problems.push(`must be no more than ${max} items [json-pointer:${at}]`);
    return false;
  }
  return true;
}

function checkText(text: unknown, at: string, rule: { max: number; plainOnly?: boolean }, problems: string[]): void {
  if (!isObject(text) || typeof text.text !== 'string') {
    problems.push(`must be a text object [json-pointer:${at}]`);
    return;
  }
  const allowed = rule.plainOnly === true ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof text.type !== 'string' || !allowed.includes(text.type)) {
    problems.push(`must be one of ${allowed.join(', ')} [json-pointer:${at}/type]`);
  }
  if (text.text.length === 0) problems.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  if (text.text.length > rule.max)
    problems.push(`must be less than ${rule.max + 1} characters [json-pointer:${at}/text]`);
}
