/**
 * oVirt `evenly_distributed` CPU balancing (EvenDistributionBalancePolicyUnit), one migration per cycle,
 * seeded defaults: HighUtilization 75 %, UtilizationThresholdInPercent 80, VcpuConsumptionPercentage 20.
 * A cycle takes the most loaded host at or above 75 %, picks its guest with the lowest CPU use that some
 * host under min(80 % × 75 %, 75 % − 20 %) = 55 % can take (shared hard constraints), and moves it to
 * the least loaded such host. Cycles repeat until nothing is over-utilised, nothing can move, or k moves.
 * CpuOverCommitDurationMinutes (2) is not modelled: a snapshot is one sample.
 */
import { movable, type Fleet } from '../fleet.ts';
import { BaselineState, type BaselineRun } from './baseline-state.ts';

const HIGH = 0.75;
const DESTINATION_LIMIT = Math.min((0.8 * 75) / 100, 0.75 - 0.2);

export function ovirtEvenlyDistributed(fleet: Fleet, maxMoves: number): BaselineRun {
  const state = new BaselineState(fleet);
  while (state.moves.length < maxMoves) {
    const over = state
      .activeHosts()
      .filter((host) => (state.loads[host] ?? 0) >= HIGH)
      .sort((a, b) => (state.loads[b] ?? 0) - (state.loads[a] ?? 0) || a - b);
    const source = over[0];
    if (source === undefined) break;
    const under = state
      .activeHosts()
      .filter((host) => (state.loads[host] ?? 0) < DESTINATION_LIMIT)
      .sort((a, b) => (state.loads[a] ?? 0) - (state.loads[b] ?? 0) || a - b);
    const guests = state
      .guestsOn(source)
      .filter((guest) => movable(fleet, guest) && state.position[guest] === fleet.home[guest])
      .sort((a, b) => (fleet.guests[a]?.cpuDemand ?? 0) - (fleet.guests[b]?.cpuDemand ?? 0) || a - b);
    let moved = false;
    for (const guest of guests) {
      const to = under.find((host) => state.allowed({ guest, to: host }));
      if (to === undefined) continue;
      state.apply({ guest, to });
      moved = true;
      break;
    }
    if (!moved) break;
  }
  return { name: 'ovirt', moves: state.moves };
}
