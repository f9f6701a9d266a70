/**
 * The inventory model: what the bot knows about each VSP and its guests, built by the parsers
 * from documented HPVM command output (docs/hpvm-reference.md, "hpvmstatus", "hpvmnet" and "machinfo").
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

/**
 * Storage backing kinds from `hpvmstatus -P vm -d` (`disk:scsi:0,0,0:lv:/dev/...` → `lv`). `npiv` is a
 * virtual HBA (`hba:avio_stor:…:npiv:/dev/fcdN`, HP Integrity VM 4.3 N-Port ID Virtualization – A brief
 * overview, p. 9). Attached tapes, changers and burners (`attach`, `attach_path`; 4.3 guide p. 86) are
 * `other` with `hostDevice` set.
 */
export type BackingKind = 'disk' | 'lv' | 'file' | 'null' | 'npiv' | 'other';

export interface StorageDevice {
  /** Guest device type: `disk`, `dvd`, `tape`, … */
  readonly device: string;
  /** Adaptor: `scsi`, `avio_stor`. */
  readonly adaptor: string;
  readonly bus: string;
  readonly backing: BackingKind;
  /** The backing type exactly as printed (e.g. `lv`, `disk`, `file`, `null`, `npiv`, `attach_path`). */
  readonly backingText: string;
  readonly path: string;
  /**
   * A device of the VSP itself rather than a SAN LUN: a DVD backed by the host's drive
   * (`dvd:scsi:…:disk:/dev/rdsk/…`, which HPVM marks shared) or an attached tape/changer/burner.
   * Absent means false.
   */
  readonly hostDevice?: boolean;
  /** NPIV virtual port and node WWNs when the row prints them (`hba:avio_stor:1,1,<vPWWN>,<vNWWN>:npiv:…`). */
  readonly wwpn?: string;
  readonly wwnn?: string;
}

/** A device row of `hpvmstatus -P vm -d` that could not be read: kept so the rules fail closed on it. */
export interface UnreadDevice {
  /** 1-based position among the guest's device rows in `hpvmstatus -P vm -d` (all sections, in order). */
  readonly position: number;
  readonly line: string;
  readonly reason: string;
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
  /**
   * The guest table's `#Devs` (storage devices, we infer: networks are `#Nets`), to check `storage` against: a
   * different count means the listing is incomplete. Undefined when the table did not say.
   */
  readonly deviceCount?: number;
  /** Device rows of `hpvmstatus -P vm -d` that did not parse. Any entry means the device list is incomplete. */
  readonly unreadDevices?: readonly UnreadDevice[];
  /** `online_migration` from the per-guest attributes (`hpvmstatus -V -P vm`); undefined when unknown. */
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

/**
 * One LVM volume group as `vgdisplay -v` prints it (HP-UX vgdisplay(1M); field names as in pvdisplay(1M)/
 * lvdisplay(1M): `VG Name`, `PE Size (Mbytes)`, `Free PE`, `LV Name`, `LV Size (Mbytes)`).
 */
export interface VolumeGroupInfo {
  /** `/dev/vg01`, as `VG Name` prints it. */
  readonly name: string;
  readonly peSizeMb: number;
  readonly totalPe?: number;
  readonly freePe: number;
  /** Logical volumes by their block path (`/dev/vg01/lvol1`, the `LV Name` field) and size. */
  /** Undefined size: the LV was listed but its size could not be read (it still counts as present). */
  readonly lvols: readonly { readonly name: string; readonly sizeMb?: number }[];
}

/** One mounted file system as `bdf` prints it (sizes in KB). */
export interface FileSystemInfo {
  readonly device: string;
  readonly kbytes: number;
  readonly usedKb: number;
  readonly availKb: number;
  readonly mountedOn: string;
}

export interface VspInventory {
  readonly name: string;
  /** From the fleet config (e.g. `4.3`, `6.1`); the bot does not guess it. */
  readonly hpvmVersion: string;
  readonly cpu: CpuInfo;
  readonly memoryMb: number;
  readonly vswitches: readonly Vswitch[];
  readonly guests: readonly Guest[];
  /** From `vgdisplay -v`; undefined when that command was not run or failed (storage copies then fail closed). */
  readonly volumeGroups?: readonly VolumeGroupInfo[];
  /** From `bdf`; undefined when that command was not run or failed. */
  readonly fileSystems?: readonly FileSystemInfo[];
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
