import { describe, expect, it } from 'vitest';
import { moveDetails } from '../../../src/app/move-details.ts';
import type { OutputLine } from '../../../src/domain/workflow/records.ts';
import { evacuation } from '../adapters/slack/blocks/plan-fixtures.ts';
import { makeMoveRecord } from '../adapters/slack/blocks/message-fixtures.ts';

/** HP's multi-line error form (4.3 release notes §9.2.1): the reason is on the line after `Remote message:`. */
const FAILED_OUTPUT = ['hpvmmigrate: ERROR (guest001): Remote message:', 'Target: could not receive message header'];

/** A strict fake: it answers for the failed move only, and records what it was asked. */
function outputOf(failedIndex: number): {
  asked: number[];
  getOutput: (id: string, index: number) => Promise<OutputLine[]>;
} {
  const asked: number[] = [];
  return {
    asked,
    getOutput(requestId, index) {
      asked.push(index);
      if (index !== failedIndex) throw new Error(`unexpected getOutput(${requestId}, ${index})`);
      return Promise.resolve(
        FAILED_OUTPUT.map((text) => ({ requestId, moveIndex: index, stream: 'log', text, at: '2025-03-01T10:00:00Z' })),
      );
    },
  };
}

describe('moveDetails', () => {
  const plan = evacuation(3, { blocked: false });
  const request = { id: 'REQ-7', planJson: JSON.stringify(plan) };

  it("gives each move the plan's estimates, and a failed move hpvmmigrate's reason", async () => {
    const moves = [makeMoveRecord({ state: 'succeeded' }), makeMoveRecord({ index: 1, state: 'failed' })];
    const store = outputOf(1);
    const details = await moveDetails(store, request, moves);
    expect(details).toHaveLength(plan.moves.length);
    expect(details?.[0]?.estimatedSeconds).toBe(plan.moves[0]?.estimatedSeconds);
    expect(plan.moves[0]?.estimatedPhases?.length).toBeGreaterThan(0);
    expect(details?.[0]?.estimatedPhases).toEqual(plan.moves[0]?.estimatedPhases);
    expect(details?.[0]?.failureReason).toBeUndefined();
    expect(details?.[1]?.failureReason).toBe('Target: could not receive message header');
    expect(store.asked).toEqual([1]);
  });

  it('is undefined when the stored plan cannot be read', async () => {
    expect(await moveDetails(outputOf(-1), { id: 'REQ-7', planJson: '{' }, [makeMoveRecord()])).toBeUndefined();
  });
});
