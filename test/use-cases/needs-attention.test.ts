/**
 * Fail closed (docs/architecture.md, "States and events"): a move whose outcome the bot cannot establish
 * needs attention — nothing more of its request starts, its guest and both VSPs stay locked — the bot
 * keeps trying to settle it from facts, and an approver can resolve it only in agreement with hpvmstatus.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVER, BYSTANDER, startKit, type Kit } from '../support/use-case-kit.ts';
import { useCaseFleet } from './use-case-fleet.ts';

let kit: Kit;
afterEach(async () => {
  await kit.stop();
});

const DIR0 = '/var/opt/hpvm-chatops/REQ-1/0';
const isFollowRead = (line: string) =>
  line.includes('exit.status') && !line.includes('nohup') && !line.includes('rm -rf');

/** Two moves in two rounds (one at a time), approved, the first one running and held there. */
async function firstMoveRunning(): Promise<void> {
  kit.shell.holdJobs();
  await kit.command('vm01 vm02 to vsp2');
  await kit.click('REQ-1', 'approve', APPROVER);
  await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'running', 'the first move running');
}

describe('a move the bot loses track of', () => {
  it('needs attention at the next read, starts nothing more, keeps the locks, and resolves only as hpvmstatus says', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await firstMoveRunning();
    // Hold the follow reads while the migration completes and its folder disappears (cleaned away by hand).
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const statesAtReads: string[] = [];
    let gated = true;
    kit.shell.beforeExec(async (vsp, line) => {
      if (vsp !== 'vsp1' || !isFollowRead(line)) return;
      if (gated) await gate;
      statesAtReads.push((await kit.workflow('REQ-1')).moves[0]?.state ?? '?');
    });
    kit.shell.releaseJobs();
    await kit.shell.settled();
    kit.shell.removeJob('vsp1', DIR0);
    gated = false;
    open();

    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'needs_attention', 'needs attention');
    // The first read after the folder went found it gone: the next read is already the reconciler's.
    await kit.until(() => statesAtReads.length >= 2, 'the reconciler reading');
    expect(statesAtReads.slice(0, 2)).toEqual(['running', 'needs_attention']);

    const stuck = await kit.workflow('REQ-1');
    expect(stuck.moves.map((move) => move.state)).toEqual(['needs_attention', 'cancelled']);
    expect(stuck.moves[0]).toMatchObject({ errorCode: 'remote_run_missing' });
    // No later round started: vm02 was never started on vsp1.
    expect(kit.shell.executed.filter((exec) => exec.line.includes('nohup') && exec.line.includes('vm02'))).toEqual([]);

    // The thread says what is known: the code, where hpvmstatus shows the guest, how to settle it.
    const report = (await kit.thread('REQ-1')).find((text) => text.includes('remote_run_missing')) ?? '';
    expect(report).toContain('vsp2 shows On (OS)');
    expect(report).toContain('/migrate resolve REQ-1 vm01 done|failed');
    expect(report).not.toMatch(/no known remedy/);

    // The guest stays locked: a new request for it is refused, naming the request that holds it.
    const again = await kit.command('vm01 to vsp3');
    expect(again.replyText).toMatch(/REQ-1/);
    expect(await kit.store.guestLocks()).toEqual(new Map([['vm01', 'REQ-1']]));
    // Both VSPs stay locked: a move of another guest into vsp1 is blocked by the rules.
    const other = await kit.command('vm31 to vsp1');
    expect(other.responses.join('\n')).toMatch(/move of unknown outcome in REQ-1/);

    // Resolutions are checked against hpvmstatus: vm01 runs on vsp2, so "failed" contradicts it.
    const wrong = await kit.command('resolve REQ-1 vm01 failed', APPROVER);
    expect(wrong.responses.join('\n')).toMatch(/Not resolved: hpvmstatus on vsp2 shows vm01 On \(OS\): it did move/);
    const notApprover = await kit.command('resolve REQ-1 done', BYSTANDER);
    expect(notApprover.responses.join('\n')).toMatch(/only an approver can resolve/);
    expect((await kit.workflow('REQ-1')).moves[0]?.state).toBe('needs_attention');

    const right = await kit.command('resolve REQ-1 done', APPROVER);
    expect(right.responses.join('\n')).toMatch(/vm01 resolved as done/);
    const settled = await kit.workflow('REQ-1');
    expect(settled.moves[0]).toMatchObject({ state: 'succeeded', verifiedLocation: 'vsp2 (On (OS))' });
    expect(settled.request.state).toBe('cancelled'); // vm02 never ran: the request did not complete
    expect(await kit.store.guestLocks()).toEqual(new Map());
    const audit = (await kit.store.listAudit({ requestId: 'REQ-1', limit: 100 })).map((entry) => entry.action);
    expect(audit).toEqual(expect.arrayContaining(['move.needs_attention', 'move.resolve', 'move.resolved']));
    expect((await kit.command('vm01 to vsp3')).responses.join('\n')).not.toMatch(/REQ-1/);
  });

  it('settles a move whose process vanished by itself when hpvmstatus shows the guest untouched on the source', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await firstMoveRunning();
    kit.shell.vanishJob('vsp1', DIR0);
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'failed', 'the request settled');
    const { moves } = await kit.workflow('REQ-1');
    expect(moves.map((move) => move.state)).toEqual(['failed', 'cancelled']);
    expect(moves[0]?.verifiedLocation).toBe('vsp1 (On (OS))');
    const thread = (await kit.thread('REQ-1')).join('\n');
    expect(thread).toMatch(/remote_run_vanished/);
    expect(thread).toMatch(/settled as failed by the bot/);
    expect(await kit.store.guestLocks()).toEqual(new Map());
  });

  it('needs attention when the source stops answering while starting, and settles once it answers again', async () => {
    kit = await startKit({
      fleet: useCaseFleet(),
      config: { execution: { followIntervalMs: 1, giveUpAfterMs: 50, reconcileIntervalMs: 5 } },
    });
    kit.shell.beforeExec((vsp, line) => {
      if (vsp === 'vsp1' && line.includes('nohup')) kit.shell.unreachable('vsp1');
    });
    await kit.command('vm01 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'needs_attention', 'needs attention');
    expect((await kit.workflow('REQ-1')).moves[0]).toMatchObject({
      state: 'needs_attention',
      errorCode: 'follow_gave_up',
    });
    kit.shell.reachable('vsp1');
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'failed', 'settled');
    // It never started (no folder on vsp1) and vm01 still runs there: failed, guest unaffected.
    expect((await kit.workflow('REQ-1')).moves[0]).toMatchObject({
      state: 'failed',
      verifiedLocation: 'vsp1 (On (OS))',
    });
    expect(kit.shell.model.host('vsp1').guests.find((guest) => guest.config.name === 'vm01')?.state).toBe('On');
  });

  it('follows again a move found still running, and verifies it', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await firstMoveRunning();
    // One garbled read of the move's folder: the bot cannot tell the state, so the move needs attention.
    const unscript = kit.shell.script('vsp1', /exit\.status/, { exitCode: 0, stdout: 'garbage\n', stderr: '' });
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'needs_attention', 'needs attention');
    unscript();
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'running', 'reattached');
    // Lost once more while followed again: the same reconciler takes it up again.
    const again = kit.shell.script('vsp1', /exit\.status/, { exitCode: 0, stdout: 'garbage\n', stderr: '' });
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'needs_attention', 'lost again');
    again();
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'running', 'reattached again');
    kit.shell.releaseJobs();
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'succeeded', 'verified');
    const thread = (await kit.thread('REQ-1')).join('\n');
    expect(thread).toMatch(/still running on vsp1; the bot follows it again/);
    expect(thread).toMatch(/vm01 now runs on vsp2 — verified/);
    // Nothing more started after the attention: vm02's move was cancelled, not run.
    expect((await kit.workflow('REQ-1')).moves[1]?.state).toBe('cancelled');
  });

  it('needs attention when hpvmstatus cannot be read after the move, and settles when it can', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    // Only the plan's verification line is a bare `hpvmstatus`; the inventory reads are batches.
    const again = kit.shell.script('vsp2', /hpvmstatus$/, {
      exitCode: 1,
      stdout: '',
      stderr: 'hpvmstatus: unable to contact the monitor\n',
    });
    await kit.command('vm01 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'needs_attention', 'needs attention');
    expect((await kit.workflow('REQ-1')).moves[0]).toMatchObject({ errorCode: 'outcome_unknown', exitCode: 0 });
    again();
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'completed', 'settled');
    expect((await kit.workflow('REQ-1')).moves[0]).toMatchObject({
      state: 'succeeded',
      verifiedLocation: 'vsp2 (On (OS))',
    });
  });
});
