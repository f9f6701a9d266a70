/**
 * An online move through Slack while the simulated host prints HP's progress form
 * (`hpvmmigrate: <Phase> phase (step N) - progress P%`, docs/hpvm-output-formats.md §6): the move's progress
 * message rises over the whole move, never says 100 % before success, shows no error, and ends verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.ts';
import { parseMigrateOutput } from '../../../src/domain/execution/parse-migrate-output.ts';
import { APPROVER, CHANNEL, eventually, startHarness, visibleText, type Harness } from '../../support/bot-harness.ts';
import type { FakeMessage } from '../../support/fake-slack/message-store.ts';
import { flowFleet } from './fleet.ts';

/** big01 has 16 GB: at 100 MB/s and speedFactor 40 its copy takes about 4 s, in four progress lines. */
const SPEED_FACTOR = 40;

describe('online progress as HP prints it, through Slack', () => {
  let harness: Harness;
  let store: SqliteStore;

  beforeAll(async () => {
    harness = await startHarness({
      fleet: flowFleet({ speedFactor: SPEED_FACTOR }),
      config: {
        slack: { postIntervalMs: 20, progressEditIntervalMs: 20 },
        execution: { followIntervalMs: 20, giveUpAfterMs: 60_000 },
      },
    });
    store = new SqliteStore(harness.dbFile);
  });
  afterAll(async () => {
    await store.close();
    await harness.close();
  });

  /** Every version of the move's progress message, oldest first. */
  function progressVersions(preview: FakeMessage, guest: string): string[] {
    const message = harness.slack
      .thread(CHANNEL, preview.ts)
      .find((reply) => reply.text.startsWith(`${guest} vsp1 → vsp2:`));
    if (message === undefined) return [];
    return [...message.history.map((version) => version.text), message.text];
  }

  function percents(texts: readonly string[]): number[] {
    return texts.flatMap((text) => {
      const match = / ([0-9]+)%$/.exec(text);
      return match ? [Number(match[1])] : [];
    });
  }

  it('shows rising whole-move percentages, no error, and the verified outcome', async () => {
    await harness.command('big01 to vsp2');
    const preview = await eventually(
      () =>
        harness
          .previews()
          .find((message) => message.text.startsWith('REQ-') && visibleText(message).includes('-P big01 ')),
      'the preview for big01',
    );
    expect(visibleText(preview)).toContain('hpvmmigrate -o -P big01 -h vsp2');
    expect((await harness.click(preview.ts, 'approve', APPROVER)).status).toBe(200);

    // Wait for the outcome in the move's own progress message.
    const final = await eventually(
      () => progressVersions(preview, 'big01').find((text) => /✓ verified on vsp2/.test(text)),
      'the verified outcome in the progress message',
      30_000,
    );
    expect(final).toBe('big01 vsp1 → vsp2: ✓ verified on vsp2 (On (OS))');

    const versions = progressVersions(preview, 'big01');
    const shown = percents(versions.filter((text) => text.includes('▶ running')));
    const distinct = [...new Set(shown)];
    expect(distinct.length).toBeGreaterThanOrEqual(2);
    // Rising, and never 100 % before the move was verified.
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(shown.every((percent) => percent < 100)).toBe(true);
    expect(versions.some((text) => /Phase: Frozen|Phase:\* Frozen/.test(text))).toBe(false);

    const thread = harness.slack.thread(CHANNEL, preview.ts).map((reply) => visibleText(reply));
    const threadText = thread.join('\n');
    expect(threadText).toContain('big01 now runs on vsp2 — verified');
    expect(threadText).not.toMatch(/✗|failed|ERROR|\*Why:\*/);

    // The host printed HP's form, and the bot read every progress line as progress, none as an error.
    const requestId = /^(REQ-\d+)/.exec(preview.text)?.[1] ?? '?';
    const output = (await store.getOutput(requestId, 0)).map((line) => line.text);
    const kinds = output.map((line) => parseMigrateOutput(line).kind);
    expect(output).toContain('hpvmmigrate: Frozen phase (step 9) - progress 100%');
    expect(kinds.filter((kind) => kind === 'progress').length).toBe(9);
    expect(kinds).not.toContain('error');
    expect(kinds.at(-1)).toBe('success');
    expect(harness.fleet.model.whereIs('big01')).toBe('vsp2');
    expect(harness.slack.violations()).toEqual([]);
  });
});
