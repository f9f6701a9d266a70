/** Snapshot builders for the balancer tests: state only what a test is about. */
import type { BalanceHost, BalanceSnapshot, BalanceVm } from '../../../../src/domain/balance/balance-types.ts';

/** An HPVM 6.3 host, family 32 model 1, 8 cores, 64 GB, not in maintenance. */
export function host(name: string, overrides: Partial<BalanceHost> = {}): BalanceHost {
  return { name, cpuCores: 8, memoryMb: 65536, cpuFamily: 32, cpuModel: 1, hpvmVersion: '6.3', ...overrides };
}

/** A running, online-eligible guest with 2 vCPUs, 4 GB and a demand of 1 core. */
export function vm(name: string, on: string, cpuDemand: number, overrides: Partial<BalanceVm> = {}): BalanceVm {
  return {
    name,
    host: on,
    vcpus: 2,
    memoryMb: 4096,
    cpuDemand,
    state: 'On',
    onlineEligible: true,
    ...overrides,
  };
}

export function snapshot(hosts: BalanceHost[], vms: BalanceVm[]): BalanceSnapshot {
  return { hosts, vms };
}
