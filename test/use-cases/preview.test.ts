/**
 * A preview an approver can trust (docs/architecture.md, "Sealed plans"): when Slack's limits keep command
 * lines out of the message, the complete listing is in its thread before anyone can approve; when that
 * listing cannot be posted, the request cannot be approved at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readPlanJson } from '../../src/domain/plan/plan-schema.ts';
import { APPROVER, CHANNEL, startKit, type Kit } from '../support/use-case-kit.ts';
import { crowdedFleet } from './use-case-fleet.ts';

let kit: Kit;
afterEach(async () => {
  await kit.stop();
});

describe('a preview too long for one message', () => {
  it('posts the complete command listing in its thread before it can be approved', async () => {
    kit = await startKit({ fleet: crowdedFleet(150) });
    await kit.command('evacuate vsp1');
    const { request } = await kit.workflow('REQ-1');
    expect(request.state).toBe('pending');
    const read = readPlanJson(request.planJson);
    if (!read.ok) throw new Error(read.problem);
    const lines = read.plan.moves.flatMap((move) => [move.commands.precheck?.line, move.commands.migrate.line]);
    expect(read.plan.moves).toHaveLength(150);

    // The preview itself could not hold every line; its thread does, before the preview was recorded.
    const preview = kit.chat.text(kit.chat.current(CHANNEL, request.previewTs ?? ''));
    expect(lines.filter((line) => line !== undefined && !preview.includes(line)).length).toBeGreaterThan(0);
    const listing = (await kit.thread('REQ-1')).join('\n');
    for (const line of lines) if (line !== undefined) expect(listing).toContain(line);
    expect(preview).toMatch(/does not show every command line.*complete command listing.*is in this thread/s);

    await kit.click('REQ-1', 'approve', APPROVER);
    expect((await kit.workflow('REQ-1')).request.state).not.toBe('pending');
  });

  it('cannot be approved when the listing could not be posted', async () => {
    kit = await startKit({ fleet: crowdedFleet(150) });
    let posts = 0;
    const post = kit.chat.post.bind(kit.chat);
    // The preview goes out; the first listing part in its thread fails (Slack said no).
    kit.chat.post = (channel, message, options) => {
      posts += 1;
      if (options?.threadTs !== undefined) return Promise.reject(new Error('msg_too_long'));
      return post(channel, message, options);
    };
    await kit.command('evacuate vsp1');
    expect(posts).toBeGreaterThan(1);
    const { request } = await kit.workflow('REQ-1');
    expect(request).toMatchObject({ state: 'cancelled' });
    expect(request.stateNote).toMatch(/could not show every command line/);
    await kit.click('REQ-1', 'approve', APPROVER);
    expect(kit.toldPrivately(APPROVER).join('\n')).toMatch(/cancelled/);
    expect(kit.shell.executed.some((exec) => exec.line.includes('nohup'))).toBe(false);
  });
});
