/** The simulated fleet the Slack-flow tests run against (fast: speedFactor 200). */
import { hpuxGuest as guest, vspSpec } from '../../support/fleet-specs.ts';

export function flowFleet(extra: { speedFactor?: number } = {}) {
  return {
    linkMbPerSecond: 100,
    speedFactor: extra.speedFactor ?? 200,
    vsps: [
      vspSpec('vsp1', [
        guest('vm01'),
        guest('vm02'),
        guest('vm03'),
        guest('vm04'),
        guest('big01', { memoryMb: 16384 }),
        { ...guest('lin01'), os: 'LINUX' },
        guest('off01', { state: 'Off' }),
      ]),
      vspSpec('vsp2', []),
      vspSpec('vsp3', [guest('vm31'), guest('vm32')]),
    ],
  };
}
