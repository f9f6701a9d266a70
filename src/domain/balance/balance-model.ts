import { compareText } from '../rules/compare-text.ts';
import type { BalanceHost, BalanceSnapshot } from './balance-types.ts';
import { onlineDestination } from './online-destination.ts';

/**
 * The snapshot compiled for the search: hosts and `On` guests sorted by name (so the plan does not
 * depend on input order) and indexed, numbers in typed arrays. `Off` guests use no CPU or memory and
 * never move, so they are left out. Hosts whose processor and HPVM version are the same form a class;
 * active hosts of one class with the same core count form an "atom": within an atom the least loaded
 * host that fits is always the best target of a single move (see scan-relocations.ts).
 */
export interface BalanceModel {
  readonly hostNames: readonly string[];
  readonly hosts: readonly BalanceHost[];
  readonly cores: Float64Array;
  readonly memoryCap: Float64Array;
  /** 1 when the host is not in maintenance: it counts in the sd and may receive guests. */
  readonly active: Uint8Array;
  readonly activeCount: number;
  /** Fewest and most cores of an active host (bounds in scan-relocations.ts). */
  readonly minCores: number;
  readonly maxCores: number;
  /** Host → atom, -1 for a host in maintenance. */
  readonly atomOf: Int32Array;
  /** Atom → its hosts (name order). */
  readonly atoms: readonly Int32Array[];
  readonly classOf: Int32Array;
  /** Source class → the atoms its guests may move to online. */
  readonly destinationAtoms: readonly Int32Array[];
  /** classCount × classCount: 1 when a guest of the row class may move online to the column class. */
  readonly destinationClass: Uint8Array;
  readonly classCount: number;
  readonly guestNames: readonly string[];
  readonly home: Int32Array;
  readonly demand: Float64Array;
  readonly memory: Float64Array;
  readonly movable: Uint8Array;
  /** Group id or -1. */
  readonly group: Int32Array;
  readonly groupCount: number;
  /** Host → the guests that live there before the plan (index order). */
  readonly guestsByHome: readonly Int32Array[];
  /** Host → memory of its guests before the plan. */
  readonly initialMemory: Float64Array;
}

export function buildBalanceModel(snapshot: BalanceSnapshot): BalanceModel {
  const hosts = [...snapshot.hosts].sort((a, b) => compareText(a.name, b.name));
  const hostIndex = new Map(hosts.map((host, index) => [host.name, index]));
  const hostCount = hosts.length;
  const cores = Float64Array.from(hosts, (host) => host.cpuCores);
  const memoryCap = Float64Array.from(hosts, (host) => host.memoryMb);
  const active = Uint8Array.from(hosts, (host) => (host.maintenance === true ? 0 : 1));

  const classKeys = [...new Set(hosts.map(classKey))].sort(compareText);
  const classIndex = new Map(classKeys.map((key, index) => [key, index]));
  const classOf = Int32Array.from(hosts, (host) => classIndex.get(classKey(host)) ?? -1);
  const classHost = classKeys.map((key) => hosts.find((host) => classKey(host) === key) as BalanceHost);
  const classCount = classKeys.length;
  const destinationClass = new Uint8Array(classCount * classCount);
  classHost.forEach((source, from) =>
    classHost.forEach((target, to) => {
      destinationClass[from * classCount + to] = onlineDestination(source, target) ? 1 : 0;
    }),
  );

  const atomKeys = new Map<string, number>();
  const atomHosts: number[][] = [];
  const atomClass: number[] = [];
  const atomOf = new Int32Array(hostCount).fill(-1);
  hosts.forEach((host, index) => {
    if (active[index] === 0) return;
    const key = `${classOf[index]}|${host.cpuCores}`;
    let atom = atomKeys.get(key);
    if (atom === undefined) {
      atom = atomHosts.length;
      atomKeys.set(key, atom);
      atomHosts.push([]);
      atomClass.push(classOf[index] ?? -1);
    }
    atomHosts[atom]?.push(index);
    atomOf[index] = atom;
  });
  const destinationAtoms = classKeys.map((_key, from) =>
    Int32Array.from(atomClass.flatMap((to, atom) => (destinationClass[from * classCount + to] === 1 ? [atom] : []))),
  );

  const guests = snapshot.vms.filter((vm) => vm.state === 'On').sort((a, b) => compareText(a.name, b.name));
  const groupNames = [...new Set(guests.flatMap((vm) => (vm.group === undefined ? [] : [vm.group])))].sort(compareText);
  const groupIndex = new Map(groupNames.map((name, index) => [name, index]));
  const home = Int32Array.from(guests, (vm) => {
    const index = hostIndex.get(vm.host);
    if (index === undefined) throw new Error(`balance: guest ${vm.name} is on unknown host ${vm.host}`);
    return index;
  });
  const byHome: number[][] = hosts.map(() => []);
  const initialMemory = new Float64Array(hostCount);
  home.forEach((host, guest) => {
    byHome[host]?.push(guest);
    initialMemory[host] = (initialMemory[host] ?? 0) + (guests[guest]?.memoryMb ?? 0);
  });
  return {
    hostNames: hosts.map((host) => host.name),
    hosts,
    cores,
    memoryCap,
    active,
    activeCount: active.reduce((sum, flag) => sum + flag, 0),
    minCores: Math.min(...hosts.filter((host) => host.maintenance !== true).map((host) => host.cpuCores), Infinity),
    maxCores: Math.max(...hosts.filter((host) => host.maintenance !== true).map((host) => host.cpuCores), 0),
    atomOf,
    atoms: atomHosts.map((list) => Int32Array.from(list)),
    classOf,
    destinationAtoms,
    destinationClass,
    classCount,
    guestNames: guests.map((vm) => vm.name),
    home,
    demand: Float64Array.from(guests, (vm) => vm.cpuDemand),
    memory: Float64Array.from(guests, (vm) => vm.memoryMb),
    movable: Uint8Array.from(guests, (vm) => (vm.onlineEligible && vm.pinned !== true ? 1 : 0)),
    group: Int32Array.from(guests, (vm) => (vm.group === undefined ? -1 : (groupIndex.get(vm.group) ?? -1))),
    groupCount: groupNames.length,
    guestsByHome: byHome.map((list) => Int32Array.from(list)),
    initialMemory,
  };
}

/** Whether a guest living on `source` may move online to `target` (ignores memory, groups and load). */
export function mayMoveOnline(model: BalanceModel, source: number, target: number): boolean {
  if (source === target || model.active[target] === 0) return false;
  const from = model.classOf[source] ?? 0;
  const to = model.classOf[target] ?? 0;
  return model.destinationClass[from * model.classCount + to] === 1;
}

function classKey(host: BalanceHost): string {
  return `${host.cpuFamily}/${host.cpuModel}/${host.hpvmVersion}`;
}
