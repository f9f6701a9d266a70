/**
 * What each person has ticked on each message. Slack keeps checkbox state in the viewer's client and sends
 * it with every interaction as `state.values` (block_id → action_id → state); a message that is edited
 * with new blocks starts from their `initial_options` again.
 */
import { selectedOptions } from './interactions.ts';
import { isObject, type JsonObject } from './message-store.ts';

export interface CheckboxState {
  set(userId: string, messageTs: string, blockId: string, actionId: string, values: readonly string[]): void;
  /** `state.values` of `blocks` as `userId` sees them. */
  stateValues(userId: string, messageTs: string, blocks: readonly JsonObject[]): JsonObject;
}

export function createCheckboxState(): CheckboxState {
  const ticked = new Map<string, readonly string[]>();
  const key = (userId: string, messageTs: string, blockId: string, actionId: string): string =>
    JSON.stringify([userId, messageTs, blockId, actionId]);

  return {
    set(userId, messageTs, blockId, actionId, values) {
      ticked.set(key(userId, messageTs, blockId, actionId), [...values]);
    },
    stateValues(userId, messageTs, blocks) {
      const values: JsonObject = {};
      for (const block of blocks) {
        const blockId = String(block.block_id);
        const elements = block.type === 'actions' && Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
        for (const element of [...elements, block.accessory]) {
          if (!isObject(element) || element.type !== 'checkboxes') continue;
          const actionId = String(element.action_id);
          const chosen = ticked.get(key(userId, messageTs, blockId, actionId)) ?? initialValues(element);
          const state = isObject(values[blockId]) ? values[blockId] : {};
          state[actionId] = { type: 'checkboxes', selected_options: selectedOptions(element, chosen) };
          values[blockId] = state;
        }
      }
      return values;
    },
  };
}

function initialValues(element: JsonObject): string[] {
  const initial = Array.isArray(element.initial_options) ? (element.initial_options as unknown[]) : [];
  return initial.filter(isObject).map((option) => String(option.value));
}
