/**
 * A guest's configuration as the simulated host keeps it: the fleet file's entry with every device
 * address and MAC resolved, so each host prints the same values and a migrated copy carries them along.
 */
import { createHash } from 'node:crypto';
import type { GuestSpec, NetworkSpec, StorageDeviceSpec } from './fleet-file.ts';

export interface SimStorage {
  readonly device: StorageDeviceSpec['device'];
  readonly adaptor: StorageDeviceSpec['adaptor'];
  readonly bus: number;
  readonly dev: number;
  readonly target: number;
  readonly backing: StorageDeviceSpec['backing'];
  readonly path: string;
  readonly shared: boolean;
  /** NPIV HBAs only. */
  readonly wwpn?: string;
  readonly wwnn?: string;
}

export interface SimNetwork {
  readonly adaptor: NetworkSpec['adaptor'];
  readonly bus: number;
  readonly dev: number;
  /** 12 upper-case hex digits. */
  readonly mac: string;
  readonly vswitch: string;
}

export interface SimGuestConfig {
  readonly name: string;
  readonly kind: GuestSpec['kind'];
  readonly os: GuestSpec['os'];
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly cpuUsagePct: number;
  readonly entitlementPct: number;
  readonly onlineMigration: GuestSpec['onlineMigration'];
  readonly storage: readonly SimStorage[];
  readonly networks: readonly SimNetwork[];
}

export function resolveGuestConfig(spec: GuestSpec): SimGuestConfig {
  return {
    name: spec.name,
    kind: spec.kind,
    os: spec.os,
    vcpus: spec.vcpus,
    memoryMb: spec.memoryMb,
    cpuUsagePct: spec.cpuUsagePct,
    entitlementPct: spec.entitlementPct,
    onlineMigration: spec.onlineMigration,
    storage: resolveStorage(spec.storage),
    networks: spec.networks.map((network, index) => resolveNetwork(spec.name, network, index)),
  };
}

/** Unaddressed devices go to bus 0, one PCI device per adaptor type, targets in order (as hpvmcreate does). */
function resolveStorage(specs: readonly StorageDeviceSpec[]): SimStorage[] {
  const nextTarget = new Map<string, number>();
  return specs.map((spec) => {
    let [bus, dev, target] = (spec.address ?? '').split(',').map(Number);
    if (spec.address === undefined) {
      bus = 0;
      dev = spec.adaptor === 'scsi' ? 0 : 1;
      target = nextTarget.get(spec.adaptor) ?? 0;
      nextTarget.set(spec.adaptor, target + 1);
    }
    const { device, adaptor, backing, path, shared, wwpn, wwnn } = spec;
    return {
      device,
      adaptor,
      bus: bus ?? 0,
      dev: dev ?? 0,
      target: target ?? 0,
      backing,
      path,
      shared,
      ...(wwpn === undefined || wwnn === undefined ? {} : { wwpn: wwpn.toLowerCase(), wwnn: wwnn.toLowerCase() }),
    };
  });
}

function resolveNetwork(guestName: string, spec: NetworkSpec, index: number): SimNetwork {
  const [bus, dev] = spec.address === undefined ? [0, 2 + index] : spec.address.split(',').map(Number);
  return {
    adaptor: spec.adaptor,
    bus: bus ?? 0,
    dev: dev ?? 0,
    mac: spec.mac ?? derivedMac(guestName, index),
    vswitch: spec.vswitch,
  };
}

/** Stable per guest and NIC; the locally-administered bit is set so it never looks like a vendor MAC. */
export function derivedMac(seed: string, index: number): string {
  const bytes = createHash('sha256').update(`${seed}#${index}`).digest().subarray(0, 6);
  bytes[0] = ((bytes[0] ?? 0) & 0xfc) | 0x02;
  return bytes.toString('hex').toUpperCase();
}
