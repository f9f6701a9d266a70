import type { BalanceModel } from './balance-model.ts';
import type { LoadFigures } from './balance-types.ts';

/** Each host's CPU load for a placement (guest → host): Σ demand of its guests ÷ its cores. */
export function hostLoads(model: BalanceModel, position: ArrayLike<number>): Float64Array {
  const demand = new Float64Array(model.hostNames.length);
  for (let guest = 0; guest < position.length; guest++) {
    const host = position[guest] ?? 0;
    demand[host] = (demand[host] ?? 0) + (model.demand[guest] ?? 0);
  }
  return demand.map((sum, host) => sum / (model.cores[host] ?? 1));
}

/** Population sd (two-pass, for the figures people read) and maximum over the hosts not in maintenance. */
export function loadFigures(model: BalanceModel, loads: ArrayLike<number>): LoadFigures {
  const values: number[] = [];
  for (let host = 0; host < loads.length; host++) if (model.active[host] === 1) values.push(loads[host] ?? 0);
  if (values.length === 0) return { cpuStdDev: 0, maxCpuLoad: 0 };
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { cpuStdDev: Math.sqrt(variance), maxCpuLoad: Math.max(...values) };
}
