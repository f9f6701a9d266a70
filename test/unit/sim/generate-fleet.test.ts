/** The generated fleet: deterministic per seed, valid, and the realistic mix the benchmark and sandbox rely on. */
import { describe, expect, it } from 'vitest';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { generateFleet } from '../../../src/sim/generate-fleet.ts';
import { guestFootprintMb } from '../../../src/sim/guest-footprint.ts';
import { freePe } from '../../../src/sim/sim-host.ts';

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

  it('declares on every VSP the volume group of each lvol its guests use, with positive sizes', () => {
    for (const vsp of fleet.vsps) {
      const groups = vsp.volumeGroups ?? [];
      expect(groups.length).toBeGreaterThan(0);
      for (const device of vsp.guests.flatMap((guest) => guest.storage).filter((d) => d.backing === 'lv')) {
        const match = /^(\/dev\/[^/]+)\/r([^/]+)$/.exec(device.path);
        expect(match, device.path).not.toBeNull();
        const lvol = groups.find((group) => group.name === match?.[1])?.lvols.find((lv) => lv.name === match?.[2]);
        expect(lvol, `${vsp.name}: ${device.path}`).toBeDefined();
      }
      for (const group of groups) {
        expect(group.peSizeMb).toBeGreaterThan(0);
        expect(freePe(group)).toBeGreaterThanOrEqual(0);
        for (const lvol of group.lvols) expect(lvol.sizeMb).toBeGreaterThan(0);
      }
    }
  });

  it('leaves room for a copy on most targets and too little on some', () => {
    // A copy lands under the same path, so every VSP has the guests' VG; the room is what decides.
    const names = new Set(fleet.vsps.flatMap((vsp) => (vsp.volumeGroups ?? []).map((group) => group.name)));
    expect(names.size).toBe(1);
    const lvolSizes = fleet.vsps.flatMap((vsp) =>
      (vsp.volumeGroups ?? []).flatMap((g) => g.lvols.map((l) => l.sizeMb)),
    );
    const largest = Math.max(...lvolSizes);
    const smallest = Math.min(...lvolSizes);
    const roomMb = fleet.vsps.map((vsp) => {
      const group = vsp.volumeGroups?.[0];
      return group === undefined ? 0 : freePe(group) * group.peSizeMb;
    });
    const fitsLargest = roomMb.filter((mb) => mb >= largest).length / roomMb.length;
    const fitsNone = roomMb.filter((mb) => mb < smallest).length / roomMb.length;
    expect(fitsLargest).toBeGreaterThan(0.6);
    expect(fitsNone).toBeGreaterThan(0.05);
  });

  it('gives a small fleet two processor families and pairs for online moves', () => {
    const small = generateFleet({ vsps: 4, guestsPerVsp: 3, seed: 1 });
    expect(small.vsps.map((vsp) => vsp.name)).toEqual(['vsp1', 'vsp2', 'vsp3', 'vsp4']);
    expect(small.vsps.map((vsp) => `${vsp.cpu.family}/${vsp.cpu.model}`)).toEqual(['32/1', '32/1', '33/0', '33/0']);
  });
});
