import { afterEach, describe, expect, it } from 'vitest';
import { APPROVER, startKit, type Kit } from '../support/use-case-kit.ts';
import { useCaseFleet } from './use-case-fleet.ts';

let kit: Kit;
afterEach(async () => {
  await kit.stop();
});

describe('approve and run', () => {
  it('moves a guest online once approved, verified on the target', async () => {
    kit = await startKit({ fleet: useCaseFleet() });
    await kit.command('vm01 to vsp2');
    const { request } = await kit.workflow('REQ-1');
    expect(request.state).toBe('pending');
    await kit.click('REQ-1', 'approve', APPROVER);
    await kit.idle();
    const done = await kit.workflow('REQ-1');
    expect(done.request.state).toBe('completed');
    expect(done.moves[0]).toMatchObject({ state: 'succeeded', verifiedLocation: 'vsp2 (On (OS))' });
  });
});
