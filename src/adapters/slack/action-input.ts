/**
 * A button click as Slack sends it, turned into the ActionInput the bot decides on. Only the claims are
 * read here — which request (the button's value), which rendering (the block_id's revision), which plan
 * (the value's hash prefix), which moves were ticked; the bot checks each against the store
 * (docs/architecture.md, "Chat surface").
 */
import type { BlockAction } from '@slack/bolt';
import type { ActionId, ActionInput } from '../../ports.ts';
import { parseActionBlockId, parseButtonValue, parseSelectBlockId, SELECT_MOVES_ACTION } from './blocks/block-ids.ts';

export const ACTION_IDS: readonly ActionId[] = ['approve', 'approve_selected', 'reject', 'cancel'];

/** The checkbox values the suggestion writes: move indexes. */
const MOVE_INDEX = /^(0|[1-9][0-9]{0,3})$/;

type StateValues = NonNullable<BlockAction['state']>['values'];

export interface ButtonClick {
  readonly actionId: ActionId;
  readonly blockId: string;
  readonly value: string;
  readonly userId: string;
  readonly channelId: string;
  readonly messageTs: string;
  /** `state.values` of the message: the checkboxes' ticks. */
  readonly stateValues?: StateValues;
}

/** Undefined when the value is not one the bot writes: the click is not for this bot, or forged. */
export function actionInputOf(click: ButtonClick): ActionInput | undefined {
  const value = parseButtonValue(click.value);
  if (value === undefined) return undefined;
  const block = parseActionBlockId(click.blockId);
  // A block id naming another request says nothing about this one's revision.
  const revision = block?.requestId === value.requestId ? block.revision : undefined;
  const selectedMoves = selectedOptions(click.stateValues, value.requestId);
  return {
    action: click.actionId,
    requestId: value.requestId,
    revision,
    ...(value.planHashPrefix === undefined ? {} : { planHashPrefix: value.planHashPrefix }),
    userId: click.userId,
    channelId: click.channelId,
    messageTs: click.messageTs,
    ...(selectedMoves === undefined ? {} : { selectedMoves }),
  };
}

/**
 * The values ticked in the request's `select_moves` checkboxes (a suggestion has a group per ten moves),
 * as move indexes in ascending order; undefined when the message has no such checkboxes.
 */
function selectedOptions(values: StateValues | undefined, requestId: string): number[] | undefined {
  if (values === undefined) return undefined;
  let selected: number[] | undefined;
  for (const [blockId, block] of Object.entries(values)) {
    if (parseSelectBlockId(blockId)?.requestId !== requestId) continue;
    const element = block[SELECT_MOVES_ACTION];
    if (element?.type !== 'checkboxes') continue;
    selected = [
      ...(selected ?? []),
      ...(element.selected_options ?? [])
        .map((option) => option.value)
        .filter((value) => MOVE_INDEX.test(value))
        .map(Number),
    ];
  }
  return selected === undefined ? undefined : [...new Set(selected)].sort((a, b) => a - b);
}
