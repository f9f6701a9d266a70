/**
 * A small, strict Block Kit validator for the blocks this bot builds (section, header, context, actions
 * with buttons, divider): required fields, Slack's limits (reference/slack.md §3.3, §5.3), unique ids,
 * no unknown keys — and the escaping rules: no raw `<`, `>` or `&` in mrkdwn except the mentions, dates,
 * channels and links we build on purpose, so `<!channel>` typed by a user can never reach Slack raw.
 * The numbers are written here again on purpose: a wrong constant in limits.ts must fail a test.
 */

interface Limits {
  readonly blocks: number;
  readonly messageText: number;
}

const LIMITS: Limits = { blocks: 50, messageText: 4000 };

type Json = Record<string, unknown>;

/** Every problem of a message, as `path: what` lines; empty when valid. */
export function blockKitProblems(message: { readonly text: string; readonly blocks?: readonly object[] }): string[] {
  const problems: string[] = [];
  const report = (path: string, what: string): void => {
    problems.push(`${path}: ${what}`);
  };
  if (typeof message.text !== 'string' || message.text.trim() === '') report('text', 'fallback text is required');
  else {
    if (message.text.length > LIMITS.messageText) report('text', `longer than ${LIMITS.messageText}`);
    checkMarkup('text', message.text, report);
  }
  const blocks = message.blocks ?? [];
  if (blocks.length > LIMITS.blocks) report('blocks', `${blocks.length} blocks, at most ${LIMITS.blocks}`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const path = `blocks[${index}]`;
    if (!isObject(block)) return report(path, 'not an object');
    const blockId = block['block_id'];
    if (blockId !== undefined) {
      if (typeof blockId !== 'string' || blockId === '' || blockId.length > 255) report(path, 'bad block_id');
      else if (blockIds.has(blockId)) report(path, `duplicate block_id ${blockId}`);
      else blockIds.add(blockId);
    }
    checkBlock(path, block, report);
  });
  return problems;
}

/** Throws with every problem listed, so a test failure says what is wrong with the message. */
export function expectValidMessage(message: { readonly text: string; readonly blocks?: readonly object[] }): void {
  const problems = blockKitProblems(message);
  if (problems.length > 0) throw new Error(`invalid Block Kit message:\n${problems.join('\n')}`);
}

type Report = (path: string, what: string) => void;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(path: string, object: Json, allowed: readonly string[], report: Report): void {
  for (const key of Object.keys(object)) if (!allowed.includes(key)) report(path, `unknown key ${key}`);
}

function checkBlock(path: string, block: Json, report: Report): void {
  switch (block['type']) {
    case 'section': {
      onlyKeys(path, block, ['type', 'block_id', 'text', 'fields'], report);
      if (block['text'] === undefined && block['fields'] === undefined) report(path, 'section needs text or fields');
      if (block['text'] !== undefined) checkText(`${path}.text`, block['text'], 3000, 'any', report);
      const fields = block['fields'];
      if (fields !== undefined) {
        if (!Array.isArray(fields) || fields.length === 0 || fields.length > 10) report(path, 'fields: 1 to 10');
        else fields.forEach((field, i) => checkText(`${path}.fields[${i}]`, field, 2000, 'any', report));
      }
      return;
    }
    case 'header':
      onlyKeys(path, block, ['type', 'block_id', 'text'], report);
      return checkText(`${path}.text`, block['text'], 150, 'plain_text', report);
    case 'context': {
      onlyKeys(path, block, ['type', 'block_id', 'elements'], report);
      const elements = block['elements'];
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10)
        return report(path, 'context: 1 to 10 elements');
      elements.forEach((element, i) => checkText(`${path}.elements[${i}]`, element, 3000, 'any', report));
      return;
    }
    case 'actions':
      return checkActions(path, block, report);
    case 'divider':
      return onlyKeys(path, block, ['type', 'block_id'], report);
    default:
      return report(path, `unexpected block type ${String(block['type'])}`);
  }
}

function checkActions(path: string, block: Json, report: Report): void {
  onlyKeys(path, block, ['type', 'block_id', 'elements'], report);
  const elements = block['elements'];
  if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25)
    return report(path, 'actions: 1 to 25 elements');
  const actionIds = new Set<string>();
  elements.forEach((element: unknown, i) => {
    const at = `${path}.elements[${i}]`;
    if (!isObject(element) || element['type'] !== 'button') return report(at, 'only buttons are expected');
    onlyKeys(at, element, ['type', 'action_id', 'text', 'value', 'style', 'confirm'], report);
    const actionId = element['action_id'];
    if (typeof actionId !== 'string' || actionId === '' || actionId.length > 255) report(at, 'bad action_id');
    else if (actionIds.has(actionId)) report(at, `duplicate action_id ${actionId}`);
    else actionIds.add(actionId);
    checkText(`${at}.text`, element['text'], 75, 'plain_text', report);
    const value = element['value'];
    if (value !== undefined && (typeof value !== 'string' || value.length > 2000)) report(at, 'bad value');
    const style = element['style'];
    if (style !== undefined && style !== 'primary' && style !== 'danger') report(at, 'bad style');
    if (element['confirm'] !== undefined) checkConfirm(`${at}.confirm`, element['confirm'], report);
  });
}

function checkConfirm(path: string, confirm: unknown, report: Report): void {
  if (!isObject(confirm)) return report(path, 'not an object');
  onlyKeys(path, confirm, ['title', 'text', 'confirm', 'deny', 'style'], report);
  checkText(`${path}.title`, confirm['title'], 100, 'plain_text', report);
  checkText(`${path}.text`, confirm['text'], 300, 'any', report);
  checkText(`${path}.confirm`, confirm['confirm'], 30, 'plain_text', report);
  checkText(`${path}.deny`, confirm['deny'], 30, 'plain_text', report);
  const style = confirm['style'];
  if (style !== undefined && style !== 'primary' && style !== 'danger') report(path, 'bad style');
}

function checkText(path: string, value: unknown, max: number, kind: 'any' | 'plain_text', report: Report): void {
  if (!isObject(value)) return report(path, 'text object required');
  const type = value['type'];
  if (type !== 'plain_text' && (kind === 'plain_text' || type !== 'mrkdwn'))
    return report(path, `type ${String(type)} not allowed here`);
  onlyKeys(path, value, type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'], report);
  const text = value['text'];
  if (typeof text !== 'string' || text.length === 0) return report(path, 'text must be a non-empty string');
  if (text.length > max) report(path, `${text.length} characters, at most ${max}`);
  if (type === 'plain_text' && /[<>&]/.test(text)) report(path, 'plain_text with <, > or &');
  if (type === 'mrkdwn') checkMarkup(path, text, report);
}

/** The `<…>` tokens we build on purpose; everything else must arrive escaped. */
const ALLOWED_TOKEN =
  /<(?:@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|#[CG][A-Z0-9]+|!date\^\d+\^[^|<>]+\|[^<>]+|https:\/\/[^\s<>|]+\|[^<>]+)>/g;

function checkMarkup(path: string, text: string, report: Report): void {
  const rest = text.replace(ALLOWED_TOKEN, '');
  if (/[<>]/.test(rest))
    report(path, `raw < or > outside a mention/date/link: ${JSON.stringify(excerpt(rest, /[<>]/))}`);
  if (/&(?!amp;|lt;|gt;)/.test(rest)) report(path, `raw & : ${JSON.stringify(excerpt(rest, /&(?!amp;|lt;|gt;)/))}`);
  if ((text.split('```').length - 1) % 2 !== 0) report(path, 'unbalanced ``` fence');
}

function excerpt(text: string, pattern: RegExp): string {
  const at = text.search(pattern);
  return text.slice(Math.max(0, at - 30), at + 30);
}
