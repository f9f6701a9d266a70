/**
 * Builders with defaults for domain fixtures: state only what a test is about.
 * Defaults describe a healthy fleet: HP-UX VMs on whole SAN disks, HPVM 4.3 hosts with family 32
 * model 1 processors, 64 GB each, 4 GB reserved, vswitches localnet and vlan02.
 */
import { BUILT_IN_TEMPLATES, type TemplateTable } from '../../src/domain/commands/command-templates.ts';
import type {
  FleetSnapshot,
  Guest,
  GuestState,
  NetworkInterface,
  StorageDevice,
  VolumeGroupInfo,
  VspFailure,
  VspInventory,
} from '../../src/domain/inventory.ts';
import type { BusyState, PlanInput } from '../../src/domain/plan/plan-types.ts';
import type { EvacuateRequest, MigrateRequest } from '../../src/domain/request.ts';
import type { PlanSettings, VspSettings } from '../../src/domain/vsp-settings.ts';

const STATE_TEXT: Record<GuestState, string> = {
  On: 'On (OS)',
  Off: 'Off',
  NotRunnable: 'Off (NR)',
  Other: 'On (EFI)',
};

export function makeDisk(overrides: Partial<StorageDevice> = {}): StorageDevice {
  const backing = overrides.backing ?? 'disk';
  return {
    device: 'disk',
    adaptor: 'avio_stor',
    bus: '0,1,0',
    backing,
    backingText: backing,
    path: backing === 'disk' ? '/dev/rdisk/disk12' : '/dev/vg01/rlvol1',
    ...overrides,
  };
}

/** A volume group of 16 MB extents as `vgdisplay -v` shows it: `freePe` free, the lvols listed. */
export function makeVolumeGroup(
  freePe: number,
  lvols: VolumeGroupInfo['lvols'] = [],
  name = '/dev/vg01',
): VolumeGroupInfo {
  return { name, peSizeMb: 16, freePe, lvols };
}

export function makeNic(vswitch = 'vlan02', overrides: Partial<NetworkInterface> = {}): NetworkInterface {
  return { adaptor: 'avio_lan', vswitch, mac: '0x2A1B3C4D5E6F', ...overrides };
}

/** `makeGuest({ name: 'vm02', state: 'Off' })`; stateText follows state unless given. */
export function makeGuest(overrides: Partial<Guest> = {}): Guest {
  const state = overrides.state ?? 'On';
  return {
    name: 'vm01',
    vmNumber: 1,
    kind: 'vm',
    os: 'HPUX',
    state,
    stateText: STATE_TEXT[state],
    vcpus: 2,
    memoryMb: 4096,
    storage: [makeDisk()],
    networks: [makeNic()],
    ...overrides,
  };
}

/** A VSP inventory; `vswitches` may be given as names. */
export function makeVsp(
  overrides: Omit<Partial<VspInventory>, 'vswitches'> & { vswitches?: readonly string[] } = {},
): VspInventory {
  const { vswitches = ['localnet', 'vlan02'], ...rest } = overrides;
  return {
    name: 'vsp1',
    hpvmVersion: '4.3',
    cpu: { family: 32, model: 1, description: 'Intel(R) Itanium 2 9100 series', cores: 16 },
    memoryMb: 65536,
    vswitches: vswitches.map((name, index) => ({ name, number: index + 1, state: 'Up' })),
    guests: [],
    ...rest,
  };
}

export function makeVspSettings(overrides: Partial<VspSettings> = {}): VspSettings {
  return {
    name: 'vsp1',
    hpvmVersion: '4.3',
    sudo: false,
    hpvmBinDir: '/opt/hpvm/bin',
    machinfoPath: '/usr/contrib/bin/machinfo',
    reservedMemoryMb: 4096,
    maintenance: false,
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<PlanSettings> = {}): PlanSettings {
  return { maxParallelMigrations: 1, linkMbPerSecond: 100, offlineMoveSeconds: 60, ...overrides };
}

export function makeSnapshot(vsps: readonly VspInventory[] = [], failures: readonly VspFailure[] = []): FleetSnapshot {
  return { collectedAt: '2025-03-01T10:00:00.000Z', vsps, failures, issues: [] };
}

export function makeFailure(vsp: string, overrides: Partial<VspFailure> = {}): VspFailure {
  return { vsp, code: 'ssh_timeout', message: 'connect timed out after 10000 ms', ...overrides };
}

/** One VSP of a test fleet: its inventory plus fleet-config settings (version kept in step). */
export interface FleetHost {
  readonly inventory: VspInventory;
  readonly settings: VspSettings;
}

export function makeHost(
  name: string,
  options: {
    guests?: readonly Guest[];
    version?: string;
    inventory?: Omit<Partial<VspInventory>, 'vswitches'> & { vswitches?: readonly string[] };
    settings?: Partial<VspSettings>;
  } = {},
): FleetHost {
  const hpvmVersion = options.version ?? '4.3';
  return {
    inventory: makeVsp({ name, hpvmVersion, guests: options.guests ?? [], ...options.inventory }),
    settings: makeVspSettings({ name, hpvmVersion, ...options.settings }),
  };
}

export interface PlanInputOptions {
  readonly hosts?: readonly FleetHost[];
  /** Fleet members whose inventory failed: settings only, plus a failure in the snapshot. */
  readonly unreadable?: readonly VspSettings[];
  readonly settings?: Partial<PlanSettings>;
  readonly templates?: TemplateTable;
  readonly busy?: Partial<BusyState>;
}

/** Default fleet: vsp1 with vm01 running, vsp2 empty. */
export function makePlanInput(options: PlanInputOptions = {}): PlanInput {
  const hosts = options.hosts ?? [makeHost('vsp1', { guests: [makeGuest()] }), makeHost('vsp2')];
  const unreadable = options.unreadable ?? [];
  return {
    snapshot: makeSnapshot(
      hosts.map((host) => host.inventory),
      unreadable.map((settings) => makeFailure(settings.name)),
    ),
    vsps: [...hosts.map((host) => host.settings), ...unreadable],
    settings: makeSettings(options.settings),
    templates: options.templates ?? BUILT_IN_TEMPLATES,
    busy: { guests: new Map(), onlineHosts: new Set(), attentionHosts: new Map(), ...options.busy },
  };
}

export function makeMigrateRequest(overrides: Partial<MigrateRequest> = {}): MigrateRequest {
  return {
    kind: 'migrate',
    guests: ['vm01'],
    to: 'vsp2',
    stop: false,
    start: false,
    deleteSource: false,
    checkOnly: false,
    ...overrides,
  };
}

export function makeEvacuateRequest(vsp = 'vsp1', targets: readonly string[] = []): EvacuateRequest {
  return { kind: 'evacuate', vsp, targets };
}
