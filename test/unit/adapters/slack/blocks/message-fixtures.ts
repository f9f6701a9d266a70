/**
 * Fixtures for the message builders: records with defaults, and `show`, which validates a message
 * (every message a test builds goes through the Block Kit validator) and renders it as readable text
 * for inline snapshots.
 */
import type { types } from '@slack/bolt';
import type { BlockMessage } from '../../../../../src/adapters/slack/blocks/block-parts.ts';
import type { Approval, MoveRecord, RequestRecord } from '../../../../../src/domain/workflow/records.ts';
import { checkMessageContent } from '../../../../../src/sandbox/workspace/block-rules.ts';
import { expectValidMessage } from '../../../../support/block-kit-validator.ts';

export const NOW = new Date('2025-03-01T10:05:00.000Z');
export const APPROVERS = '<@U0APPR1>, <@U0APPR2> or members of <!subteam^S0OPS>';
/** A sha256 in hex, as the store keeps it: the buttons carry its first 16 digits. */
export const PLAN_HASH = '0123456789abcdef'.repeat(4);

export function makeRequestRecord(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 'REQ-7',
    kind: 'migrate',
    text: 'vm01 to vsp2',
    requesterId: 'U0REQ',
    channelId: 'C0OPS',
    triggerId: 'trigger-1',
    createdAt: '2025-03-01T10:00:00.000Z',
    expiresAt: '2025-03-01T10:30:00.000Z',
    state: 'pending',
    version: 0,
    previewRevision: 0,
    planJson: '{}',
    planHash: PLAN_HASH,
    dependencyHash: 'dep',
    approvalsRequired: 1,
    approvals: [],
    ...overrides,
  };
}

/** An approval of the plan shown (PLAN_HASH); `moves` is every move of a one-move plan unless given. */
export function makeApproval(overrides: Partial<Approval> = {}): Approval {
  return { userId: 'U0APPR1', at: '2025-03-01T10:02:00.000Z', planHash: PLAN_HASH, moves: [0], ...overrides };
}

export function makeMoveRecord(overrides: Partial<MoveRecord> = {}): MoveRecord {
  return {
    requestId: 'REQ-7',
    index: 0,
    round: 0,
    guest: 'vm01',
    source: 'vsp1',
    target: 'vsp2',
    mode: 'online',
    state: 'queued',
    remoteDir: '/var/tmp/hpvm-chatops/REQ-7/0',
    logOffset: 0,
    ...overrides,
  };
}

/** Validates, then returns the message: for tests that assert on structure rather than a snapshot. */
export function valid<T extends BlockMessage>(message: T): T {
  expectValidMessage(message);
  return message;
}

/** Validates, then renders: one paragraph per block, with the block type and id in brackets. */
export function show(message: BlockMessage): string {
  expectValidMessage(message);
  return render(message);
}

/**
 * For messages with checkboxes (a balancing suggestion), which the strict validator does not know: the
 * strict validator checks every other block, the sandbox's copy of Slack's rules the whole message.
 */
export function validWithCheckboxes<T extends BlockMessage>(message: T): T {
  const isCheckboxes = (block: types.KnownBlock): boolean =>
    block.type === 'actions' && block.elements.some((element) => element.type === 'checkboxes');
  expectValidMessage({ text: message.text, blocks: message.blocks.filter((block) => !isCheckboxes(block)) });
  const slack = checkMessageContent({ text: message.text, blocks: JSON.parse(JSON.stringify(message.blocks)) as [] });
  if (!slack.ok) throw new Error(`Slack would refuse it (${slack.error}):\n${slack.errors.join('\n')}`);
  return message;
}

export function showWithCheckboxes(message: BlockMessage): string {
  return render(validWithCheckboxes(message));
}

function render(message: BlockMessage): string {
  return [`text: ${message.text}`, ...message.blocks.map(showBlock)].join('\n\n');
}

function showBlock(block: types.KnownBlock): string {
  const id = block.block_id === undefined ? '' : ` ${block.block_id}`;
  switch (block.type) {
    case 'header':
      return `[header${id}] ${block.text.text}`;
    case 'section':
      return `[section${id}]\n${block.text?.text ?? ''}`;
    case 'context':
      return `[context${id}] ${block.elements.map((element) => ('text' in element ? element.text : '?')).join(' | ')}`;
    case 'actions':
      return `[actions${id}]\n${block.elements.map(showButton).join('\n')}`;
    case 'divider':
      return `[divider${id}]`;
    default:
      return `[${block.type}${id}]`;
  }
}

function showButton(element: types.ActionsBlockElement): string {
  if (element.type === 'checkboxes') {
    const ticked = new Set((element.initial_options ?? []).map((option) => option.value));
    const options = element.options.map((option) => `  [${ticked.has(option.value) ? 'x' : ' '}] ${option.text.text}`);
    return [`(checkboxes) action_id=${element.action_id ?? ''}`, ...options].join('\n');
  }
  if (element.type !== 'button') return `(${element.type})`;
  const style = element.style === undefined ? '' : ` ${element.style}`;
  const head = `(${element.text.text}${style}) action_id=${element.action_id ?? ''} value=${element.value ?? ''}`;
  const confirm = element.confirm;
  if (confirm === undefined) return head;
  return `${head}\n  confirm: ${confirm.title?.text ?? ''} — ${confirm.text.text} [${confirm.confirm?.text ?? ''} / ${confirm.deny?.text ?? ''}]`;
}
