/**
 * The state of the simulated fleet: hosts, guest copies, migrations in flight (which are also the locks)
 * and injected faults. Commands read it and change it only through these methods, so every change is
 * announced to subscribers (the sandbox page) and the lock rules hold however commands interleave.
 */
import type { Fleet, HostFaults } from './fleet-file.ts';
import { buildSnapshot, type FleetSnapshot } from './fleet-snapshot.ts';
import { resolveGuestConfig } from './guest-config.ts';
import type { MigrationInFlight, MigrationMode } from './migration-in-flight.ts';
import { SimError } from './sim-error.ts';
import {
  freeMemoryMb,
  freePe,
  hostFromSpec,
  type GuestRunState,
  type MutableSimHost,
  type SimGuest,
  type SimHost,
} from './sim-host.ts';
import { realTimers, type SimTimers } from './sim-timers.ts';

export type FleetEvent =
  | { readonly type: 'guest'; readonly vsp: string; readonly guest: string }
  | {
      readonly type: 'migration';
      readonly status: 'started' | 'progress' | 'completed' | 'aborted';
      readonly migration: MigrationInFlight;
    }
  | { readonly type: 'faults'; readonly vsp: string; readonly faults: HostFaults };

export interface FleetModelOptions {
  readonly timers?: SimTimers;
  /** Overrides the fleet file's speedFactor. */
  readonly speedFactor?: number;
}

export class FleetModel {
  readonly linkMbPerSecond: number;
  readonly speedFactor: number;
  readonly timers: SimTimers;
  private readonly hosts = new Map<string, MutableSimHost>();
  private readonly hostByAlias = new Map<string, MutableSimHost>();
  private readonly inFlight = new Map<number, MigrationInFlight>();
  private readonly listeners = new Set<(event: FleetEvent) => void>();
  private nextMigrationId = 1;

  constructor(fleet: Fleet, options: FleetModelOptions = {}) {
    this.linkMbPerSecond = fleet.linkMbPerSecond;
    this.speedFactor = options.speedFactor ?? fleet.speedFactor;
    this.timers = options.timers ?? realTimers;
    for (const spec of fleet.vsps) {
      let nextNumber = Math.max(0, ...spec.guests.map((guest) => guest.vmNumber ?? 0)) + 1;
      const guests = spec.guests.map((guest) => ({
        config: resolveGuestConfig(guest),
        vmNumber: guest.vmNumber ?? nextNumber++,
        state: guest.state,
      }));
      const host = hostFromSpec(spec, sortGuests(guests));
      this.hosts.set(host.name, host);
      for (const name of [host.name, ...host.aliases]) this.hostByAlias.set(name, host);
    }
  }

  vspNames(): string[] {
    return [...this.hosts.keys()];
  }

  hasHost(vsp: string): boolean {
    return this.hosts.has(vsp);
  }

  /** Throws `unknown_vsp`: a command can only run on a VSP of the fleet. */
  host(vsp: string): SimHost {
    return this.mutableHost(vsp);
  }

  /** What `hpvmmigrate -h` reaches: a VSP name or one of its aliases. */
  resolveHost(nameOrAlias: string): SimHost | undefined {
    return this.hostByAlias.get(nameOrAlias);
  }

  guest(vsp: string, name: string): SimGuest | undefined {
    return this.mutableHost(vsp).guests.find((guest) => guest.config.name === name);
  }

  guestByNumber(vsp: string, vmNumber: number): SimGuest | undefined {
    return this.mutableHost(vsp).guests.find((guest) => guest.vmNumber === vmNumber);
  }

  freeMemoryMb(vsp: string): number {
    return freeMemoryMb(this.mutableHost(vsp));
  }

  /** Test accessor: the VSP holding the runnable copy of a guest. */
  whereIs(guest: string): string | undefined {
    return this.copiesOf(guest).find((copy) => copy.state !== 'NR')?.vsp;
  }

  /** Test accessor: every copy of a guest, runnable or not. */
  copiesOf(guest: string): { vsp: string; state: GuestRunState }[] {
    const copies: { vsp: string; state: GuestRunState }[] = [];
    for (const host of this.hosts.values()) {
      const copy = host.guests.find((candidate) => candidate.config.name === guest);
      if (copy) copies.push({ vsp: host.name, state: copy.state });
    }
    return copies;
  }

  migrations(): MigrationInFlight[] {
    return [...this.inFlight.values()];
  }

  /** A guest in a migration is locked against start, stop and a second migration. */
  migrationOf(guest: string): MigrationInFlight | undefined {
    return this.migrations().find((migration) => migration.guest === guest);
  }

  /** HP allows one online migration per host, as source or target (docs/hpvm-reference.md, "What hpvmmigrate checks"). */
  onlineMigrationOn(vsp: string): MigrationInFlight | undefined {
    return this.migrations().find(
      (migration) => migration.mode === 'online' && (migration.source === vsp || migration.target === vsp),
    );
  }

  setFaults(vsp: string, faults: HostFaults): void {
    this.mutableHost(vsp).faults = faults;
    this.emit({ type: 'faults', vsp, faults });
  }

  /** Low level: start, stop, or mark a copy not runnable. Lock checks are the commands' job. */
  setGuestState(vsp: string, guest: string, state: GuestRunState): void {
    const host = this.mutableHost(vsp);
    const index = host.guests.findIndex((candidate) => candidate.config.name === guest);
    const copy = host.guests[index];
    if (!copy) throw new SimError('unknown_guest', `no guest ${guest} on ${vsp}`, { vsp, guest });
    host.guests[index] = { ...copy, state };
    this.emit({ type: 'guest', vsp, guest });
  }

  /** Takes the locks; synchronous, so checks made in the same tick cannot race another command. */
  beginMigration(request: { guest: string; source: string; target: string; mode: MigrationMode }): MigrationInFlight {
    const { guest, source, target, mode } = request;
    if (!this.guest(source, guest)) throw new SimError('unknown_guest', `no guest ${guest} on ${source}`, request);
    this.mutableHost(target);
    if (this.migrationOf(guest)) throw new SimError('guest_locked', `guest ${guest} is already migrating`, request);
    const busy = mode === 'online' ? (this.onlineMigrationOn(source) ?? this.onlineMigrationOn(target)) : undefined;
    if (busy)
      throw new SimError('host_busy', `an online migration is in progress on ${busy.source}/${busy.target}`, request);
    const migration: MigrationInFlight = {
      id: this.nextMigrationId++,
      ...request,
      phase: mode === 'online' ? 'Init' : 'Offline',
      percent: 0,
      startedAt: this.timers.now(),
    };
    this.inFlight.set(migration.id, migration);
    this.emit({ type: 'migration', status: 'started', migration });
    return migration;
  }

  reportProgress(id: number, phase: MigrationInFlight['phase'], percent: number): void {
    const migration = { ...this.migrationById(id), phase, percent };
    this.inFlight.set(id, migration);
    this.emit({ type: 'migration', status: 'progress', migration });
  }

  /** The guest now runs (or rests) on the target; the source copy becomes `Off (NR)` or goes (`-D`). */
  completeMigration(id: number, outcome: { deleteSource: boolean; targetState: 'On' | 'Off' }): void {
    const migration = this.migrationById(id);
    const source = this.mutableHost(migration.source);
    const target = this.mutableHost(migration.target);
    const copy = source.guests.find((guest) => guest.config.name === migration.guest);
    if (!copy) throw new SimError('unknown_guest', `guest ${migration.guest} left ${source.name}`, { ...migration });
    source.guests = outcome.deleteSource
      ? source.guests.filter((guest) => guest !== copy)
      : source.guests.map((guest) => (guest === copy ? { ...guest, state: 'NR' } : guest));
    // A stale copy on the target (from an earlier move away) is replaced and its VM number reused.
    const stale = target.guests.find((guest) => guest.config.name === migration.guest);
    const vmNumber = stale?.vmNumber ?? Math.max(0, ...target.guests.map((guest) => guest.vmNumber)) + 1;
    target.guests = sortGuests([
      ...target.guests.filter((guest) => guest !== stale),
      { config: copy.config, vmNumber, state: outcome.targetState },
    ]);
    this.inFlight.delete(id);
    this.emit({ type: 'migration', status: 'completed', migration });
    this.emit({ type: 'guest', vsp: source.name, guest: migration.guest });
    this.emit({ type: 'guest', vsp: target.name, guest: migration.guest });
  }

  /** A storage copy landed: the lvol now exists on `vsp` (hpvmmigrate `-m … -C`). Throws when it cannot. */
  createLvol(vsp: string, vg: string, lvol: string, sizeMb: number): void {
    const host = this.mutableHost(vsp);
    const group = host.volumeGroups?.find((candidate) => candidate.name === vg);
    if (group === undefined) throw new SimError('unknown_vg', `no volume group ${vg} on ${vsp}`, { vsp, vg });
    if (group.lvols.some((candidate) => candidate.name === lvol)) {
      throw new SimError('lvol_exists', `${vg}/${lvol} already exists on ${vsp}`, { vsp, vg, lvol });
    }
    if (Math.ceil(sizeMb / group.peSizeMb) > freePe(group)) {
      throw new SimError('vg_full', `not enough free extents in ${vg} on ${vsp}`, { vsp, vg, lvol });
    }
    host.volumeGroups = (host.volumeGroups ?? []).map((candidate) =>
      candidate === group ? { ...group, lvols: [...group.lvols, { name: lvol, sizeMb }] } : candidate,
    );
  }

  /** Releases the locks; the guest stays where it was. */
  abortMigration(id: number): void {
    const migration = this.migrationById(id);
    this.inFlight.delete(id);
    this.emit({ type: 'migration', status: 'aborted', migration });
  }

  /** Waits simulated seconds: real time divided by speedFactor. */
  sleep(simSeconds: number, signal?: AbortSignal): Promise<void> {
    return this.timers.sleep((simSeconds * 1000) / this.speedFactor, signal);
  }

  subscribe(listener: (event: FleetEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Plain data for display: per VSP its guests, states and load, plus the migrations in flight. */
  snapshot(): FleetSnapshot {
    return buildSnapshot([...this.hosts.values()], this.migrations());
  }

  private mutableHost(vsp: string): MutableSimHost {
    const host = this.hosts.get(vsp);
    if (!host) throw new SimError('unknown_vsp', `no VSP ${vsp} in the simulated fleet`, { vsp });
    return host;
  }

  private migrationById(id: number): MigrationInFlight {
    const migration = this.inFlight.get(id);
    if (!migration) throw new SimError('unknown_migration', `no migration ${id} in flight`, { id });
    return migration;
  }

  private emit(event: FleetEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function sortGuests(guests: SimGuest[]): SimGuest[] {
  return guests.sort((a, b) => a.vmNumber - b.vmNumber);
}
