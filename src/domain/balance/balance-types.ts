/**
 * The balancer's input and output (`balance` in README.md, "Command line"). The CLI reads the snapshot through
 * balance-snapshot-schema.ts; the app builds it from the inventory. Plain data in, plain data out.
 */

export type BalanceGuestState = 'On' | 'Off';

export interface BalanceHost {
  readonly name: string;
  readonly cpuCores: number;
  readonly memoryMb: number;
  readonly cpuFamily: number;
  readonly cpuModel: number;
  readonly hpvmVersion: string;
  readonly maintenance?: boolean;
}

export interface BalanceVm {
  readonly name: string;
  readonly host: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  /** CPU cores the guest uses (not a percentage): a host's load is the sum over its `On` guests ÷ its cores. */
  readonly cpuDemand: number;
  readonly state: BalanceGuestState;
  readonly onlineEligible: boolean;
  readonly pinned?: boolean;
  /** Anti-affinity group: its guests must not end up together unless they already were. */
  readonly group?: string;
}

export interface BalanceSnapshot {
  readonly hosts: readonly BalanceHost[];
  readonly vms: readonly BalanceVm[];
}

export interface BalanceOptions {
  /** Move budget k: at most this many guests move (each at most once). */
  readonly maxMoves: number;
  /**
   * Anti-churn price of one move (default DEFAULT_MIN_GAIN_PER_MOVE): a plan with more moves must lower
   * the spread Σ(load − mean)² over the active hosts (n × variance) by at least this much per extra move.
   * The spread, not the sd, because one move changes the sd of n hosts by about 1/n: a fixed step in sd
   * would allow churn on 5 hosts and forbid every move on 1,000. 0.01 is, for example, moving 5 % of a
   * host's capacity from a host 10 points above the mean to one 5 points below it.
   */
  readonly minGainPerMove?: number;
  /**
   * How many of the most and least loaded hosts the pair search (swaps, chains, replacements) looks at
   * on big fleets; single moves always consider every guest. Default DEFAULT_PAIR_HOSTS.
   */
  readonly pairHosts?: number;
  /**
   * Work budget of the improvement phase after the first local optimum, in candidate evaluations
   * (deterministic, unlike a time limit). Default DEFAULT_SEARCH_EFFORT.
   */
  readonly searchEffort?: number;
}

export const DEFAULT_MIN_GAIN_PER_MOVE = 0.01;
export const DEFAULT_PAIR_HOSTS = 6;
export const DEFAULT_SEARCH_EFFORT = 1_000_000;

export interface LoadFigures {
  /** Population standard deviation of CPU load over the hosts not in maintenance. */
  readonly cpuStdDev: number;
  /** Highest CPU load over the hosts not in maintenance (1 = every core busy). */
  readonly maxCpuLoad: number;
}

export interface BalanceMove {
  readonly vm: string;
  readonly from: string;
  readonly to: string;
  readonly mode: 'online';
  /** 1-based; within a round each VSP takes part in at most one move. */
  readonly round: number;
}

export interface HostLoad {
  readonly host: string;
  readonly maintenance: boolean;
  readonly cpuCores: number;
  readonly before: number;
  readonly after: number;
}

export interface BalanceResult {
  /** In execution order: by round, then by guest name. Applying them in this order is always valid. */
  readonly moves: readonly BalanceMove[];
  readonly before: LoadFigures;
  readonly after: LoadFigures;
  /** One per move, same order: the load change on both hosts, e.g. "vsp3 62% → 48%, vsp7 21% → 35%". */
  readonly reasons: readonly string[];
  /** Every host by name, with its load before and after the whole plan (for tables and Slack bars). */
  readonly hosts: readonly HostLoad[];
}
