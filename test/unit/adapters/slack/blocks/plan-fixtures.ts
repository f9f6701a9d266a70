/** Plans for the message builders' tests: a crowded evacuation, and a balancing suggestion. */
import { planBalanceMoves } from '../../../../../src/domain/plan/plan-balance-moves.ts';
import { planEvacuation } from '../../../../../src/domain/plan/plan-evacuation.ts';
import type { BalanceMoveIntent, Plan } from '../../../../../src/domain/plan/plan-types.ts';
import type { Guest } from '../../../../../src/domain/inventory.ts';
import { makeDisk, makeEvacuateRequest, makeGuest, makeHost, makePlanInput } from '../../../../support/builders.ts';

/**
 * `/migrate evacuate vsp1` of a crowded host: most guests move online (13 checks each), some are off,
 * and every sixth is a Linux guest on LVM that cannot go online anywhere (blocked, with fixes).
 */
export function evacuation(guestCount: number, options: { readonly blocked: boolean }): Plan {
  const guests: Guest[] = [];
  for (let i = 1; i <= guestCount; i++) {
    const name = `guest${String(i).padStart(3, '0')}.prod-cluster-${i % 7}`;
    if (options.blocked && i % 6 === 0)
      guests.push(makeGuest({ name, os: 'LINUX', storage: [makeDisk({ backing: 'lv' })] }));
    else if (i % 5 === 0) guests.push(makeGuest({ name, state: 'Off', memoryMb: 2048 }));
    else guests.push(makeGuest({ name, memoryMb: 2048, vcpus: 1 + (i % 4) }));
  }
  const big = { memoryMb: 1024 * 1024 };
  const input = makePlanInput({
    hosts: [
      makeHost('vsp1', { guests }),
      makeHost('vsp2', { inventory: big }),
      makeHost('vsp3', { inventory: big }),
      makeHost('vsp4', { inventory: big }),
      makeHost('vsp5', { inventory: big }),
    ],
    settings: { maxParallelMigrations: 4 },
  });
  return planEvacuation(makeEvacuateRequest('vsp1'), input);
}

/**
 * A balancing suggestion of `count` online moves from vsp1 to vsp2 and vsp3 (alternately), in rounds of
 * two as the balancer would propose them.
 */
export function balanceSuggestionPlan(count: number): Plan {
  const guests = Array.from({ length: count }, (_, i) =>
    makeGuest({ name: `vm${String(i + 1).padStart(2, '0')}`, memoryMb: 1024, vcpus: 1 }),
  );
  const big = { memoryMb: 1024 * 1024 };
  const input = makePlanInput({
    hosts: [makeHost('vsp1', { guests }), makeHost('vsp2', { inventory: big }), makeHost('vsp3', { inventory: big })],
    settings: { maxParallelMigrations: 2 },
  });
  const moves: BalanceMoveIntent[] = guests.map((guest, i) => ({
    vm: guest.name,
    from: 'vsp1',
    to: i % 2 === 0 ? 'vsp2' : 'vsp3',
    round: Math.floor(i / 2) + 1,
    reason: `vsp1 is at 92% CPU; ${guest.name} uses 1.2 cores`,
  }));
  return planBalanceMoves(
    {
      kind: 'balance',
      moves,
      loadsBefore: { vsp1: 0.92, vsp2: 0.31, vsp3: 0.4 },
      loadsAfter: { vsp1: 0.61, vsp2: 0.47, vsp3: 0.55 },
      before: { cpuStdDev: 0.263, maxCpuLoad: 0.92 },
      after: { cpuStdDev: 0.059, maxCpuLoad: 0.61 },
    },
    input,
  );
}
