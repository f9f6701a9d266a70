/**
 * An independent checker for balance plans, written for the tests from the `balance` contract alone (README.md,
 * "Command line") (it shares no code with the planner): every rule a plan must keep, and the figures it reports,
 * recomputed. Returns the list of violations (empty = valid).
 */
import type { BalanceResult, BalanceSnapshot, BalanceVm } from '../../../../src/domain/balance/balance-types.ts';
import { ONLINE_VERSION_PATHS } from '../../../../src/domain/rules/version-paths.ts';

const FIGURE_TOLERANCE = 1e-9;

export function checkPlan(input: BalanceSnapshot, maxMoves: number, result: BalanceResult): string[] {
  const problems: string[] = [];
  const hosts = new Map(input.hosts.map((h) => [h.name, h]));
  const running = new Map(input.vms.filter((v) => v.state === 'On').map((v) => [v.name, v]));
  const placement = new Map([...running.values()].map((v) => [v.name, v.host]));

  if (result.moves.length > maxMoves) problems.push(`${result.moves.length} moves > k = ${maxMoves}`);
  const seen = new Set<string>();
  for (const move of result.moves) {
    const guest = running.get(move.vm);
    const source = hosts.get(move.from);
    const target = hosts.get(move.to);
    if (seen.has(move.vm)) problems.push(`${move.vm} moves twice`);
    seen.add(move.vm);
    if (guest === undefined) {
      problems.push(`${move.vm} is not a running guest`);
      continue;
    }
    if (!guest.onlineEligible) problems.push(`${move.vm} is not eligible for online migration`);
    if (guest.pinned === true) problems.push(`${move.vm} is pinned`);
    if (move.mode !== 'online') problems.push(`${move.vm}: mode ${String(move.mode)}`);
    if (move.from !== guest.host) problems.push(`${move.vm} moves from ${move.from}, lives on ${guest.host}`);
    if (source === undefined || target === undefined || move.from === move.to) {
      problems.push(`${move.vm}: bad route ${move.from} → ${move.to}`);
      continue;
    }
    if (target.maintenance === true) problems.push(`${move.vm}: target ${move.to} is in maintenance`);
    if (!sameProcessorGroup(source.cpuFamily, source.cpuModel, target.cpuFamily, target.cpuModel))
      problems.push(`${move.vm}: processors ${move.from} → ${move.to} incompatible`);
    const allowed =
      source.hpvmVersion === target.hpvmVersion ||
      ONLINE_VERSION_PATHS[source.hpvmVersion]?.includes(target.hpvmVersion);
    if (allowed !== true) problems.push(`${move.vm}: HPVM ${source.hpvmVersion} → ${target.hpvmVersion} not online`);
  }

  // Rounds: 1, 2, … in order, each VSP at most once per round; memory and groups valid after every round.
  const rounds = [...new Set(result.moves.map((m) => m.round))];
  rounds.forEach((round, index) => {
    if (round !== index + 1) problems.push(`rounds are not 1..n in order: ${rounds.join(',')}`);
  });
  for (const round of rounds) {
    const inRound = result.moves.filter((m) => m.round === round);
    const vsps = inRound.flatMap((m) => [m.from, m.to]);
    if (new Set(vsps).size !== vsps.length) problems.push(`round ${round}: a VSP is in two moves`);
    for (const move of inRound) if (running.has(move.vm)) placement.set(move.vm, move.to);
    for (const move of inRound) {
      const target = hosts.get(move.to);
      const used = [...running.values()]
        .filter((v) => placement.get(v.name) === move.to)
        .reduce((s, v) => s + v.memoryMb, 0);
      if (target !== undefined && used > target.memoryMb + 1e-9)
        problems.push(`after round ${round}: ${move.to} uses ${used} MB of ${target.memoryMb}`);
    }
    problems.push(...groupProblems([...running.values()], placement, `after round ${round}`));
  }

  const before = figures(input, new Map([...running.values()].map((v) => [v.name, v.host])));
  const after = figures(input, placement);
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= FIGURE_TOLERANCE;
  if (!close(before.sd, result.before.cpuStdDev)) problems.push(`before sd ${result.before.cpuStdDev} ≠ ${before.sd}`);
  if (!close(before.max, result.before.maxCpuLoad))
    problems.push(`before max ${result.before.maxCpuLoad} ≠ ${before.max}`);
  if (!close(after.sd, result.after.cpuStdDev)) problems.push(`after sd ${result.after.cpuStdDev} ≠ ${after.sd}`);
  if (!close(after.max, result.after.maxCpuLoad)) problems.push(`after max ${result.after.maxCpuLoad} ≠ ${after.max}`);
  if (after.sd > before.sd + 1e-12) problems.push(`sd rises: ${before.sd} → ${after.sd}`);
  if (after.max > before.max + FIGURE_TOLERANCE) problems.push(`max load rises: ${before.max} → ${after.max}`);
  if (result.reasons.length !== result.moves.length) problems.push('one reason per move');
  return problems;
}

function sameProcessorGroup(familyA: number, modelA: number, familyB: number, modelB: number): boolean {
  if (familyA !== familyB) return false;
  if (familyA === 31 || modelA === modelB) return true;
  return familyA === 32 && modelA <= 1 && modelB <= 1;
}

/** Two guests of a group on one host must have lived on one host before. */
function groupProblems(guests: readonly BalanceVm[], placement: ReadonlyMap<string, string>, when: string): string[] {
  const problems: string[] = [];
  for (const a of guests) {
    for (const b of guests) {
      if (a.name >= b.name || a.group === undefined || a.group !== b.group) continue;
      if (placement.get(a.name) === placement.get(b.name) && a.host !== b.host)
        problems.push(`${when}: ${a.name} and ${b.name} (group ${a.group}) meet on ${placement.get(a.name)}`);
    }
  }
  return problems;
}

/** Population sd and max of Σ demand / cores over the hosts not in maintenance. */
function figures(input: BalanceSnapshot, placement: ReadonlyMap<string, string>): { sd: number; max: number } {
  const loads = input.hosts
    .filter((h) => h.maintenance !== true)
    .map((h) => {
      const demand = input.vms
        .filter((v) => v.state === 'On' && placement.get(v.name) === h.name)
        .reduce((s, v) => s + v.cpuDemand, 0);
      return demand / h.cpuCores;
    });
  if (loads.length === 0) return { sd: 0, max: 0 };
  const mean = loads.reduce((s, l) => s + l, 0) / loads.length;
  return {
    sd: Math.sqrt(loads.reduce((s, l) => s + (l - mean) ** 2, 0) / loads.length),
    max: Math.max(...loads),
  };
}

/**
 * The sd after the best plan of at most one move, by trying every guest on every host: the objective
 * n × variance + price × moves (the `balance` objective plus the anti-churn price), the highest load not rising,
 * the memory fitting and no group meeting.
 */
export function bestSingleMoveSd(input: BalanceSnapshot, price: number): number {
  const running = input.vms.filter((v) => v.state === 'On');
  const home = new Map(running.map((v) => [v.name, v.host]));
  const base = figures(input, home);
  const active = input.hosts.filter((h) => h.maintenance !== true).length;
  let best = { objective: active * base.sd ** 2, sd: base.sd };
  for (const guest of running) {
    if (!guest.onlineEligible || guest.pinned === true) continue;
    const source = input.hosts.find((h) => h.name === guest.host);
    for (const target of input.hosts) {
      if (source === undefined || target === source || target.maintenance === true) continue;
      if (!sameProcessorGroup(source.cpuFamily, source.cpuModel, target.cpuFamily, target.cpuModel)) continue;
      if (
        source.hpvmVersion !== target.hpvmVersion &&
        ONLINE_VERSION_PATHS[source.hpvmVersion]?.includes(target.hpvmVersion) !== true
      )
        continue;
      const used = running.filter((v) => v.host === target.name).reduce((s, v) => s + v.memoryMb, 0);
      if (used + guest.memoryMb > target.memoryMb) continue;
      const placement = new Map(home).set(guest.name, target.name);
      if (groupProblems(running, placement, '').length > 0) continue;
      const after = figures(input, placement);
      if (after.max > base.max + 1e-12) continue;
      const objective = active * after.sd ** 2 + price;
      if (objective < best.objective - 1e-12) best = { objective, sd: after.sd };
    }
  }
  return best.sd;
}
