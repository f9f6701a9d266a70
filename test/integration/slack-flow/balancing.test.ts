/**
 * Balancing suggestions through Slack: on demand (`/migrate balance`) and on the schedule (node-cron,
 * hysteresis over several samples), approved in part with the checkboxes or dismissed — and a dismissed
 * suggestion is not posted again while the load stays the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.ts';
import { createCheckboxState } from '../../../src/sandbox/workspace/checkbox-state.ts';
import { APPROVER, CHANNEL, eventually, startHarness, visibleText, type Harness } from '../../support/bot-harness.ts';
import type { FakeMessage, JsonObject } from '../../support/fake-slack/message-store.ts';

const CPU = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  cores: 8,
};

/** vsp1 runs hot (six busy guests on 8 cores), vsp2 and vsp3 idle: a balancer has work to do. */
function unevenFleet() {
  const busy = (name: string) => ({
    name,
    state: 'On',
    vcpus: 2,
    memoryMb: 4096,
    cpuUsagePct: 80,
    storage: [{ device: 'disk', backing: 'disk', path: `/dev/rdisk/${name}` }],
    networks: [{ vswitch: 'vlan02' }],
  });
  const vsp = (name: string, guests: unknown[]) => ({
    name,
    hpvmVersion: '4.3',
    cpu: CPU,
    memoryMb: 65536,
    vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
    guests,
  });
  return {
    speedFactor: 200,
    vsps: [vsp('vsp1', ['hot1', 'hot2', 'hot3', 'hot4', 'hot5', 'hot6'].map(busy)), vsp('vsp2', []), vsp('vsp3', [])],
  };
}

function suggestion(harness: Harness): FakeMessage | undefined {
  return harness.previews().find((message) => /Balancing suggestion/.test(visibleText(message)));
}

/** `state.values` with only the given move indexes ticked, as Slack sends them for `user`. */
function ticked(message: FakeMessage, user: string, keep: readonly number[]): JsonObject {
  const state = createCheckboxState();
  for (const block of message.blocks) {
    const elements = Array.isArray(block.elements) ? (block.elements as JsonObject[]) : [];
    for (const element of elements) {
      if (element.action_id !== 'select_moves') continue;
      const values = (element.options as JsonObject[]).map((option) => String(option.value));
      state.set(
        user,
        message.ts,
        String(block.block_id),
        'select_moves',
        values.filter((value) => keep.includes(Number(value))),
      );
    }
  }
  return state.stateValues(user, message.ts, message.blocks);
}

describe('balancing suggestions', () => {
  describe('on demand', () => {
    let harness: Harness;
    let store: SqliteStore;
    beforeAll(async () => {
      harness = await startHarness({ fleet: unevenFleet(), config: { balancing: { maxMoves: 3 } } });
      store = new SqliteStore(harness.dbFile);
    });
    afterAll(async () => {
      await store.close();
      await harness.close();
    });

    it('posts a suggestion with load bars, reasons, checkboxes and commands, and runs only the ticked moves', async () => {
      const ack = await harness.command('balance');
      expect(ack.body).toContain('asking the balancer');
      const posted = await eventually(() => suggestion(harness), 'the suggestion');
      const text = visibleText(posted);
      expect(text).toMatch(/CPU load standard deviation\* \d\.\d{3} → \d\.\d{3}/);
      expect(text).toContain('vsp1');
      expect(text).toMatch(/hpvmmigrate -o -P hot\d -h vsp[23]/);
      const moves = [...text.matchAll(/(\d+)\. \*(hot\d)\* vsp1 → (vsp[23]) · \*online\*/g)].map((match) => match[2]!);
      expect(moves.length).toBeGreaterThanOrEqual(2);

      const keep = [0];
      await harness.clickWithState(posted.ts, 'approve_selected', APPROVER, ticked(posted, APPROVER, keep));
      await eventually(
        () => /✓ \*Completed\*/.test(visibleText(harness.slack.latest(CHANNEL, posted.ts))),
        'completion',
        30_000,
      );
      expect(harness.fleet.model.whereIs(moves[0]!)).not.toBe('vsp1');
      for (const guest of moves.slice(1)) expect(harness.fleet.model.whereIs(guest)).toBe('vsp1');
      const request = /^(REQ-\d+)/.exec(posted.text)?.[1] ?? '?';
      const stored = (await store.getWorkflow(request))?.moves ?? [];
      expect(stored.map((move) => move.state)).toEqual(['succeeded', ...moves.slice(1).map(() => 'not_selected')]);
      expect(harness.slack.violations()).toEqual([]);
    });
  });

  describe('on the schedule', () => {
    let harness: Harness;
    let store: SqliteStore;
    beforeAll(async () => {
      harness = await startHarness({
        fleet: unevenFleet(),
        config: {
          balancing: { enabled: true, cron: '* * * * * *', sustainedSamples: 2, thresholdCpuStdDev: 0.1, maxMoves: 2 },
        },
      });
      store = new SqliteStore(harness.dbFile);
    });
    afterAll(async () => {
      await store.close();
      await harness.close();
    });

    it('suggests only after the imbalance lasted two samples, and does not post a dismissed suggestion again', async () => {
      const posted = await eventually(() => suggestion(harness), 'the scheduled suggestion', 20_000);
      expect((await store.recentLoadSamples(10)).length).toBeGreaterThanOrEqual(2);
      expect(visibleText(posted)).toContain('Suggested by the schedule');
      await harness.click(posted.ts, 'reject', APPROVER);
      await eventually(() => /Rejected/.test(visibleText(harness.slack.latest(CHANNEL, posted.ts))), 'the dismissal');
      const samplesAtDismissal = (await store.recentLoadSamples(100)).length;
      await eventually(
        async () => (await store.recentLoadSamples(100)).length >= samplesAtDismissal + 3,
        'three more samples',
        15_000,
      );
      expect(harness.previews().filter((message) => /Balancing suggestion/.test(visibleText(message)))).toHaveLength(1);
      expect(harness.fleet.model.whereIs('hot1')).toBe('vsp1');
    });
  });
});
