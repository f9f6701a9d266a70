/**
 * Fixtures for the message builders: records with defaults, and `show`, which validates a message
 * (every message a test builds goes through the Block Kit validator) and renders it as readable text
 * for inline snapshots.
 */
import type { types } from '@slack/bolt';
import type { BlockMessage } from '../../../../../src/adapters/slack/blocks/block-parts.ts';
import type { MoveRecord, RequestRecord } from '../../../../../src/domain/workflow/records.ts';
import { expectValidMessage } from '../../../../support/block-kit-validator.ts';

export const NOW = new Date('2025-03-01T10:05:00.000Z');
export const APPROVERS = '<@U0APPR1>, <@U0APPR2> or members of <!subteam^S0OPS>';

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
    planJson: '{}',
    planHash: 'hash',
    dependencyHash: 'dep',
    approvalsRequired: 1,
    approvals: [],
    ...overrides,
  };
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
  if (element.type !== 'button') return `(${element.type})`;
  const style = element.style === undefined ? '' : ` ${element.style}`;
  const head = `(${element.text.text}${style}) action_id=${element.action_id ?? ''} value=${element.value ?? ''}`;
  const confirm = element.confirm;
  if (confirm === undefined) return head;
  return `${head}\n  confirm: ${confirm.title?.text ?? ''} — ${confirm.text.text} [${confirm.confirm?.text ?? ''} / ${confirm.deny?.text ?? ''}]`;
}
