/**
 * Approvals bound to exactly what each approver approved (docs/architecture.md, "Approvals"): what runs is
 * what every required approver approved; a click counts only from the stored preview's current buttons.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVER, APPROVER2, BYSTANDER, REQUESTER, startKit, type Kit } from '../support/use-case-kit.ts';
import { unevenFleet, useCaseFleet } from './use-case-fleet.ts';

let kit: Kit;
afterEach(async () => {
  await kit.stop();
});

describe('partial approvals and four eyes', () => {
  it('runs only the move both required approvers approved, and the audit keeps both selections', async () => {
    kit = await startKit({
      fleet: unevenFleet(),
      config: {
        balancing: { maxMoves: 3 },
        approval: { approvers: { users: [APPROVER, APPROVER2] }, approvalsRequired: { default: 2 } },
      },
    });
    await kit.command('balance');
    const suggested = await kit.workflow('REQ-1');
    expect(suggested.request.kind).toBe('balance');
    expect(suggested.moves).toHaveLength(3);
    const chosen = suggested.moves[1];

    await kit.click('REQ-1', 'approve_selected', APPROVER, { selected: [1] });
    expect((await kit.workflow('REQ-1')).request.state).toBe('pending');
    await kit.click('REQ-1', 'approve', APPROVER2);
    await kit.idle();

    const done = await kit.workflow('REQ-1');
    expect(done.request.state).toBe('completed');
    expect(done.moves.map((move) => move.state)).toEqual(['not_selected', 'succeeded', 'not_selected']);
    // Exactly one hpvmmigrate ran: the chosen guest's.
    const migrations = kit.shell.executed.filter(
      (exec) => /hpvmmigrate.* -o /.test(exec.line) && /nohup/.test(exec.line),
    );
    expect(migrations).toHaveLength(1);
    expect(migrations[0]?.line).toContain(`-P ${chosen?.guest}`);
    const runsOn = (name: string | undefined) =>
      kit.shell.model
        .vspNames()
        .filter((vsp) =>
          kit.shell.model.host(vsp).guests.some((guest) => guest.config.name === name && guest.state === 'On'),
        );
    expect(runsOn(chosen?.guest)).toEqual([chosen?.target]);
    for (const other of [suggested.moves[0], suggested.moves[2]]) expect(runsOn(other?.guest)).toEqual(['vsp1']);

    const audit = await kit.store.listAudit({ requestId: 'REQ-1', limit: 100 });
    const counted = audit.find((entry) => entry.action === 'request.approval_counted');
    const approved = audit.find((entry) => entry.action === 'request.approved');
    expect(counted).toMatchObject({ actor: APPROVER, detail: { selection: [1] } });
    expect(approved).toMatchObject({
      actor: APPROVER2,
      detail: {
        approvals: [
          { userId: APPROVER, moves: [1] },
          { userId: APPROVER2, moves: [0, 1, 2] },
        ],
        runs: [1],
      },
    });
    const thread = (await kit.thread('REQ-1')).join('\n');
    expect(thread).toMatch(/not approved by every required approver|do not run/i);
  });

  it('refuses Approve selected on a request that is not a balancing suggestion', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await kit.command('vm01 vm02 to vsp2');
    await kit.click('REQ-1', 'approve_selected', APPROVER, { selected: [0] });
    expect((await kit.workflow('REQ-1')).request).toMatchObject({ state: 'pending', approvals: [] });
    expect(kit.toldPrivately(APPROVER).join('\n')).toMatch(/only a balancing suggestion can be approved in part/);
  });

  it('refuses the requester (four eyes, even on the approver list) and a bystander, privately, changing nothing', async () => {
    kit = await startKit({
      fleet: useCaseFleet(),
      config: { approval: { approvers: { users: [APPROVER, REQUESTER] } } },
    });
    await kit.command('vm01 to vsp2');
    const before = await kit.workflow('REQ-1');
    await kit.click('REQ-1', 'approve', REQUESTER);
    await kit.click('REQ-1', 'approve', BYSTANDER);
    expect(await kit.workflow('REQ-1')).toEqual(before);
    expect(kit.toldPrivately(REQUESTER).join('\n')).toMatch(/four eyes|another approver/);
    expect(kit.toldPrivately(BYSTANDER).join('\n')).toMatch(/not an approver/i);
  });
});

describe('clicks bound to the stored preview', () => {
  it.each([
    ['an older version of the buttons', (revision: number) => ({ revision: revision - 1 })],
    ['another message', () => ({ messageTs: '1700000000.999900' })],
    ['another channel', () => ({ channelId: 'C0ELSEWHERE' })],
  ])('refuses a click from %s privately and changes nothing', async (_name, differ) => {
    kit = await startKit({
      fleet: useCaseFleet(),
      config: { approval: { approvers: { users: [APPROVER, APPROVER2] }, approvalsRequired: { default: 2 } } },
    });
    await kit.command('vm01 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    const before = await kit.workflow('REQ-1');
    expect(before.request.previewRevision).toBeGreaterThan(0);
    const postsBefore = kit.chat.calls.length;

    await kit.click('REQ-1', 'approve', APPROVER2, differ(before.request.previewRevision));

    expect(await kit.workflow('REQ-1')).toEqual(before);
    expect(kit.toldPrivately(APPROVER2).join('\n')).toMatch(/not the current preview/);
    // Only the private refusal was sent: no post, no edit.
    expect(kit.chat.calls.slice(postsBefore).map((call) => call.method)).toEqual(['postEphemeral']);
    const refusals = await kit.store.listAudit({ requestId: 'REQ-1', limit: 10 });
    expect(refusals[0]).toMatchObject({
      actor: APPROVER2,
      action: 'click.approve',
      result: 'refused',
      detail: { code: 'stale_click' },
    });
  });
});
