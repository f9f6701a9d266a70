/** The simulated fleets the use-case tests run against (test/support/fleet-specs.ts builds their parts). */
import { CPU_9100, hpuxGuest, vspSpec } from '../support/fleet-specs.ts';

/** Three VSPs: vm01–vm04 running on vsp1, vsp2 empty, vm31 and vm32 on vsp3. */
export function useCaseFleet() {
  return {
    linkMbPerSecond: 100,
    vsps: [
      vspSpec(
        'vsp1',
        ['vm01', 'vm02', 'vm03', 'vm04'].map((name) => hpuxGuest(name)),
      ),
      vspSpec('vsp2', []),
      vspSpec('vsp3', [hpuxGuest('vm31'), hpuxGuest('vm32')]),
    ],
  };
}

/** vsp1 runs hot (six busy guests on 8 cores), vsp2 and vsp3 idle: the balancer has work to do. */
export function unevenFleet() {
  const extra = { cpu: { ...CPU_9100, cores: 8 }, memoryMb: 65536 };
  const busy = (name: string) => hpuxGuest(name, { cpuUsagePct: 80 });
  return {
    vsps: [
      vspSpec('vsp1', ['hot1', 'hot2', 'hot3', 'hot4', 'hot5', 'hot6'].map(busy), extra),
      vspSpec('vsp2', [], extra),
      vspSpec('vsp3', [], extra),
    ],
  };
}

/** vsp1 holds `count` running guests, vsp2 and vsp3 are empty: evacuating vsp1 makes a long preview. */
export function crowdedFleet(count: number) {
  const extra = { memoryMb: 1_048_576 };
  const guests = Array.from({ length: count }, (_, index) =>
    hpuxGuest(`app${String(index).padStart(3, '0')}`, { memoryMb: 1024 }),
  );
  return { vsps: [vspSpec('vsp1', guests, extra), vspSpec('vsp2', [], extra), vspSpec('vsp3', [], extra)] };
}
