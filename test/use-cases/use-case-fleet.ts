/** The simulated fleet the use-case tests run against: three HPVM 4.3 VSPs, HP-UX guests on SAN disks. */
const CPU = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  cores: 16,
};

function guest(name: string, extra: Record<string, unknown> = {}) {
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

export function useCaseFleet() {
  const vsp = (name: string, guests: unknown[]) => ({
    name,
    hpvmVersion: '4.3',
    cpu: CPU,
    memoryMb: 131072,
    vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
    guests,
  });
  return {
    linkMbPerSecond: 100,
    vsps: [
      vsp('vsp1', [guest('vm01'), guest('vm02'), guest('vm03'), guest('vm04')]),
      vsp('vsp2', []),
      vsp('vsp3', [guest('vm31'), guest('vm32')]),
    ],
  };
}

/** vsp1 runs hot (six busy guests on 8 cores), vsp2 and vsp3 idle: the balancer has work to do. */
export function unevenFleet() {
  const cpu = { ...CPU, cores: 8 };
  const busy = (name: string) => guest(name, { cpuUsagePct: 80 });
  const vsp = (name: string, guests: unknown[]) => ({
    name,
    hpvmVersion: '4.3',
    cpu,
    memoryMb: 65536,
    vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
    guests,
  });
  return {
    vsps: [vsp('vsp1', ['hot1', 'hot2', 'hot3', 'hot4', 'hot5', 'hot6'].map(busy)), vsp('vsp2', []), vsp('vsp3', [])],
  };
}

/** vsp1 holds `count` running guests, vsp2 and vsp3 are empty: evacuating vsp1 makes a long preview. */
export function crowdedFleet(count: number) {
  const vsp = (name: string, guests: unknown[]) => ({
    name,
    hpvmVersion: '4.3',
    cpu: CPU,
    memoryMb: 1_048_576,
    vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
    guests,
  });
  const guests = Array.from({ length: count }, (_, index) =>
    guest(`app${String(index).padStart(3, '0')}`, { memoryMb: 1024 }),
  );
  return { vsps: [vsp('vsp1', guests), vsp('vsp2', []), vsp('vsp3', [])] };
}
