import { describe, expect, it } from 'vitest';
import {
  actionsBlockId,
  cancelButtonValue,
  decisionButtonValue,
  parseActionBlockId,
  parseButtonValue,
  parseSelectBlockId,
  selectBlockId,
  statusBlockId,
} from '../../../../../src/adapters/slack/blocks/block-ids.ts';
import { PLAN_HASH } from './message-fixtures.ts';

describe('formatting', () => {
  it('writes the revision into every block id and the plan hash prefix into the decision buttons', () => {
    expect([
      actionsBlockId('REQ-7', 3),
      selectBlockId('REQ-7', 3, 1),
      statusBlockId('REQ-7', 3),
      decisionButtonValue({ id: 'REQ-7', planHash: PLAN_HASH }),
      cancelButtonValue('REQ-7'),
    ]).toEqual(['req:REQ-7:v3', 'sel:REQ-7:v3:1', 'status:REQ-7:v3', 'REQ-7@0123456789abcdef', 'REQ-7']);
  });

  it('reads back what it wrote', () => {
    expect(parseActionBlockId(actionsBlockId('REQ-12', 40))).toEqual({ requestId: 'REQ-12', revision: 40 });
    expect(parseSelectBlockId(selectBlockId('REQ-12', 40, 2))).toEqual({ requestId: 'REQ-12', revision: 40, group: 2 });
    expect(parseButtonValue(decisionButtonValue({ id: 'REQ-12', planHash: PLAN_HASH }))).toEqual({
      requestId: 'REQ-12',
      planHashPrefix: '0123456789abcdef',
    });
    expect(parseButtonValue(cancelButtonValue('REQ-12'))).toEqual({ requestId: 'REQ-12' });
  });
});

describe('parseActionBlockId', () => {
  it.each([
    ['req:REQ-7:v0', { requestId: 'REQ-7', revision: 0 }],
    ['req:REQ-7:v12', { requestId: 'REQ-7', revision: 12 }],
    ['req:REQ-7:v01', undefined],
    ['req:REQ-7:v-1', undefined],
    ['req:REQ-7:v', undefined],
    ['req:REQ-7:v9999999999', undefined],
    ['req:REQ-7', undefined],
    ['status:REQ-7:v3', undefined],
    ['sel:REQ-7:v3:0', undefined],
    ['req:req-7:v3', undefined],
    ['req:REQ-7:v3:extra', undefined],
    ['mig:REQ-7:v3', undefined],
    ['', undefined],
    ['x9Fq/', undefined],
  ])('%j → %j', (blockId, expected) => {
    expect(parseActionBlockId(blockId)).toEqual(expected);
  });
});

describe('parseButtonValue', () => {
  it.each([
    ['REQ-7', { requestId: 'REQ-7' }],
    ['REQ-7@0123456789abcdef', { requestId: 'REQ-7', planHashPrefix: '0123456789abcdef' }],
    ['REQ-7@0123456789ABCDEF', undefined],
    ['REQ-7@0123456789abcde', undefined],
    ['REQ-7@0123456789abcdef0', undefined],
    ['REQ-7@', undefined],
    ['REQ-7 ', undefined],
    ['REQ-', undefined],
    ['req-7', undefined],
    ['REQ-7;rm -rf /', undefined],
    ['<!channel>', undefined],
    ['', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseButtonValue(value)).toEqual(expected);
  });
});
