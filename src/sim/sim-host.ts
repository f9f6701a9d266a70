/**
 * One simulated VSP and the guest copies it holds. A copy left behind by a migration stays registered
 * as not runnable (`Off (NR)`) until removed (docs/hpvm-reference.md, "After a migration").
 */
import type { HostFaults, VspSpec } from './fleet-file.ts';
import { guestFootprintMb } from './guest-footprint.ts';
import type { FileSystemSpec, PhysicalVolumeSpec } from './host-storage-spec.ts';
import type { SimGuestConfig } from './guest-config.ts';
import { defaultMachinfoFormat, type HpvmVersion, type MachinfoFormat } from './hpvm-versions.ts';

export type GuestRunState = 'On' | 'Off' | 'NR';

export interface SimGuest {
  readonly config: SimGuestConfig;
  readonly vmNumber: number;
  readonly state: GuestRunState;
}

export interface SimVswitch {
  readonly name: string;
  readonly number: number;
  readonly pnic?: string;
  /** 12 upper-case hex digits, or undefined for a local vswitch. */
  readonly mac?: string;
  readonly ip?: string;
}

export interface SimHost {
  readonly name: string;
  readonly hpvmVersion: HpvmVersion;
  readonly cpu: VspSpec['cpu'];
  readonly machinfoFormat: MachinfoFormat;
  readonly platform?: string;
  readonly memoryMb: number;
  readonly reservedMemoryMb: number;
  readonly vswitches: readonly SimVswitch[];
  readonly ovmm: VspSpec['ovmm'];
  readonly aliases: readonly string[];
  readonly faults: HostFaults;
  /** In VM-number order. */
  readonly guests: readonly SimGuest[];
  /** Undefined: the host's LVM is not modelled (no lvol checks, `vgdisplay -v` prints nothing). */
  readonly volumeGroups?: readonly SimVolumeGroup[];
  readonly fileSystems?: readonly FileSystemSpec[];
}

export interface SimVolumeGroup {
  readonly name: string;
  readonly peSizeMb: number;
  readonly totalPe: number;
  readonly maxPePerPv?: number;
  readonly physicalVolume?: PhysicalVolumeSpec;
  readonly lvols: readonly { readonly name: string; readonly sizeMb: number }[];
}

/** Extents the VG's lvols leave free (an lvol takes whole extents). */
export function freePe(group: SimVolumeGroup): number {
  return group.totalPe - group.lvols.reduce((sum, lvol) => sum + Math.ceil(lvol.sizeMb / group.peSizeMb), 0);
}

/** The lvol behind a raw device path `/dev/<vg>/r<lvol>`, when the host models it. */
export function lvolAt(
  host: Pick<SimHost, 'volumeGroups'>,
  rawPath: string,
): { group?: SimVolumeGroup; vg: string; lvol: string; sizeMb?: number } | undefined {
  const match = /^(\/dev\/[^/]+)\/r([^/]+)$/.exec(rawPath);
  if (match === null) return undefined;
  const [, vg = '', lvol = ''] = match;
  const group = host.volumeGroups?.find((candidate) => candidate.name === vg);
  const sizeMb = group?.lvols.find((candidate) => candidate.name === lvol)?.sizeMb;
  return { ...(group === undefined ? {} : { group }), vg, lvol, ...(sizeMb === undefined ? {} : { sizeMb }) };
}

/** The mutable form the model keeps; commands only see SimHost. */
export interface MutableSimHost extends Omit<SimHost, 'faults' | 'guests' | 'volumeGroups'> {
  faults: HostFaults;
  guests: SimGuest[];
  volumeGroups?: SimVolumeGroup[];
}

export function hostFromSpec(spec: VspSpec, guests: SimGuest[]): MutableSimHost {
  return {
    name: spec.name,
    hpvmVersion: spec.hpvmVersion,
    cpu: spec.cpu,
    machinfoFormat: spec.machinfoFormat ?? defaultMachinfoFormat(spec.hpvmVersion),
    ...(spec.platform === undefined ? {} : { platform: spec.platform }),
    memoryMb: spec.memoryMb,
    reservedMemoryMb: spec.reservedMemoryMb,
    vswitches: spec.vswitches.map((vswitch, index) => ({
      name: vswitch.name,
      number: index + 1,
      ...(vswitch.pnic === undefined ? {} : { pnic: vswitch.pnic, mac: vswitch.mac ?? '000000000000' }),
      ...(vswitch.ip === undefined ? {} : { ip: vswitch.ip }),
    })),
    ovmm: spec.ovmm,
    aliases: spec.aliases ?? [`${spec.name}-hpvm-migr`],
    faults: spec.faults,
    guests,
    ...(spec.volumeGroups === undefined
      ? {}
      : {
          volumeGroups: spec.volumeGroups.map((group) => ({
            name: group.name,
            peSizeMb: group.peSizeMb,
            totalPe: group.totalPe,
            ...(group.maxPePerPv === undefined ? {} : { maxPePerPv: group.maxPePerPv }),
            ...(group.physicalVolume === undefined ? {} : { physicalVolume: group.physicalVolume }),
            lvols: group.lvols.map((lvol) => ({ ...lvol })),
          })),
        }),
    ...(spec.fileSystems === undefined ? {} : { fileSystems: spec.fileSystems }),
  };
}

/** Memory left for guests: total − host reserve − footprint of every running guest. */
export function freeMemoryMb(host: Pick<SimHost, 'memoryMb' | 'reservedMemoryMb' | 'guests'>): number {
  const running = host.guests.filter((guest) => guest.state === 'On');
  return (
    host.memoryMb - host.reservedMemoryMb - running.reduce((sum, guest) => sum + guestFootprintMb(guest.config), 0)
  );
}

/** The State column of hpvmstatus. */
export function stateText(state: GuestRunState): string {
  if (state === 'On') return 'On (OS)';
  if (state === 'NR') return 'Off (NR)';
  return 'Off';
}
