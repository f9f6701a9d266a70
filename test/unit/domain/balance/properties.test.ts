/**
 * Property tests of the balancer against the independent checker (plan-checker.ts): 10,000 random
 * small fleets (mixed processors and HPVM versions, maintenance hosts, stopped, pinned and ineligible
 * guests, anti-affinity groups, tight memory), 2,000 checks that k = 1 gives the best single move, and
 * 1,000 shuffled inputs for determinism.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceJson } from '../../../../src/domain/balance/balance-json.ts';
import type { BalanceSnapshot } from '../../../../src/domain/balance/balance-types.ts';
import { planBalance } from '../../../../src/domain/balance/plan-balance.ts';
import { bestSingleMoveSd, checkPlan } from './plan-checker.ts';

const PROCESSORS: [number, number][] = [
  [31, 1],
  [31, 2],
  [32, 0],
  [32, 1],
  [32, 2],
  [33, 0],
];

// Mostly one processor group and one HPVM version, so that moves are possible; the rest for the rules.
/** True one time in `n`. */
function oneIn(n: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 1, max: n }).map((value) => value === 1);
}

const hostArbitrary = fc.record({
  cpuCores: fc.constantFrom(1, 2, 4, 8),
  memoryMb: fc.constantFrom(4096, 8192, 16384, 32768),
  processor: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<[number, number]>([32, 0], [32, 1]) },
    { weight: 1, arbitrary: fc.constantFrom(...PROCESSORS) },
  ),
  hpvmVersion: fc.oneof(
    { weight: 6, arbitrary: fc.constant('6.3') },
    { weight: 1, arbitrary: fc.constantFrom('6.2', '6.1', '4.3', '9.9') },
  ),
  maintenance: oneIn(10),
});

const guestArbitrary = fc.record({
  host: fc.nat(),
  vcpus: fc.integer({ min: 1, max: 4 }),
  memoryMb: fc.constantFrom(512, 1024, 2048, 4096),
  cpuDemand: fc.integer({ min: 0, max: 400 }).map((centi) => centi / 100),
  on: oneIn(10).map((off) => !off),
  onlineEligible: oneIn(10).map((no) => !no),
  pinned: oneIn(10),
  group: fc.constantFrom(undefined, undefined, undefined, 'a', 'b'),
});

const snapshotArbitrary: fc.Arbitrary<BalanceSnapshot> = fc
  .record({
    hosts: fc.array(hostArbitrary, { minLength: 1, maxLength: 6 }),
    guests: fc.array(guestArbitrary, { maxLength: 16 }),
  })
  .map(({ hosts, guests }) => ({
    hosts: hosts.map(({ processor, maintenance, ...rest }, i) => ({
      name: `vsp${i + 1}`,
      cpuFamily: processor[0],
      cpuModel: processor[1],
      ...rest,
      ...(maintenance ? { maintenance } : {}),
    })),
    vms: guests.map(({ host, on, pinned, group, ...rest }, i) => ({
      name: `vm${String(i + 1).padStart(2, '0')}`,
      host: `vsp${(host % hosts.length) + 1}`,
      state: on ? ('On' as const) : ('Off' as const),
      ...rest,
      ...(pinned ? { pinned } : {}),
      ...(group === undefined ? {} : { group }),
    })),
  }));

const optionsArbitrary = fc.record({
  maxMoves: fc.integer({ min: 0, max: 5 }),
  minGainPerMove: fc.constantFrom(undefined, undefined, 0, 0.001, 0.05),
});

describe('planBalance properties', () => {
  it('every plan passes the independent checker (10,000 fleets)', () => {
    const seen = { withMoves: 0, multiRound: 0, maxBudgetUsed: 0 };
    fc.assert(
      fc.property(snapshotArbitrary, optionsArbitrary, (input, { maxMoves, minGainPerMove }) => {
        const result = planBalance(input, minGainPerMove === undefined ? { maxMoves } : { maxMoves, minGainPerMove });
        expect(checkPlan(input, maxMoves, result)).toEqual([]);
        if (result.moves.length > 0) seen.withMoves += 1;
        if (result.moves.some((move) => move.round > 1)) seen.multiRound += 1;
        if (maxMoves > 1 && result.moves.length === maxMoves) seen.maxBudgetUsed += 1;
      }),
      { numRuns: 10_000, seed: 20_240_611 },
    );
    // Not vacuous: many plans move guests, some need several rounds or the whole budget.
    expect(seen.withMoves).toBeGreaterThan(3_000);
    expect(seen.multiRound).toBeGreaterThan(1_000);
    expect(seen.maxBudgetUsed).toBeGreaterThan(500);
  });

  it('with k = 1 finds the best single move (exhaustive, 2,000 fleets)', () => {
    fc.assert(
      fc.property(snapshotArbitrary, fc.constantFrom(0, 0.01, 0.05), (input, minGainPerMove) => {
        const result = planBalance(input, { maxMoves: 1, minGainPerMove });
        expect(result.after.cpuStdDev).toBeCloseTo(bestSingleMoveSd(input, minGainPerMove), 9);
      }),
      { numRuns: 2_000, seed: 11 },
    );
  });

  it('does not depend on the order of hosts and guests (1,000 shuffles)', () => {
    fc.assert(
      fc.property(
        snapshotArbitrary,
        fc.integer({ min: 1, max: 4 }),
        fc.infiniteStream(fc.nat()),
        (input, maxMoves, keys) => {
          const shuffled = {
            hosts: shuffle(input.hosts, keys),
            vms: shuffle(input.vms, keys),
          };
          expect(balanceJson(planBalance(shuffled, { maxMoves }))).toBe(balanceJson(planBalance(input, { maxMoves })));
        },
      ),
      { numRuns: 1_000, seed: 7 },
    );
  });
});

function shuffle<T>(items: readonly T[], keys: fc.Stream<number>): T[] {
  const copy = [...items];
  const iterator = keys[Symbol.iterator]();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (iterator.next().value as number) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
