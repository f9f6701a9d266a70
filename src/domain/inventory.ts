/**
 * The inventory model: what the bot knows about each VSP and its guests, built by the parsers
 * from documented HPVM command output (docs/hpvm-cli.md, "hpvmstatus", "hpvmnet" and "machinfo").
 */

/** `hpvmstatus` OS Type column. `OVMS` is our spelling for OpenVMS (the real one is not documented). */
export type GuestOs = 'HPUX' | 'LINUX' | 'WINDOWS' | 'OVMS' | 'UNKNOWN';

/** A VM guest or a vPar (6.x `Type` column: SH = shared VM, VP = vPar). */
export type GuestKind = 'vm' | 'vpar';

/**
 * Runtime state as `hpvmstatus` prints it: `On (OS)`, `Off`, `Off (NR)` are documented; anything
 * else is kept verbatim in `stateText` and treated as not eligible for anything.
 */
export type GuestState = 'On' | 'Off' | 'NotRunnable' | 'Other';

/** Storage backing kinds from `hpvmstatus -P vm -d` (`disk:scsi:0,0,0:lv:/dev/...` → `lv`). */
export type BackingKind = 'disk' | 'lv' | 'file' | 'null' | 'other';

export interface StorageDevice {
  /** Guest device type: `disk`, `dvd`, `tape`, … */
  readonly device: string;
  /** Adaptor: `scsi`, `avio_stor`. */
  readonly adaptor: string;
  readonly bus: string;
  readonly backing: BackingKind;
  /** The backing type exactly as printed (e.g. `lv`, `disk`, `file`, `null`). */
  readonly backingText: string;
  readonly path: string;
}

export interface NetworkInterface {
  readonly adaptor: string;
  /** The vswitch the guest NIC is attached to. */
  readonly vswitch: string;
  readonly mac?: string;
}

export interface Guest {
  readonly name: string;
  readonly vmNumber: number;
  readonly kind: GuestKind;
  readonly os: GuestOs;
  readonly state: GuestState;
  /** The State column verbatim (`On (OS)`, `Off (NR)`, …). */
  readonly stateText: string;
  readonly vcpus: number;
  readonly memoryMb: number;
  /** From `hpvmstatus -P vm -d`; undefined when that command was not run or failed. */
  readonly storage?: readonly StorageDevice[];
  readonly networks?: readonly NetworkInterface[];
  /** Percent usage of the guest's vCPUs from `hpvmstatus -r`; undefined when unknown. */
  readonly cpuUsagePct?: number;
  /** `online_migration` attribute where known (not in the documented outputs we parse). */
  readonly onlineMigrationEnabled?: boolean;
}

export interface CpuInfo {
  /** Processor family (31 = Itanium 2, 32 = Itanium 2 9000/9100, …); undefined when not derivable. */
  readonly family?: number;
  readonly model?: number;
  /** The processor description line as machinfo prints it. */
  readonly description: string;
  /** Cores available to the host (11.31 "N cores", 11.23 "Number of CPUs"). */
  readonly cores: number;
}

export interface Vswitch {
  readonly name: string;
  readonly number: number;
  readonly state: string;
  readonly pnic?: string;
}

export interface VspInventory {
  readonly name: string;
  /** From the fleet config (e.g. `4.3`, `6.1`); the bot does not guess it. */
  readonly hpvmVersion: string;
  readonly cpu: CpuInfo;
  readonly memoryMb: number;
  readonly vswitches: readonly Vswitch[];
  readonly guests: readonly Guest[];
}

/** A line the parser could not understand, or a whole output it could not use. Never silently dropped. */
export interface ParseIssue {
  readonly severity: 'error' | 'warning';
  /** 1-based line number in the command's output; 0 when the issue is about the output as a whole. */
  readonly lineNumber: number;
  readonly line: string;
  readonly message: string;
}

export interface ParseResult<T> {
  readonly value: T;
  readonly issues: readonly ParseIssue[];
}

/** A parse issue with the context the collector adds: which host ran which command. */
export interface LocatedParseIssue extends ParseIssue {
  readonly vsp: string;
  readonly command: string;
}

export interface VspFailure {
  readonly vsp: string;
  readonly code: string;
  readonly message: string;
  /** The command line that failed, when the failure is a command's. */
  readonly command?: string;
  readonly exitCode?: number | null;
  readonly output?: string;
}

/** One inventory of the whole fleet: the VSPs that answered, and those that did not. */
export interface FleetSnapshot {
  /** ISO time at which collection started (given by the caller; the domain has no clock). */
  readonly collectedAt: string;
  readonly vsps: readonly VspInventory[];
  readonly failures: readonly VspFailure[];
  readonly issues: readonly LocatedParseIssue[];
}
