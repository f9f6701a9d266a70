/**
 * Merges one VSP's parsed command outputs into its inventory. Pure: the collector runs the commands and
 * the parsers, and keeps each parser's own issues (it knows which command they came from); the issues
 * returned here are only the merge's own, about the outputs disagreeing (lineNumber 0).
 */
import type { CpuInfo, Guest, ParseIssue, ParseResult, VspInventory, Vswitch } from './inventory.ts';
import type { GuestAttributes } from './parsers/parse-hpvmstatus-attributes.ts';
import type { GuestDevices } from './parsers/parse-hpvmstatus-devices.ts';
import type { ResourceRow } from './parsers/parse-hpvmstatus-resources.ts';
import type { GuestRow } from './parsers/parse-hpvmstatus-table.ts';
import type { Machinfo } from './parsers/parse-machinfo.ts';

export interface CpuOverrides {
  readonly cpuFamily?: number;
  readonly cpuModel?: number;
}

export interface VspInventoryInput {
  readonly name: string;
  readonly hpvmVersion: string;
  readonly table: readonly GuestRow[];
  /** `hpvmstatus -P <vm> -d` per guest name; a guest without an entry has unknown devices. */
  readonly devicesByGuest: ReadonlyMap<string, GuestDevices> | Readonly<Record<string, GuestDevices>>;
  /** `hpvmstatus -P <vm> -V` per guest name; a guest without an entry has unknown attributes. */
  readonly attributesByGuest?: ReadonlyMap<string, GuestAttributes>;
  /** Undefined when `hpvmstatus -r` failed (the caller reports that): usage then stays unknown. */
  readonly resources?: readonly ResourceRow[] | undefined;
  /**
   * Undefined when `hpvmnet` failed (the caller reports that): the inventory then lists no vswitches,
   * the safe reading, since no move that needs a vswitch on this VSP can then be planned.
   */
  readonly vswitches?: readonly Vswitch[] | undefined;
  readonly machinfo: Machinfo;
  /** From the fleet config (`cpuFamily`, `cpuModel`); each wins over what machinfo gave. */
  readonly overrides?: CpuOverrides;
}

export function buildVspInventory(input: VspInventoryInput): ParseResult<VspInventory> {
  const issues: ParseIssue[] = [];
  const guestNames = new Set(input.table.map((row) => row.name));
  const devices = devicesMap(input.devicesByGuest);
  const usage = new Map<string, number>();

  for (const row of input.resources ?? []) {
    if (!guestNames.has(row.name)) {
      issues.push(issue(row.name, `hpvmstatus -r lists '${row.name}', which is not in the guest table; ignored`));
    } else if (usage.has(row.name)) {
      issues.push(issue(row.name, `hpvmstatus -r lists '${row.name}' twice; the first row is used`));
    } else {
      usage.set(row.name, row.usagePct);
    }
  }
  for (const name of devices.keys()) {
    if (!guestNames.has(name)) issues.push(issue(name, `devices given for '${name}', which is not in the guest table`));
  }
  const onlineMigration = new Map<string, boolean>();
  for (const [name, attributes] of input.attributesByGuest ?? []) {
    // Output naming another guest is not this guest's: its attributes stay unknown.
    if (attributes.name !== undefined && attributes.name !== name) {
      issues.push(issue(name, `hpvmstatus -V for '${name}' names '${attributes.name}'; its attributes are not used`));
    } else if (attributes.onlineMigration !== undefined) {
      onlineMigration.set(name, attributes.onlineMigration);
    }
  }

  const guests = input.table.map((row) =>
    toGuest(row, devices.get(row.name), usage.get(row.name), onlineMigration.get(row.name)),
  );
  const cpu = applyOverrides(input.machinfo.cpu, input.overrides, issues);
  const value: VspInventory = {
    name: input.name,
    hpvmVersion: input.hpvmVersion,
    cpu,
    memoryMb: input.machinfo.memoryMb,
    vswitches: [...(input.vswitches ?? [])],
    guests,
  };
  return { value, issues };
}

/** A Record keyed by guest name is read through its own keys only (a guest may be called `constructor`). */
function devicesMap(
  byGuest: ReadonlyMap<string, GuestDevices> | Readonly<Record<string, GuestDevices>>,
): ReadonlyMap<string, GuestDevices> {
  if (byGuest instanceof Map) return byGuest as ReadonlyMap<string, GuestDevices>;
  return new Map(Object.entries(byGuest as Readonly<Record<string, GuestDevices>>));
}

/**
 * `deviceCount` is the table's #Devs, kept so a rule can hold `storage` against it; `unreadDevices` are the
 * rows the devices parser could not read. Either one makes the device list incomplete, and the rules fail
 * on it rather than pass on the rows that were read (fail closed).
 */
function toGuest(
  row: GuestRow,
  devices: GuestDevices | undefined,
  cpuUsagePct: number | undefined,
  onlineMigrationEnabled: boolean | undefined,
): Guest {
  return {
    name: row.name,
    vmNumber: row.vmNumber,
    kind: row.kind,
    os: row.os,
    state: row.state,
    stateText: row.stateText,
    vcpus: row.vcpus,
    memoryMb: row.memoryMb,
    deviceCount: row.devs,
    ...(devices === undefined ? {} : { storage: [...devices.storage], networks: [...devices.networks] }),
    ...(devices === undefined || devices.unread.length === 0 ? {} : { unreadDevices: [...devices.unread] }),
    ...(cpuUsagePct === undefined ? {} : { cpuUsagePct }),
    ...(onlineMigrationEnabled === undefined ? {} : { onlineMigrationEnabled }),
  };
}

function applyOverrides(cpu: CpuInfo, overrides: CpuOverrides | undefined, issues: ParseIssue[]): CpuInfo {
  const family = overrides?.cpuFamily ?? cpu.family;
  const model = overrides?.cpuModel ?? cpu.model;
  // A config value that contradicts numbers machinfo printed is probably stale: it still wins, but say so.
  if (overrides?.cpuFamily !== undefined && cpu.family !== undefined && overrides.cpuFamily !== cpu.family) {
    issues.push(issue('', `config cpuFamily ${overrides.cpuFamily} overrides machinfo's family ${cpu.family}`));
  }
  if (overrides?.cpuModel !== undefined && cpu.model !== undefined && overrides.cpuModel !== cpu.model) {
    issues.push(issue('', `config cpuModel ${overrides.cpuModel} overrides machinfo's model ${cpu.model}`));
  }
  return {
    description: cpu.description,
    cores: cpu.cores,
    ...(family === undefined ? {} : { family }),
    ...(model === undefined ? {} : { model }),
  };
}

function issue(line: string, message: string): ParseIssue {
  return { severity: 'warning', lineNumber: 0, line, message };
}
