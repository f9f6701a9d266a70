import { describe, expect, it } from 'vitest';
import { actionInputOf, type ButtonClick } from '../../../../src/adapters/slack/action-input.ts';

const click: ButtonClick = {
  actionId: 'approve',
  blockId: 'req:REQ-7:v3',
  value: 'REQ-7@0123456789abcdef',
  userId: 'U0APPR1',
  channelId: 'C0OPS',
  messageTs: '1740823200.000100',
};

function checkboxes(...values: string[]) {
  return {
    select_moves: {
      type: 'checkboxes',
      selected_options: values.map((value) => ({ text: { type: 'plain_text' as const, text: value }, value })),
    },
  };
}

describe('actionInputOf', () => {
  it('reads the request and plan from the value and the revision from the block id', () => {
    expect(actionInputOf(click)).toEqual({
      action: 'approve',
      requestId: 'REQ-7',
      revision: 3,
      planHashPrefix: '0123456789abcdef',
      userId: 'U0APPR1',
      channelId: 'C0OPS',
      messageTs: '1740823200.000100',
    });
  });

  it.each<[string, Partial<ButtonClick>, object]>([
    ['Cancel, whose value is the request id alone', { actionId: 'cancel', value: 'REQ-7' }, { revision: 3 }],
    ['a block id that is not ours', { blockId: 'x9Fq/' }, { revision: undefined }],
    ['a block id of another request', { blockId: 'req:REQ-8:v3' }, { requestId: 'REQ-7', revision: undefined }],
    ['the status block id', { blockId: 'status:REQ-7:v3' }, { revision: undefined }],
  ])('%s', (_name, change, expected) => {
    expect(actionInputOf({ ...click, ...change })).toMatchObject(expected);
  });

  it('carries no plan hash for Cancel', () => {
    expect(actionInputOf({ ...click, actionId: 'cancel', value: 'REQ-7' })).not.toHaveProperty('planHashPrefix');
  });

  it.each(['', 'REQ-x', 'req-7', 'REQ-7@nothex', 'REQ-7@0123', '<!channel>', 'REQ-7\nREQ-8'])(
    'ignores a click whose value %j names no request of this bot',
    (value) => {
      expect(actionInputOf({ ...click, value })).toBeUndefined();
    },
  );

  it('collects the ticked moves of this request’s checkbox groups, in order, once each', () => {
    const input = actionInputOf({
      ...click,
      actionId: 'approve_selected',
      stateValues: {
        'sel:REQ-7:v3:1': checkboxes('12', '10'),
        'sel:REQ-7:v3:0': checkboxes('3', '0', '3'),
        'sel:REQ-8:v1:0': checkboxes('5'),
        'other-block': checkboxes('6'),
        'sel:REQ-7:v3:2': checkboxes('-1', '1.5', '', 'x'),
      },
    });
    expect(input?.selectedMoves).toEqual([0, 3, 10, 12]);
  });

  it('says nothing about ticks when the message has no checkboxes of this request', () => {
    expect(actionInputOf({ ...click, stateValues: {} })).not.toHaveProperty('selectedMoves');
    expect(actionInputOf(click)).not.toHaveProperty('selectedMoves');
  });

  it('reports an empty selection when every box is unticked', () => {
    expect(actionInputOf({ ...click, stateValues: { 'sel:REQ-7:v3:0': checkboxes() } })?.selectedMoves).toEqual([]);
  });
});
