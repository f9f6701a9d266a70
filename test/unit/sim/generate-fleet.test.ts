/** The generated fleet: deterministic per seed, valid, and the realistic mix the benchmark and sandbox rely on. */
import { describe, expect, it } from 'vitest';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { generateFleet } from '../../../src/sim/generate-fleet.ts';
import { guestFootprintMb } from '../../../src/sim/guest-footprint.ts';

describe('generateFleet', () => {
  const fleet = generateFleet({ vsps: 200, guestsPerVsp: 20, seed: 7 });
  const guests = fleet.vsps.flatMap((vsp) => vsp.guests);
  const share = (test: (guest: (typeof guests)[number]) => boolean) => guests.filter(test).length / guests.length;

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateFleet({ vsps: 200, guestsPerVsp: 20, seed: 7 })).toEqual(fleet);
    expect(generateFleet({ vsps: 200, guestsPerVsp: 20, seed: 8 })).not.toEqual(fleet);
  });

  it('passes the fleet file validation (unique names, vswitches, memory)', () => {
    expect(validateFleet(fleet).ok).toBe(true);
    expect(fleet.vsps).toHaveLength(200);
    expect(guests).toHaveLength(4000);
  });

  it('has the realistic mix', () => {
    expect(share((guest) => guest.os === 'HPUX')).toBeGreaterThan(0.7);
    expect(share((guest) => guest.os === 'LINUX')).toBeGreaterThan(0.05);
    expect(share((guest) => guest.os === 'WINDOWS')).toBeGreaterThan(0.03);
    expect(share((guest) => guest.storage.some((device) => device.backing === 'lv'))).toBeGreaterThan(0.05);
    expect(
      share((guest) => guest.storage.every((device) => device.backing === 'disk' || device.backing === 'null')),
    ).toBeGreaterThan(0.6);
    expect(share((guest) => guest.state === 'Off')).toBeGreaterThan(0.1);
    expect(share((guest) => guest.state === 'On')).toBeGreaterThan(0.5);
    const vparHosts = fleet.vsps.filter((vsp) => vsp.guests.some((guest) => guest.kind === 'vpar'));
    expect(vparHosts.length).toBeGreaterThan(10);
    expect(vparHosts.every((vsp) => vsp.hpvmVersion.startsWith('6.'))).toBe(true);
    expect(new Set(fleet.vsps.map((vsp) => vsp.cpu.family)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(fleet.vsps.map((vsp) => vsp.hpvmVersion)).size).toBeGreaterThanOrEqual(2);
    // HPVM 4.0 runs on 11i v3: a 4.0 host prints the 11.31 machinfo, so no generated host is 11.23.
    expect(fleet.vsps.some((vsp) => vsp.hpvmVersion === '4.0')).toBe(true);
    expect(fleet.vsps.some((vsp) => vsp.machinfoFormat === '11.23')).toBe(false);
  });

  it('keeps running guests within each host memory', () => {
    for (const vsp of fleet.vsps) {
      const running = vsp.guests
        .filter((guest) => guest.state === 'On')
        .reduce((sum, guest) => sum + guestFootprintMb(guest), 0);
      expect(running).toBeLessThanOrEqual(vsp.memoryMb - vsp.reservedMemoryMb);
    }
  });

  it('gives a small fleet two processor families and pairs for online moves', () => {
    const small = generateFleet({ vsps: 4, guestsPerVsp: 3, seed: 1 });
    expect(small.vsps.map((vsp) => vsp.name)).toEqual(['vsp1', 'vsp2', 'vsp3', 'vsp4']);
    expect(small.vsps.map((vsp) => `${vsp.cpu.family}/${vsp.cpu.model}`)).toEqual(['32/1', '32/1', '33/0', '33/0']);
  });
});
