/**
 * Building blocks of the fleet objects the tests hand to the simulator (validated like a fleet file):
 * HPVM 4.3 VSPs with Itanium 9100 processors, HP-UX guests on whole SAN disks on vlan02.
 */

export const CPU_9100 = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  cores: 16,
};

/** A running HP-UX guest: 2 vCPUs, 4 GB, one SAN disk, one NIC on vlan02. */
export function hpuxGuest(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    state: 'On',
    vcpus: 2,
    memoryMb: 4096,
    storage: [{ device: 'disk', backing: 'disk', path: `/dev/rdisk/${name}` }],
    networks: [{ vswitch: 'vlan02' }],
    ...extra,
  };
}

/** An HPVM 4.3 VSP with vlan02. */
export function vspSpec(name: string, guests: unknown[], extra: Record<string, unknown> = {}) {
  return {
    name,
    hpvmVersion: '4.3',
    cpu: CPU_9100,
    memoryMb: 131072,
    vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
    guests,
    ...extra,
  };
}
