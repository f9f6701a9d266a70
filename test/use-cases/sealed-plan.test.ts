/**
 * A sealed plan (docs/architecture.md, "Sealed plans"): what runs is exactly what the preview showed and
 * the approvers approved, or nothing runs and the thread says why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readPlanJson } from '../../src/domain/plan/plan-schema.ts';
import { APPROVER, startKit, type Kit } from '../support/use-case-kit.ts';
import { useCaseFleet } from './use-case-fleet.ts';

let kit: Kit;
afterEach(async () => {
  await kit.stop();
});

const startLines = () => kit.shell.executed.filter((exec) => exec.line.includes('nohup'));

describe('the sealed plan', () => {
  it('runs nothing when the stored plan is altered between approval and the first command, and says why', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await kit.command('vm01 to vsp2');
    const { request } = await kit.workflow('REQ-1');
    // While the re-check reads the inventory, someone edits the stored plan: the target becomes vsp3.
    let tampered = false;
    kit.shell.beforeExec(() => {
      if (tampered) return;
      tampered = true;
      kit.store.tamperPlanJson('REQ-1', request.planJson.replaceAll('vsp2', 'vsp3'));
    });
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.idle();

    const after = await kit.workflow('REQ-1');
    expect(tampered).toBe(true);
    expect(after.request.state).toBe('failed');
    expect(after.moves[0]?.state).toBe('cancelled');
    expect(startLines()).toEqual([]);
    expect(kit.shell.model.host('vsp1').guests.find((guest) => guest.config.name === 'vm01')?.state).toBe('On');
    const thread = (await kit.thread('REQ-1')).join('\n');
    expect(thread).toMatch(/nothing more runs — the stored plan is not the plan that was approved/);
    expect(thread).toMatch(/hashes to .* not to its seal/);
    const audit = await kit.store.listAudit({ requestId: 'REQ-1', limit: 20 });
    expect(audit.map((entry) => entry.action)).toContain('plan.seal_broken');
  });

  it('runs nothing of a round whose command lines render differently now than the preview showed', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    kit.shell.holdJobs();
    await kit.command('vm01 vm02 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.until(async () => (await kit.workflow('REQ-1')).moves[0]?.state === 'running', 'the first move running');
    // The operator changes the configuration (vsp1 now needs sudo) and restarts the bot mid-request.
    const changedFleet = kit.config.fleet.map((vsp) => (vsp.name === 'vsp1' ? { ...vsp, sudo: true } : vsp));
    await kit.restart({ fleet: changedFleet });
    kit.shell.releaseJobs();
    await kit.until(async () => (await kit.workflow('REQ-1')).request.state === 'failed', 'the request stopped');

    const after = await kit.workflow('REQ-1');
    expect(after.moves.map((move) => move.state)).toEqual(['succeeded', 'cancelled']);
    expect(startLines().map((exec) => exec.line)).toEqual([expect.stringContaining('vm01')]);
    const thread = (await kit.thread('REQ-1')).join('\n');
    expect(thread).toMatch(/the migrate line of vm02 renders now as .*sudo -n/);
  });

  it('verifies with the verification lines the plan stores', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await kit.command('vm01 to vsp2');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.idle();
    const { request } = await kit.workflow('REQ-1');
    const read = readPlanJson(request.planJson);
    if (!read.ok) throw new Error(read.problem);
    const { verifySource, verifyTarget } = read.plan.moves[0]?.commands ?? {};
    const ran = kit.shell.executed.map((exec) => `${exec.vsp}: ${exec.line}`);
    expect(ran).toContain(`vsp1: ${verifySource?.line}`);
    expect(ran).toContain(`vsp2: ${verifyTarget?.line}`);
    expect(request.state).toBe('completed');
  });
});
