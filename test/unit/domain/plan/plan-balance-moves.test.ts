import { describe, expect, it } from 'vitest';
import { planBalanceMoves } from '../../../../src/domain/plan/plan-balance-moves.ts';
import type { BalancePlanRequest } from '../../../../src/domain/plan/plan-types.ts';
import { makeGuest, makeHost, makePlanInput } from '../../../support/builders.ts';

function request(moves: BalancePlanRequest['moves']): BalancePlanRequest {
  return {
    kind: 'balance',
    moves,
    loadsBefore: {},
    loadsAfter: {},
    before: { cpuStdDev: 0.3, maxCpuLoad: 0.9 },
    after: { cpuStdDev: 0.1, maxCpuLoad: 0.6 },
  };
}

describe('planBalanceMoves', () => {
  const input = makePlanInput({
    hosts: [
      makeHost('vsp1', { guests: [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02' })] }),
      makeHost('vsp2', { guests: [makeGuest({ name: 'vm03' })] }),
      makeHost('vsp3'),
      makeHost('vsp4'),
    ],
    settings: { maxParallelMigrations: 2 },
  });

  it('checks every proposed move with the rules and keeps the balancer’s round order', () => {
    const plan = planBalanceMoves(
      request([
        { vm: 'vm01', from: 'vsp1', to: 'vsp3', round: 1, reason: 'a' },
        { vm: 'vm03', from: 'vsp2', to: 'vsp4', round: 1, reason: 'b' },
        { vm: 'vm02', from: 'vsp1', to: 'vsp4', round: 2, reason: 'c' },
      ]),
      input,
    );
    expect(plan.ok).toBe(true);
    expect(plan.moves.map((move) => [move.guest.name, move.mode, move.commands.migrate.line])).toEqual([
      ['vm01', 'online', '/opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp3'],
      ['vm03', 'online', '/opt/hpvm/bin/hpvmmigrate -o -P vm03 -h vsp4'],
      ['vm02', 'online', '/opt/hpvm/bin/hpvmmigrate -o -P vm02 -h vsp4'],
    ]);
    // Round 2 stays after round 1 even though vsp1 and vsp4 are free to take vm02 at once.
    expect(plan.rounds).toEqual([[0, 1], [2]]);
  });

  it('blocks a move the rules refuse (here: the guest is not where the balancer thought)', () => {
    const plan = planBalanceMoves(request([{ vm: 'vm03', from: 'vsp1', to: 'vsp3', round: 1, reason: 'x' }]), input);
    expect(plan.ok).toBe(false);
    expect(plan.blocked.map((entry) => entry.guest)).toEqual(['vm03']);
  });
});
