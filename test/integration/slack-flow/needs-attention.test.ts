/**
 * Fail closed, from outside: signed Slack requests into the real bot, the simulated fleet over real SSH,
 * a real SQLite file. The folder of a running migration disappears on its VSP: the move needs attention
 * within a minute, nothing more of the request starts, the guest stays locked, and only a resolution that
 * agrees with hpvmstatus on both VSPs releases it.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.ts';
import {
  APPROVER,
  CHANNEL,
  REQUESTER,
  eventually,
  startHarness,
  visibleText,
  type Harness,
} from '../../support/bot-harness.ts';
import { flowFleet } from './fleet.ts';

describe('a move whose outcome the bot cannot establish', () => {
  let harness: Harness;
  let store: SqliteStore;

  beforeAll(async () => {
    // The default follow interval (1 s), as deployed: detection is measured against it.
    harness = await startHarness({
      fleet: flowFleet(),
      config: { execution: { followIntervalMs: 1000, giveUpAfterMs: 60_000, reconcileIntervalMs: 200 } },
    });
    store = new SqliteStore(harness.dbFile);
  });
  afterAll(async () => {
    await store.close();
    await harness.close();
  });

  async function privately(text: string, user: string): Promise<string> {
    const response = await harness.command(text, user);
    const reply = await eventually(() => harness.slack.responses(response.responseUrlId)[0], `the answer to ${text}`);
    return visibleText(reply.body);
  }

  it('needs attention, keeps its locks, and is released only by a resolution hpvmstatus agrees with', async () => {
    harness.fleet.model.setFaults('vsp2', { slowLink: 10 });
    await harness.command('vm01 vm02 to vsp2');
    const preview = await eventually(
      () => harness.previews().find((message) => message.text.startsWith('REQ-1')),
      'the preview',
    );
    await harness.click(preview.ts, 'approve', APPROVER);
    const thread = () => harness.slack.thread(CHANNEL, preview.ts).map((message) => visibleText(message));
    await eventually(() => thread().some((reply) => /started on vsp1/.test(reply)), 'the migration started');

    // Someone removes the move's folder on vsp1 while hpvmmigrate runs: log and exit status are gone.
    const folder = join(harness.config.migration.remoteDir, 'REQ-1', '0');
    const removedAt = performance.now();
    await rm(folder, { recursive: true, force: true });
    const stuck = await eventually(
      async () => {
        const workflow = await store.getWorkflow('REQ-1');
        return workflow?.request.state === 'needs_attention' ? workflow : undefined;
      },
      'needs attention',
      60_000,
    );
    const detectedAfterMs = performance.now() - removedAt;
    expect(detectedAfterMs).toBeLessThan(60_000);
    expect(stuck.moves.map((move) => move.state)).toEqual(['needs_attention', 'cancelled']);
    console.info(`needs_attention ${Math.round(detectedAfterMs)} ms after the folder was removed`);

    // The thread says what is known and what to do; the preview says it needs attention, without buttons.
    const report = await eventually(() => thread().find((reply) => /remote_run_missing/.test(reply)), 'the report');
    expect(report).toContain('/migrate resolve REQ-1 vm01 done|failed');
    await eventually(
      () => /Needs attention/.test(visibleText(harness.slack.latest(CHANNEL, preview.ts))),
      'the preview saying so',
    );

    // Let the migration finish (its process runs on without the folder): vm01 ends up on vsp2.
    harness.fleet.model.setFaults('vsp2', {});
    await eventually(() => harness.fleet.model.whereIs('vm01') === 'vsp2', 'the migration to finish on its own');

    // No later round started, and the guest stays locked, naming the request that holds it.
    expect(harness.fleet.model.whereIs('vm02')).toBe('vsp1');
    expect(await store.guestLocks()).toEqual(new Map([['vm01', 'REQ-1']]));
    const locked = await harness.command('vm01 to vsp3');
    expect(visibleText(JSON.parse(locked.body) as object)).toContain('REQ-1');

    // The bot cannot settle it (the folder is gone, so hpvmmigrate's end is unknown): it waits for a person.
    expect((await store.getWorkflow('REQ-1'))?.request.state).toBe('needs_attention');
    expect(await privately('resolve REQ-1 vm01 failed', APPROVER)).toMatch(/Not resolved: .*vsp2 shows vm01 On \(OS\)/);
    expect(await privately('resolve REQ-1 vm01 done', REQUESTER)).toMatch(/Not resolved: only an approver/);
    expect(await privately('resolve REQ-1 vm01 done', APPROVER)).toMatch(/vm01 resolved as done/);

    const settled = await store.getWorkflow('REQ-1');
    expect(settled?.moves.map((move) => move.state)).toEqual(['succeeded', 'cancelled']);
    expect(await store.guestLocks()).toEqual(new Map());
    const audit = (await store.listAudit({ requestId: 'REQ-1', limit: 100 })).map((entry) => entry.action);
    expect(audit).toEqual(expect.arrayContaining(['move.needs_attention', 'move.resolve', 'move.resolved']));
    expect(harness.slack.violations()).toEqual([]);
  });
});
