/** The fleet model: change notifications, the snapshot a page shows, and the locks it enforces itself. */
import { describe, expect, it } from 'vitest';
import type { SimTimers } from '../../../src/sim/sim-timers.ts';
import { FleetModel, type FleetEvent } from '../../../src/sim/fleet-model.ts';
import type { SimError } from '../../../src/sim/sim-error.ts';
import { fleetOf, guest, instantTimers, manualTimers, run, vsp } from './sim-test-kit.ts';

function model(timers: SimTimers = instantTimers()): FleetModel {
  return new FleetModel(
    fleetOf({
      vsps: [
        vsp('vsp1', { guests: [guest('vm01', { vcpus: 4, cpuUsagePct: 50 }), guest('vm02', { state: 'Off' })] }),
        vsp('vsp2'),
        vsp('vsp3'),
      ],
    }),
    { timers },
  );
}

describe('FleetModel', () => {
  it('snapshots hosts, guests and load as plain data', () => {
    const snapshot = model().snapshot();
    expect(structuredClone(snapshot)).toEqual(snapshot);
    expect(snapshot.vsps[0]).toMatchObject({
      name: 'vsp1',
      hpvmVersion: '4.3',
      cores: 16,
      memoryMb: 65536,
      // 65536 − 4096 reserved − (4096 + ⌈4 × 4096 × 0.004⌉ + 64)
      freeMemoryMb: 65536 - 4096 - 4226,
      cpuLoadPct: 12.5,
      guests: [
        { name: 'vm01', vmNumber: 1, state: 'On', stateText: 'On (OS)', vcpus: 4, memoryMb: 4096 },
        { name: 'vm02', vmNumber: 2, state: 'Off', stateText: 'Off' },
      ],
    });
    expect(snapshot.migrations).toEqual([]);
  });

  it('announces every change and shows a migration in flight', async () => {
    const timers = manualTimers();
    const fleet = model(timers);
    const events: string[] = [];
    const unsubscribe = fleet.subscribe((event: FleetEvent) => {
      events.push(
        event.type === 'migration'
          ? `${event.status} ${event.migration.phase} ${event.migration.percent}`
          : `${event.type} ${event.vsp}`,
      );
    });
    fleet.setFaults('vsp2', { slowLink: 2 });
    const running = run(fleet, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
    await timers.advance(2000);
    expect(fleet.snapshot().migrations).toMatchObject([
      { guest: 'vm01', source: 'vsp1', target: 'vsp2', mode: 'online', phase: 'Init', percent: 100 },
    ]);
    expect(fleet.snapshot().vsps[0]?.guests[0]?.migrating).toBe('out');
    await timers.advance(1_000_000);
    await running;
    unsubscribe();
    fleet.setFaults('vsp2', {});
    expect(events).toEqual([
      'faults vsp2',
      'started Init 0',
      'progress Init 50',
      'progress Init 100',
      'progress Copy 25',
      'progress Copy 50',
      'progress Copy 75',
      'progress Copy 100',
      'progress I/O Quiesce 100',
      'progress Frozen 50',
      'progress Frozen 100',
      'completed Frozen 100',
      'guest vsp1',
      'guest vsp2',
    ]);
  });

  it('refuses a second online migration on a busy host even without the command checks', () => {
    const fleet = model();
    fleet.beginMigration({ guest: 'vm01', source: 'vsp1', target: 'vsp2', mode: 'online' });
    expect(() => fleet.beginMigration({ guest: 'vm02', source: 'vsp1', target: 'vsp3', mode: 'online' })).toThrow(
      expect.objectContaining({ code: 'host_busy' }) as SimError,
    );
    expect(() => fleet.beginMigration({ guest: 'vm01', source: 'vsp1', target: 'vsp3', mode: 'offline' })).toThrow(
      expect.objectContaining({ code: 'guest_locked' }) as SimError,
    );
    expect(fleet.beginMigration({ guest: 'vm02', source: 'vsp1', target: 'vsp3', mode: 'offline' }).mode).toBe(
      'offline',
    );
  });

  it('resolves names and aliases; unknown VSPs are coded errors', () => {
    const fleet = model();
    expect(fleet.resolveHost('vsp2-hpvm-migr')?.name).toBe('vsp2');
    expect(fleet.resolveHost('nowhere')).toBeUndefined();
    expect(() => fleet.host('nowhere')).toThrow(expect.objectContaining({ code: 'unknown_vsp' }) as SimError);
    expect(fleet.whereIs('vm02')).toBe('vsp1');
    expect(fleet.whereIs('nosuch')).toBeUndefined();
  });
});
