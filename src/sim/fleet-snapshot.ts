/** The fleet as plain data for a page or a test: per VSP its guests, states and load. */
import type { HostFaults } from './fleet-file.ts';
import type { MigrationInFlight } from './migration-in-flight.ts';
import { freeMemoryMb, stateText, type GuestRunState, type SimHost } from './sim-host.ts';

export interface GuestSnapshot {
  readonly name: string;
  readonly vmNumber: number;
  readonly kind: 'vm' | 'vpar';
  readonly os: string;
  readonly state: GuestRunState;
  /** As hpvmstatus prints it: `On (OS)`, `Off`, `Off (NR)`. */
  readonly stateText: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly cpuUsagePct: number;
  /** Set while the guest takes part in a migration from or to this VSP. */
  readonly migrating?: 'out' | 'in';
}

export interface VspSnapshot {
  readonly name: string;
  readonly hpvmVersion: string;
  readonly cpuFamily: number;
  readonly cpuModel: number;
  readonly cores: number;
  readonly memoryMb: number;
  readonly freeMemoryMb: number;
  /** Σ vCPUs × usage of running guests over the host's cores, in percent. */
  readonly cpuLoadPct: number;
  readonly faults: HostFaults;
  readonly guests: readonly GuestSnapshot[];
}

export interface FleetSnapshot {
  readonly vsps: readonly VspSnapshot[];
  readonly migrations: readonly MigrationInFlight[];
}

export function buildSnapshot(hosts: readonly SimHost[], migrations: readonly MigrationInFlight[]): FleetSnapshot {
  return {
    vsps: hosts.map((host) => {
      const running = host.guests.filter((guest) => guest.state === 'On');
      const busyCores = running.reduce((sum, guest) => sum + (guest.config.vcpus * guest.config.cpuUsagePct) / 100, 0);
      return {
        name: host.name,
        hpvmVersion: host.hpvmVersion,
        cpuFamily: host.cpu.family,
        cpuModel: host.cpu.model,
        cores: host.cpu.cores,
        memoryMb: host.memoryMb,
        freeMemoryMb: freeMemoryMb(host),
        cpuLoadPct: Math.round((busyCores / host.cpu.cores) * 1000) / 10,
        faults: structuredClone(host.faults),
        guests: host.guests.map((guest) => {
          const migration = migrations.find((candidate) => candidate.guest === guest.config.name);
          const direction =
            migration?.source === host.name ? 'out' : migration?.target === host.name ? 'in' : undefined;
          return {
            name: guest.config.name,
            vmNumber: guest.vmNumber,
            kind: guest.config.kind,
            os: guest.config.os,
            state: guest.state,
            stateText: stateText(guest.state),
            vcpus: guest.config.vcpus,
            memoryMb: guest.config.memoryMb,
            cpuUsagePct: guest.config.cpuUsagePct,
            ...(direction === undefined ? {} : { migrating: direction }),
          };
        }),
      };
    }),
    migrations: [...migrations],
  };
}
