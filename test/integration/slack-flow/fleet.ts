/** The simulated fleet the Slack-flow tests run against (fast: speedFactor 200). */
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

export function flowFleet(extra: { speedFactor?: number } = {}) {
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
    speedFactor: extra.speedFactor ?? 200,
    vsps: [
      vsp('vsp1', [
        guest('vm01'),
        guest('vm02'),
        guest('vm03'),
        guest('vm04'),
        guest('big01', { memoryMb: 16384 }),
        { ...guest('lin01'), os: 'LINUX' },
        guest('off01', { state: 'Off' }),
      ]),
      vsp('vsp2', []),
      vsp('vsp3', [guest('vm31'), guest('vm32')]),
    ],
  };
}
