/**
 * Cancel (button or command — the same event) and restart recovery: a stopped bot's successor picks every
 * request up from its stored state, never runs a migration twice, and never forgets one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVER, BYSTANDER, REQUESTER, startKit, type Kit } from '../support/use-case-kit.ts';
import { useCaseFleet } from './use-case-fleet.ts';

let kit: Kit;
afterEach(async () => {
  await kit.stop();
});

const startLines = () => kit.shell.executed.filter((exec) => exec.line.includes('nohup'));

describe('cancel', () => {
  it('closes a pending request from its button, unlocking its guests', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await kit.command('vm01 vm02 to vsp2');
    await kit.click('REQ-1', 'cancel', REQUESTER);
    const { request, moves } = await kit.workflow('REQ-1');
    expect(request).toMatchObject({ state: 'cancelled', stateNote: REQUESTER });
    expect(moves.map((move) => move.state)).toEqual(['cancelled', 'cancelled']);
    expect(await kit.store.guestLocks()).toEqual(new Map());
    expect(kit.toldPrivately(REQUESTER).join('\n')).toMatch(/REQ-1 is cancelled; nothing ran/);
  });

  it('cancels the queued moves of a running request by command; the running one finishes and is verified', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    kit.shell.holdJobs();
    await kit.command('vm01 vm02 vm03 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'running', 'the first move running');

    const byStranger = await kit.command('cancel REQ-1', BYSTANDER);
    expect(byStranger.replyText).toMatch(/Only the requester or an approver can cancel REQ-1/);
    const cancelled = await kit.command('cancel REQ-1', REQUESTER);
    expect(cancelled.replyText).toMatch(
      /REQ-1: 2 queued move\(s\) cancelled. vm01 \(vsp1 → vsp2, online\) is already running/,
    );
    expect((await kit.workflow('REQ-1')).moves.map((move) => move.state)).toEqual([
      'running',
      'cancelled',
      'cancelled',
    ]);
    // Locks follow the moves: vm02 and vm03 are free again at once, vm01 only when its move is settled.
    expect(await kit.store.guestLocks()).toEqual(new Map([['vm01', 'REQ-1']]));

    kit.shell.releaseJobs();
    await kit.idle();
    const after = await kit.workflow('REQ-1');
    expect(after.moves.map((move) => move.state)).toEqual(['succeeded', 'cancelled', 'cancelled']);
    expect(after.request).toMatchObject({ state: 'cancelled', stateNote: REQUESTER });
    expect(startLines()).toHaveLength(1);
    const again = await kit.command('cancel REQ-1', REQUESTER);
    expect(again.replyText).toMatch(/REQ-1 is cancelled/);
  });

  it('refuses a stale Cancel button privately', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await kit.command('vm01 to vsp2');
    const before = await kit.workflow('REQ-1');
    await kit.click('REQ-1', 'cancel', REQUESTER, { messageTs: '1700000000.123400' });
    expect(await kit.workflow('REQ-1')).toEqual(before);
    expect(kit.toldPrivately(REQUESTER).join('\n')).toMatch(/not the current preview/);
  });
});

describe('restart recovery', () => {
  it('follows a running migration again after a restart, starting it only once', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    kit.shell.holdJobs();
    await kit.command('vm01 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'running', 'the move running');
    await kit.restart();
    kit.shell.releaseJobs();
    await kit.until(
      async () => (await kit.workflow('REQ-1')).request.state === 'completed',
      'completed after the restart',
    );
    expect(startLines()).toHaveLength(1);
    const verified = (await kit.thread('REQ-1')).filter((text) => text.includes('now runs on vsp2 — verified'));
    expect(verified).toHaveLength(1);
  });

  it('re-checks a request a restart caught while approving, then runs it', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await kit.command('vm01 to vsp2');
    // The bot stops while the re-check reads the inventory.
    let stopping: Promise<void> | undefined;
    const unhook = kit.shell.beforeExec(() => {
      stopping ??= kit.restart();
    });
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.until(() => stopping !== undefined, 'the restart');
    await stopping;
    unhook();
    await kit.idle();
    expect((await kit.workflow('REQ-1')).request.state).toBe('completed');
    expect(startLines()).toHaveLength(1);
  });

  it('keeps reconciling a move that needs attention after a restart', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    kit.shell.holdJobs();
    await kit.command('vm01 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'running', 'the move running');
    kit.shell.unreachable('vsp1', 'auth_failed');
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'needs_attention', 'needs attention');
    expect((await kit.workflow('REQ-1')).moves[0]?.errorCode).toBe('auth_failed');
    await kit.restart();
    kit.shell.reachable('vsp1');
    kit.shell.releaseJobs();
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'completed', 'completed');
    expect(startLines()).toHaveLength(1);
    const thread = (await kit.thread('REQ-1')).join('\n');
    expect(thread).toMatch(/auth_failed/);
    expect(thread).toMatch(/authorized_keys/); // the SSH adapter's next step for this code
  });
});
