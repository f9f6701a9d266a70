/**
 * A deterministic, realistic fleet for benchmarks and the sandbox: mostly HP-UX guests on SAN disks, some
 * Linux/Windows/OpenVMS, some lv-backed or with a DVD, some stopped, a vPar on some 6.x hosts, two
 * processor families and several HPVM versions, running guests always fitting their host's memory. Every VSP
 * declares its guest volume group, so offline moves of lv-backed guests have a known room: on most hosts room
 * for several copies, on some too little for one.
 */
import { Fleet, type FleetInput, type GuestSpec, type VspSpec } from './fleet-file.ts';
import type { VolumeGroupSpec } from './host-storage-spec.ts';
import { guestFootprintMb } from './guest-footprint.ts';
import { isVersion6, type HpvmVersion } from './hpvm-versions.ts';
import { seededRandom, type SeededRandom } from './seeded-random.ts';

export interface GenerateFleetOptions {
  readonly vsps: number;
  readonly guestsPerVsp: number;
  readonly seed: number;
  readonly speedFactor?: number;
  readonly linkMbPerSecond?: number;
}

interface Profile {
  readonly family: number;
  readonly model: number;
  readonly description: string;
  readonly versions: readonly HpvmVersion[];
  readonly cores: readonly number[];
}

// Descriptions as machinfo prints them (docs/hpvm-output-formats.md §5 maps them to family/model).
const MONTVALE: Profile = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  versions: ['4.2', '4.3'],
  cores: [8, 16],
};
const MONTECITO: Profile = {
  family: 32,
  model: 0,
  description: 'Intel(R) Itanium 2 9000 series processor (1.59 GHz, 18 MB)',
  versions: ['4.3', '6.1'],
  cores: [8, 16],
};
const TUKWILA: Profile = {
  family: 32,
  model: 2,
  description: 'Intel(R)  Itanium(R)  Processor 9340 (1.6 GHz, 15 MB)',
  versions: ['6.1', '6.2', '6.3'],
  cores: [16, 32],
};
const POULSON: Profile = {
  family: 33,
  model: 0,
  description: 'Intel(R)  Itanium(R)  Processor 9560 (2.53 GHz, 32 MB)',
  versions: ['6.2', '6.3'],
  cores: [16, 32],
};
/** An HPVM 4.0 host (11i v3, 11.31 machinfo); offline moves only, and only to its own kind. */
const LEGACY: Profile = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  versions: ['4.0'],
  cores: [8],
};

/** Neighbours share a profile, so every small fleet has pairs between which online moves work. */
const PROFILE_ORDER = [MONTVALE, MONTVALE, POULSON, POULSON, TUKWILA, TUKWILA, MONTECITO, MONTVALE, POULSON, TUKWILA];
const HOST_MEMORY_MB = [65536, 98304, 131072, 196608, 262144];
const GUEST_MEMORY_MB = [2048, 4096, 4096, 8192, 8192, 16384, 32768];
const GUEST_VCPUS = [1, 2, 2, 4, 4, 8];
/** The volume group every VSP keeps its guests' lvols in, so a copy lands under the same path on any target. */
const GUEST_VG = '/dev/vg_guests';
const GUEST_VG_PE_MB = 32;
/** Boot lvols, 12000 MB as the HPVM 3.5 capture's `lvcreate -L 12000` up to 40 GB. */
const LVOL_SIZES_MB = [12000, 16384, 20480, 32768, 40960];
/** A stream of its own for storage, so adding it left every seed's hosts and guests as they were. */
const STORAGE_STREAM = 0x5709a6e;

export function generateFleet(options: GenerateFleetOptions): Fleet {
  const random = seededRandom(options.seed);
  const width = String(options.vsps).length;
  const counters = { guest: 0, disk: 0 };
  const vsps: VspSpec[] = [];
  for (let index = 0; index < options.vsps; index++) {
    const name = `vsp${String(index + 1).padStart(width, '0')}`;
    const legacy = options.vsps >= 10 && index % 20 === 19;
    vsps.push(generateVsp(random, name, legacy ? LEGACY : (PROFILE_ORDER[index % PROFILE_ORDER.length] ?? MONTVALE)));
  }
  for (const vsp of vsps) vsp.guests = generateGuests(random, vsp, options.guestsPerVsp, counters);
  const storageRandom = seededRandom(options.seed ^ STORAGE_STREAM);
  for (const vsp of vsps) vsp.volumeGroups = [guestVolumeGroup(storageRandom, vsp.guests)];
  const input: FleetInput = {
    linkMbPerSecond: options.linkMbPerSecond ?? 100,
    speedFactor: options.speedFactor ?? 1,
    vsps,
  };
  return Fleet.parse(input);
}

function generateVsp(random: SeededRandom, name: string, profile: Profile): VspSpec {
  const cores = random.pick(profile.cores);
  const hpvmVersion = random.pick(profile.versions);
  return {
    name,
    hpvmVersion,
    cpu: {
      family: profile.family,
      model: profile.model,
      description: profile.description,
      cores,
      sockets: cores >= 16 ? 4 : 2,
    },
    memoryMb: random.pick(HOST_MEMORY_MB),
    reservedMemoryMb: 4096,
    vswitches: [
      { name: 'localnet' },
      { name: 'vlan02', pnic: 'lan1', ip: `10.2.${random.int(0, 255)}.${random.int(1, 254)}` },
      // A few hosts lack the backup LAN: moves of guests that use it fail vswitch validation there.
      ...(random.chance(0.9)
        ? [{ name: 'vlan03', pnic: 'lan2', ip: `10.3.${random.int(0, 255)}.${random.int(1, 254)}` }]
        : []),
    ],
    ovmm: 'enabled',
    faults: {},
    guests: [],
  };
}

function generateGuests(
  random: SeededRandom,
  vsp: VspSpec,
  count: number,
  counters: { guest: number; disk: number },
): GuestSpec[] {
  let freeMb = vsp.memoryMb - vsp.reservedMemoryMb;
  const hasVlan03 = vsp.vswitches.some((vswitch) => vswitch.name === 'vlan03');
  const guests: GuestSpec[] = [];
  for (let index = 0; index < count; index++) {
    const vpar = index === 0 && isVersion6(vsp.hpvmVersion) && random.chance(0.5);
    const roll = random.next();
    const os = vpar || roll < 0.78 ? 'HPUX' : roll < 0.88 ? 'LINUX' : roll < 0.96 ? 'WINDOWS' : 'OVMS';
    const prefix = vpar ? 'vpar' : { HPUX: 'hpux', LINUX: 'lnx', WINDOWS: 'win', OVMS: 'ovms' }[os];
    const name = `${prefix}${String(++counters.guest).padStart(4, '0')}`;
    const vcpus = random.pick(GUEST_VCPUS);
    const memoryMb = random.pick(GUEST_MEMORY_MB);
    const footprint = guestFootprintMb({ vcpus, memoryMb });
    const on = random.chance(0.8) && footprint <= freeMb;
    if (on) freeMb -= footprint;
    guests.push({
      name,
      kind: vpar ? 'vpar' : 'vm',
      os,
      state: on ? 'On' : 'Off',
      vcpus,
      memoryMb,
      cpuUsagePct: Math.round((2 + random.next() * 85) * 10) / 10,
      entitlementPct: random.pick([10, 20, 50]),
      onlineMigration: random.chance(0.05) ? 'disabled' : 'enabled',
      storage: generateStorage(random, name, counters),
      networks: [
        { vswitch: 'vlan02', adaptor: 'avio_lan' },
        ...(hasVlan03 && random.chance(0.3) ? [{ vswitch: 'vlan03', adaptor: 'avio_lan' as const }] : []),
      ],
    });
  }
  return guests;
}

function generateStorage(random: SeededRandom, guest: string, counters: { disk: number }): GuestSpec['storage'] {
  const boot = random.chance(0.15)
    ? {
        device: 'disk' as const,
        adaptor: 'avio_stor' as const,
        backing: 'lv' as const,
        path: `${GUEST_VG}/r${guest}d1`,
      }
    : {
        device: 'disk' as const,
        adaptor: 'avio_stor' as const,
        backing: 'disk' as const,
        path: `/dev/rdisk/disk${++counters.disk}`,
      };
  const data = Array.from({ length: random.int(0, 2) }, () => ({
    device: 'disk' as const,
    adaptor: 'avio_stor' as const,
    backing: 'disk' as const,
    path: `/dev/rdisk/disk${++counters.disk}`,
    shared: false,
  }));
  const dvdRoll = random.next();
  const dvd =
    dvdRoll < 0.05
      ? [
          {
            device: 'dvd' as const,
            adaptor: 'avio_stor' as const,
            backing: 'file' as const,
            path: '/var/opt/hpvm/ISO-images/hpux-11iv3-dvd1.iso',
            shared: false,
          },
        ]
      : dvdRoll < 0.35
        ? [
            {
              device: 'dvd' as const,
              adaptor: 'avio_stor' as const,
              backing: 'null' as const,
              path: '/var/opt/hpvm/ISO-images/hpux-11iv3-dvd1.iso',
              shared: false,
            },
          ]
        : [];
  return [{ ...boot, shared: false }, ...data, ...dvd];
}

/**
 * The VG holding the lvols of the host's guests (`/dev/vg_guests/<guest>d1`, the raw path the guest uses without
 * its `r`). Four hosts in five keep room for two to eight more 20 GB copies; the others are nearly full, with
 * less free than the smallest lvol, so a copy onto them is refused for room.
 */
function guestVolumeGroup(random: SeededRandom, guests: readonly GuestSpec[]): VolumeGroupSpec {
  const prefix = `${GUEST_VG}/r`;
  const lvols = guests.flatMap((guest) =>
    guest.storage
      .filter((device) => device.backing === 'lv' && device.path.startsWith(prefix))
      .map((device) => ({ name: device.path.slice(prefix.length), sizeMb: random.pick(LVOL_SIZES_MB) })),
  );
  const usedPe = lvols.reduce((sum, lvol) => sum + Math.ceil(lvol.sizeMb / GUEST_VG_PE_MB), 0);
  const freeMb = random.chance(0.8) ? random.int(2, 8) * 20480 : random.int(0, 11000);
  const totalPe = Math.max(1, usedPe + Math.floor(freeMb / GUEST_VG_PE_MB));
  return { name: GUEST_VG, peSizeMb: GUEST_VG_PE_MB, totalPe, lvols };
}
