/**
 * Seeded snapshots for the balancing benchmark: small ones (3–8 VSPs, 10–40 guests) for the exact
 * comparison and a large one (1,000 VSPs × 20,000 guests) for time and memory. Heterogeneous on purpose:
 * processor groups, HPVM versions, core counts, maintenance hosts, pinned and ineligible guests,
 * stopped guests, anti-affinity groups, and memory pressure; the initial placement is skewed.
 */
import type { BalanceHost, BalanceSnapshot, BalanceVm } from '../../src/domain/balance/balance-types.ts';

/** mulberry32: small, fast, good enough for test data; the same seed gives the same stream. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface InstanceShape {
  readonly hosts: number;
  readonly guests: number;
  /** Share of host memory the `On` guests should use on average. */
  readonly memoryPressure: number;
  readonly processorGroups: number;
  readonly maintenanceShare: number;
  readonly groupShare: number;
  readonly groupSize: number;
  /** Mean CPU load of the active hosts after scaling the demands. */
  readonly meanLoad: number;
}

const PROCESSORS: readonly (readonly [number, number])[][] = [
  [
    [32, 0],
    [32, 1],
  ],
  [[33, 0]],
  [
    [31, 1],
    [31, 2],
  ],
];
const VERSIONS = ['6.1', '6.2', '6.3', '6.3', '6.3'];

export function generateInstance(seed: number, shape: InstanceShape): BalanceSnapshot {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const width = String(shape.hosts).length;
  const hosts: BalanceHost[] = [];
  const heat: number[] = [];
  for (let i = 0; i < shape.hosts; i++) {
    const group = PROCESSORS[Math.floor(random() * shape.processorGroups)] ?? PROCESSORS[0]!;
    const [cpuFamily, cpuModel] = pick(group);
    const cpuCores = pick([8, 16, 16, 32]);
    hosts.push({
      name: `vsp${String(i + 1).padStart(width, '0')}`,
      cpuCores,
      memoryMb: cpuCores * pick([4096, 8192]),
      cpuFamily,
      cpuModel,
      hpvmVersion: pick(VERSIONS),
      ...(random() < shape.maintenanceShare && i >= 2 ? { maintenance: true } : {}),
    });
    heat.push(0.5 + random() ** 2 * 1.2);
  }
  const capacity = hosts.reduce((sum, host) => sum + host.memoryMb, 0);
  const meanMemory = (capacity * shape.memoryPressure) / shape.guests;
  const used = hosts.map(() => 0);
  const cumulativeHeat: number[] = [];
  // Guests land on a host in proportion to its size and its heat: the imbalance the balancer is for.
  heat.reduce((sum, value, i) => {
    cumulativeHeat.push(sum + value * hosts[i]!.cpuCores);
    return sum + value * hosts[i]!.cpuCores;
  }, 0);
  const heatTotal = cumulativeHeat[cumulativeHeat.length - 1] ?? 1;
  const vms: BalanceVm[] = [];
  const guestWidth = String(shape.guests).length;
  let groupId = 0;
  let groupLeft = 0;
  for (let i = 0; i < shape.guests; i++) {
    const vcpus = pick([1, 2, 2, 4, 4, 8]);
    const memoryMb = Math.max(1024, Math.round((meanMemory * (0.3 + random() * 1.4)) / 1024) * 1024);
    const state = random() < 0.06 ? 'Off' : 'On';
    let host = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      host = lowerBound(cumulativeHeat, random() * heatTotal);
      if (state === 'Off' || used[host]! + memoryMb <= hosts[host]!.memoryMb) break;
    }
    const fits = used[host]! + memoryMb <= hosts[host]!.memoryMb;
    const on = state === 'On' && fits;
    if (on) used[host]! += memoryMb;
    let group: string | undefined;
    if (groupLeft > 0) {
      groupLeft -= 1;
      group = `g${groupId}`;
    } else if (random() < shape.groupShare / shape.groupSize) {
      groupId += 1;
      groupLeft = shape.groupSize - 1;
      group = `g${groupId}`;
    }
    vms.push({
      name: `vm${String(i + 1).padStart(guestWidth, '0')}`,
      host: hosts[host]!.name,
      vcpus,
      memoryMb,
      cpuDemand: vcpus * (0.1 + random() * 0.9) * Math.sqrt(heat[host]!),
      state: on ? 'On' : 'Off',
      onlineEligible: random() > 0.08,
      ...(random() < 0.06 ? { pinned: true } : {}),
      ...(group === undefined ? {} : { group }),
    });
  }
  return { hosts, vms: scaleDemand(hosts, vms, shape.meanLoad) };
}

/** Scales every guest's demand so the mean load of the active hosts is `meanLoad`; two decimals. */
function scaleDemand(hosts: readonly BalanceHost[], vms: readonly BalanceVm[], meanLoad: number): BalanceVm[] {
  const cores = hosts.filter((host) => host.maintenance !== true).reduce((sum, host) => sum + host.cpuCores, 0);
  const demand = vms.filter((vm) => vm.state === 'On').reduce((sum, vm) => sum + vm.cpuDemand, 0);
  const factor = demand > 0 ? (meanLoad * cores) / demand : 1;
  return vms.map((vm) => ({ ...vm, cpuDemand: Math.max(0.01, Math.round(vm.cpuDemand * factor * 100) / 100) }));
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface SmallInstance {
  readonly seed: number;
  readonly snapshot: BalanceSnapshot;
  readonly maxMoves: number;
}

/** The i-th small instance: 3–8 VSPs, 10–40 guests, k = 1..3. */
export function smallInstance(index: number): SmallInstance {
  const seed = 1000 + index;
  const random = seededRandom(seed * 7919);
  const hosts = 3 + Math.floor(random() * 6);
  const guests = 10 + Math.floor(random() * 31);
  const snapshot = generateInstance(seed, {
    hosts,
    guests,
    memoryPressure: 0.4 + random() * 0.45,
    processorGroups: random() < 0.7 ? 1 : 2,
    maintenanceShare: random() < 0.3 ? 0.15 : 0,
    groupShare: 0.2,
    groupSize: 2,
    meanLoad: 0.3 + random() * 0.4,
  });
  return { seed, snapshot, maxMoves: 1 + (index % 3) };
}

export function largeInstance(seed = 42): BalanceSnapshot {
  return generateInstance(seed, {
    hosts: 1000,
    guests: 20000,
    memoryPressure: 0.75,
    processorGroups: 3,
    maintenanceShare: 0.02,
    groupShare: 0.15,
    groupSize: 3,
    meanLoad: 0.55,
  });
}
