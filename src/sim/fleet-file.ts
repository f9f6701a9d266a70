/**
 * The fleet file: the simulated VSPs, their guests and injected faults (YAML). Validated with zod;
 * every problem is reported at once as `path: message` (docs/conventions.md #2 and #3), cross-field rules included.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatZodProblems } from '../config.ts';
import { NAME_PATTERN } from '../domain/names.ts';
import { guestFootprintMb } from './guest-footprint.ts';
import { DevicePath, FileSystemSpec, VolumeGroupSpec } from './host-storage-spec.ts';
import { HPVM_VERSIONS, isVersion6 } from './hpvm-versions.ts';

const Name = z.string().regex(NAME_PATTERN, 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');

/** YAML reads `4.0` and `6.1` as numbers; put them back into the version spelling. */
const HpvmVersionField = z.preprocess(
  (value) => (typeof value === 'number' ? (Number.isInteger(value) ? value.toFixed(1) : String(value)) : value),
  z.enum(HPVM_VERSIONS),
);

/** `0x2A1B3C4D5E6F`, `2a:1b:3c:4d:5e:6f` or `2a-1b-…`, kept as 12 upper-case hex digits. */
const Mac = z
  .string()
  .regex(/^(0x)?[0-9A-Fa-f]{12}$|^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/, 'must be a MAC like 0x2A1B3C4D5E6F')
  .transform((text) => text.replace(/^0x|[:-]/g, '').toUpperCase());

export const ONLINE_PHASES = ['Init', 'Copy', 'I/O Quiesce', 'Frozen'] as const;
export type OnlinePhase = (typeof ONLINE_PHASES)[number];

export const HPVM_COMMAND_NAMES = [
  'hpvmstatus',
  'hpvmnet',
  'hpvmmigrate',
  'hpvmstart',
  'hpvmstop',
  'machinfo',
  // HP-UX LVM and file system commands, for the room on a storage copy's target (not HPVM's, but on every VSP).
  'vgdisplay',
  'bdf',
] as const;
export type HpvmCommandName = (typeof HPVM_COMMAND_NAMES)[number];

export const HostFaults = z.strictObject({
  /** Divides the migration link speed for migrations from or to this host. */
  slowLink: z.number().min(1).optional(),
  /** Online migrations from or to this host abort in this phase with a timeout. */
  phaseTimeout: z.enum(ONLINE_PHASES).optional(),
  /** The host's SSH server refuses connections. */
  sshRefused: z.boolean().optional(),
  /** false: hpvmmigrate from or to this host fails with HP's SSH execution error. */
  sshTrust: z.boolean().optional(),
  /** Device paths this host (as a migration target) does not see. */
  missingDevices: z.array(DevicePath).optional(),
  /** Device paths this host (as a migration target) sees with another WWID. */
  wwidMismatch: z.array(DevicePath).optional(),
  /** This command fails on this host with this exit code and stderr, without running. */
  commandFailure: z
    .strictObject({
      command: z.enum(HPVM_COMMAND_NAMES),
      exitCode: z.number().int().min(1).max(255).default(1),
      stderr: z.string().default(''),
    })
    .optional(),
});
export type HostFaults = z.infer<typeof HostFaults>;

/** NPIV virtual port/node WWN as HP prints it: `0x` and 16 hex digits (the 4.3 NPIV overview, p. 9). */
const Wwn = z.string().regex(/^0x[0-9A-Fa-f]{16}$/, 'must be a WWN like 0x50060b00006499a8');

export const StorageDeviceSpec = z.strictObject({
  /** `hba` is an NPIV virtual HBA: backing `npiv`, path `/dev/fcdN`, with its wwpn and wwnn. */
  device: z.enum(['disk', 'dvd', 'hba']),
  adaptor: z.enum(['scsi', 'avio_stor']).default('avio_stor'),
  backing: z.enum(['disk', 'lv', 'file', 'null', 'npiv']),
  path: DevicePath,
  wwpn: Wwn.optional(),
  wwnn: Wwn.optional(),
  /** Marked shared on the host (like a host DVD): blocks every migration. */
  shared: z.boolean().default(false),
  /** `bus,device,target`; assigned in order when absent. */
  address: z
    .string()
    .regex(/^[0-9]+,[0-9]+,[0-9]+$/, 'must be bus,device,target')
    .optional(),
});
export type StorageDeviceSpec = z.infer<typeof StorageDeviceSpec>;

export const NetworkSpec = z.strictObject({
  vswitch: Name,
  adaptor: z.enum(['lan', 'avio_lan']).default('avio_lan'),
  /** Derived from the guest name when absent, so it is stable across runs. */
  mac: Mac.optional(),
  /** `bus,device`; assigned in order when absent. */
  address: z
    .string()
    .regex(/^[0-9]+,[0-9]+$/, 'must be bus,device')
    .optional(),
});
export type NetworkSpec = z.infer<typeof NetworkSpec>;

export const GuestSpec = z.strictObject({
  name: Name,
  kind: z.enum(['vm', 'vpar']).default('vm'),
  os: z.enum(['HPUX', 'LINUX', 'WINDOWS', 'OVMS']).default('HPUX'),
  state: z.enum(['On', 'Off']).default('Off'),
  vcpus: z.number().int().min(1).max(128).default(1),
  memoryMb: z.number().int().min(64),
  /** Percent of the guest's own vCPUs in use while it runs (`hpvmstatus -r` Usage). */
  cpuUsagePct: z.number().min(0).max(100).default(0),
  entitlementPct: z.number().min(0).max(100).default(10),
  onlineMigration: z.enum(['enabled', 'disabled']).default('enabled'),
  /** `VM #`; assigned in order on the host when absent. */
  vmNumber: z.number().int().min(1).optional(),
  storage: z.array(StorageDeviceSpec).default([]),
  networks: z.array(NetworkSpec).default([]),
});
export type GuestSpec = z.infer<typeof GuestSpec>;

export const VswitchSpec = z.strictObject({
  name: Name,
  /** Backing physical NIC (`lan3`); absent for a local-only vswitch. */
  pnic: z
    .string()
    .regex(/^lan[0-9]+$/, 'must look like lan3')
    .optional(),
  mac: Mac.optional(),
  ip: z.string().optional(),
});
export type VswitchSpec = z.infer<typeof VswitchSpec>;

export const VspSpec = z.strictObject({
  name: Name,
  hpvmVersion: HpvmVersionField,
  cpu: z.strictObject({
    family: z.number().int().min(0),
    model: z.number().int().min(0),
    /** The processor line machinfo prints (11.31) or its family/model text (11.23). */
    description: z.string().min(1),
    cores: z.number().int().min(1),
    sockets: z.number().int().min(1).default(1),
  }),
  machinfoFormat: z.enum(['11.23', '11.31']).optional(),
  platform: z.string().optional(),
  memoryMb: z.number().int().min(1024),
  reservedMemoryMb: z.number().int().min(0).default(4096),
  vswitches: z.array(VswitchSpec).default([]),
  ovmm: z.enum(['enabled', 'disabled', 'unlicensed']).default('enabled'),
  /** Other names that reach this VSP in `hpvmmigrate -h`; default `<name>-hpvm-migr`. */
  aliases: z.array(Name).optional(),
  faults: HostFaults.default({}),
  guests: z.array(GuestSpec).default([]),
  /**
   * LVM on the host. When given, an offline move of an lvol-backed guest to this host needs the lvol here,
   * or `-m … -C` to copy it (HP: `Target VM Host error - Device does not exist.`); a host without it is not
   * checked for lvols (older fleet files).
   */
  volumeGroups: z.array(VolumeGroupSpec).optional(),
  fileSystems: z.array(FileSystemSpec).optional(),
});
export type VspSpec = z.infer<typeof VspSpec>;

export const Fleet = z
  .strictObject({
    /** Migration link speed in MB/s. */
    linkMbPerSecond: z.number().positive().default(100),
    /** Simulated time runs this many times faster than real time. */
    speedFactor: z.number().positive().default(1),
    vsps: z.array(VspSpec).min(1),
  })
  .superRefine((fleet, ctx) => {
    for (const problem of crossCheckFleet(fleet)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type Fleet = z.infer<typeof Fleet>;
export type FleetInput = z.input<typeof Fleet>;

interface Problem {
  readonly path: (string | number)[];
  readonly message: string;
}

/** Rules one field cannot express: unique names, references to vswitches, memory that fits. */
function crossCheckFleet(fleet: Pick<Fleet, 'vsps'>): Problem[] {
  const problems: Problem[] = [];
  const hostNames = new Map<string, string>();
  const guestHosts = new Map<string, string>();
  fleet.vsps.forEach((vsp, v) => {
    for (const [index, name] of [vsp.name, ...(vsp.aliases ?? [])].entries()) {
      const owner = hostNames.get(name);
      const path = index === 0 ? ['vsps', v, 'name'] : ['vsps', v, 'aliases', index - 1];
      if (owner !== undefined) problems.push({ path, message: `${name} already names VSP ${owner}` });
      else hostNames.set(name, vsp.name);
    }
    if (vsp.cpu.sockets > vsp.cpu.cores) {
      problems.push({ path: ['vsps', v, 'cpu', 'sockets'], message: 'more sockets than cores' });
    }
    const vswitches = new Set(vsp.vswitches.map((vswitch) => vswitch.name));
    const vmNumbers = new Set<number>();
    let runningMb = 0;
    vsp.guests.forEach((guest, g) => {
      const at = ['vsps', v, 'guests', g];
      const other = guestHosts.get(guest.name);
      if (other !== undefined)
        problems.push({ path: [...at, 'name'], message: `guest ${guest.name} is also on ${other}` });
      guestHosts.set(guest.name, vsp.name);
      if (guest.kind === 'vpar' && !isVersion6(vsp.hpvmVersion)) {
        problems.push({
          path: [...at, 'kind'],
          message: `vPars need an HPVM 6.x host (${vsp.name} is ${vsp.hpvmVersion})`,
        });
      }
      if (guest.vmNumber !== undefined) {
        if (vmNumbers.has(guest.vmNumber)) problems.push({ path: [...at, 'vmNumber'], message: 'duplicate VM number' });
        vmNumbers.add(guest.vmNumber);
      }
      guest.storage.forEach((device, d) => {
        const npiv = device.device === 'hba' && device.backing === 'npiv' && device.wwpn !== undefined;
        const plain = device.device !== 'hba' && device.backing !== 'npiv' && device.wwpn === undefined;
        if ((!npiv && !plain) || (device.wwpn === undefined) !== (device.wwnn === undefined)) {
          problems.push({
            path: [...at, 'storage', d],
            message: 'an NPIV HBA is device hba, backing npiv, wwpn and wwnn',
          });
        }
      });
      guest.networks.forEach((network, n) => {
        if (!vswitches.has(network.vswitch)) {
          problems.push({
            path: [...at, 'networks', n, 'vswitch'],
            message: `${vsp.name} has no vswitch ${network.vswitch}`,
          });
        }
      });
      if (guest.state === 'On') runningMb += guestFootprintMb(guest);
    });
    const guestMemoryMb = vsp.memoryMb - vsp.reservedMemoryMb;
    if (runningMb > guestMemoryMb) {
      problems.push({
        path: ['vsps', v, 'guests'],
        message: `running guests need ${runningMb} MB with overhead; ${vsp.name} has ${guestMemoryMb} MB for guests`,
      });
    }
  });
  return problems;
}

export type FleetResult = { ok: true; fleet: Fleet } | { ok: false; problems: string[] };

export function parseFleet(yamlText: string): FleetResult {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    return { ok: false, problems: [`(yaml): ${(error as Error).message}`] };
  }
  return validateFleet(raw);
}

export function validateFleet(raw: unknown): FleetResult {
  const result = Fleet.safeParse(raw);
  if (!result.success) return { ok: false, problems: formatZodProblems(result.error) };
  return { ok: true, fleet: result.data };
}

export async function loadFleetFile(path: string): Promise<FleetResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const result = parseFleet(text);
  if (result.ok) return result;
  return { ok: false, problems: result.problems.map((problem) => `${path}: ${problem}`) };
}
