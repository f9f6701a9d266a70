/**
 * Inventory of the fleet: every VSP asked in parallel (the RemoteShell bounds how many at once),
 * two SSH execs per VSP — the host-level commands, then `hpvmstatus -P <vm> -d` and `-V` for its guests —
 * parsed into one FleetSnapshot. A VSP that cannot be read is a failure in the snapshot, never fatal;
 * every line a parser did not understand is reported with the VSP and command it came from.
 */
import { randomBytes } from 'node:crypto';
import { buildBatchLine, splitBatchOutput, type BatchPart } from '../domain/command-batch.ts';
import { buildVspInventory } from '../domain/build-vsp-inventory.ts';
import type { FleetSnapshot, LocatedParseIssue, ParseIssue, VspFailure, VspInventory } from '../domain/inventory.ts';
import { parseHpvmnet } from '../domain/parsers/parse-hpvmnet.ts';
import { parseHpvmstatusAttributes, type GuestAttributes } from '../domain/parsers/parse-hpvmstatus-attributes.ts';
import { parseHpvmstatusDevices } from '../domain/parsers/parse-hpvmstatus-devices.ts';
import { parseHpvmstatusResources } from '../domain/parsers/parse-hpvmstatus-resources.ts';
import { parseHpvmstatusTable } from '../domain/parsers/parse-hpvmstatus-table.ts';
import { parseMachinfo } from '../domain/parsers/parse-machinfo.ts';
import { parseBdf } from '../domain/parsers/parse-bdf.ts';
import { parseVgdisplay } from '../domain/parsers/parse-vgdisplay.ts';
import { isAllowedName } from '../domain/names.ts';
import type { Clock, RemoteShell } from '../ports.ts';

/** The rendered command lines the collector runs on one VSP (from the version's templates). */
export interface InventoryCommandLines {
  readonly status: string;
  readonly resources: string;
  readonly vswitches: string;
  readonly machinfo: string;
  readonly devices: (guest: string) => string;
  /** `hpvmstatus -P <vm> -V` (online_migration); absent when the version has no such template. */
  readonly attributes?: (guest: string) => string;
  /** `vgdisplay -v` and `bdf`: the room for storage copies; a failure is an issue, and copies then fail closed. */
  readonly volumeGroups?: string;
  readonly fileSystems?: string;
}

export interface InventoryTarget {
  readonly name: string;
  readonly hpvmVersion: string;
  readonly cpuFamily?: number;
  readonly cpuModel?: number;
  readonly commands: InventoryCommandLines;
}

export interface CollectInventoryOptions {
  /** Which guests' devices to read; default all. A plan for two guests needs only theirs. */
  readonly wantDevices?: (vsp: string, guest: string) => boolean;
  readonly commandTimeoutMs?: number;
}

export async function collectInventory(
  shell: RemoteShell,
  targets: readonly InventoryTarget[],
  clock: Clock,
  options: CollectInventoryOptions = {},
): Promise<FleetSnapshot> {
  const collectedAt = clock.now().toISOString();
  const results = await Promise.all(targets.map((target) => collectOne(shell, target, options)));
  return {
    collectedAt,
    vsps: results.flatMap((result) => (result.inventory ? [result.inventory] : [])),
    failures: results.flatMap((result) => (result.failure ? [result.failure] : [])),
    issues: results.flatMap((result) => result.issues),
  };
}

interface VspResult {
  inventory?: VspInventory;
  failure?: VspFailure;
  issues: LocatedParseIssue[];
}

const HOST_KEYS = ['status', 'resources', 'vswitches', 'machinfo'] as const;

async function collectOne(
  shell: RemoteShell,
  target: InventoryTarget,
  options: CollectInventoryOptions,
): Promise<VspResult> {
  const issues: LocatedParseIssue[] = [];
  const locate = (command: string, found: readonly ParseIssue[]): void => {
    for (const issue of found) issues.push({ ...issue, vsp: target.name, command });
  };
  const { commands } = target;
  try {
    const host = await runBatch(
      shell,
      target.name,
      [...HOST_KEYS.map((key) => ({ key, line: commands[key] })), ...storageCommands(commands)],
      options,
    );
    const status = host.get('status');
    const machinfo = host.get('machinfo');
    if (!status || status.exitCode !== 0)
      return { failure: commandFailure(target.name, commands.status, status), issues };
    if (!machinfo || machinfo.exitCode !== 0)
      return { failure: commandFailure(target.name, commands.machinfo, machinfo), issues };

    const table = parseHpvmstatusTable(status.stdout);
    locate(commands.status, table.issues);
    if (table.issues.some((issue) => issue.severity === 'error' && issue.lineNumber === 0)) {
      return {
        failure: {
          vsp: target.name,
          code: 'unparseable_output',
          message: 'hpvmstatus printed no guest table',
          command: commands.status,
          output: tail(status.stdout),
        },
        issues,
      };
    }
    const machine = parseMachinfo(machinfo.stdout);
    locate(commands.machinfo, machine.issues);

    const resources = optionalPart(host.get('resources'), commands.resources, locate);
    const parsedResources = resources === undefined ? undefined : parseHpvmstatusResources(resources);
    if (parsedResources) locate(commands.resources, parsedResources.issues);
    const vswitchText = optionalPart(host.get('vswitches'), commands.vswitches, locate);
    const parsedVswitches = vswitchText === undefined ? undefined : parseHpvmnet(vswitchText);
    if (parsedVswitches) locate(commands.vswitches, parsedVswitches.issues);

    const unnamable = table.value.filter((row) => !isAllowedName(row.name));
    locate(
      commands.status,
      unnamable.map((row) => ({
        severity: 'warning' as const,
        lineNumber: 0,
        line: row.name,
        message: 'guest name is outside the allow-list: the bot will not read its devices or act on it',
      })),
    );
    const wanted = table.value.filter(
      (row) => isAllowedName(row.name) && (options.wantDevices?.(target.name, row.name) ?? true),
    );
    const devicesByGuest = new Map<string, ReturnType<typeof parseHpvmstatusDevices>['value']>();
    const attributesByGuest = new Map<string, GuestAttributes>();
    if (wanted.length > 0) {
      const { attributes } = commands;
      const deviceParts = await runBatch(
        shell,
        target.name,
        wanted.flatMap((row, index) => [
          { key: `g${index}`, line: commands.devices(row.name) },
          ...(attributes === undefined ? [] : [{ key: `a${index}`, line: attributes(row.name) }]),
        ]),
        options,
      );
      wanted.forEach((row, index) => {
        const line = commands.devices(row.name);
        const text = optionalPart(deviceParts.get(`g${index}`), line, locate);
        if (text !== undefined) {
          const parsed = parseHpvmstatusDevices(text);
          locate(line, parsed.issues);
          devicesByGuest.set(row.name, parsed.value);
        }
        if (attributes === undefined) return;
        // Without the attributes, online migration stays unknown for this guest: the rules treat that as not known.
        const attributesLine = attributes(row.name);
        const attributesText = optionalPart(deviceParts.get(`a${index}`), attributesLine, locate);
        if (attributesText === undefined) return;
        const parsedAttributes = parseHpvmstatusAttributes(attributesText);
        locate(attributesLine, parsedAttributes.issues);
        attributesByGuest.set(row.name, parsedAttributes.value);
      });
    }

    const built = buildVspInventory({
      name: target.name,
      hpvmVersion: target.hpvmVersion,
      table: table.value,
      devicesByGuest,
      attributesByGuest,
      resources: parsedResources?.value,
      vswitches: parsedVswitches?.value,
      machinfo: machine.value,
      overrides: { cpuFamily: target.cpuFamily, cpuModel: target.cpuModel },
    });
    locate('(inventory)', built.issues);
    return { inventory: { ...built.value, ...storageRoom(host, commands, locate) }, issues };
  } catch (error) {
    return { failure: remoteFailure(target.name, error), issues };
  }
}

function storageCommands(commands: InventoryCommandLines): { key: string; line: string }[] {
  return [
    ...(commands.volumeGroups === undefined ? [] : [{ key: 'volumeGroups', line: commands.volumeGroups }]),
    ...(commands.fileSystems === undefined ? [] : [{ key: 'fileSystems', line: commands.fileSystems }]),
  ];
}

/** Volume groups and file systems when their commands ran and printed something readable; absent otherwise. */
function storageRoom(
  host: Map<string, BatchPart>,
  commands: InventoryCommandLines,
  locate: (command: string, issues: readonly ParseIssue[]) => void,
): Pick<VspInventory, 'volumeGroups' | 'fileSystems'> {
  const room: { volumeGroups?: VspInventory['volumeGroups']; fileSystems?: VspInventory['fileSystems'] } = {};
  if (commands.volumeGroups !== undefined) {
    const text = optionalPart(host.get('volumeGroups'), commands.volumeGroups, locate);
    if (text !== undefined) {
      const parsed = parseVgdisplay(text);
      locate(commands.volumeGroups, parsed.issues);
      room.volumeGroups = parsed.value;
    }
  }
  if (commands.fileSystems !== undefined) {
    const text = optionalPart(host.get('fileSystems'), commands.fileSystems, locate);
    if (text !== undefined) {
      const parsed = parseBdf(text);
      locate(commands.fileSystems, parsed.issues);
      room.fileSystems = parsed.value;
    }
  }
  return room;
}

async function runBatch(
  shell: RemoteShell,
  vsp: string,
  commands: { key: string; line: string }[],
  options: CollectInventoryOptions,
): Promise<Map<string, BatchPart>> {
  const nonce = randomBytes(8).toString('hex');
  const result = await shell.exec(vsp, buildBatchLine(commands, nonce), { timeoutMs: options.commandTimeoutMs });
  return splitBatchOutput(result.stdout, result.stderr, nonce);
}

/** A command whose output is useful but not essential: a failure becomes an error issue, not a VSP failure. */
function optionalPart(
  part: BatchPart | undefined,
  command: string,
  locate: (command: string, issues: readonly ParseIssue[]) => void,
): string | undefined {
  if (part && part.exitCode === 0) return part.stdout;
  const detail = part
    ? `exit ${part.exitCode}: ${firstLine(part.stderr) ?? 'no error output'}`
    : 'no output (cut short)';
  locate(command, [{ severity: 'error', lineNumber: 0, line: '', message: `command failed (${detail})` }]);
  return undefined;
}

function commandFailure(vsp: string, command: string, part: BatchPart | undefined): VspFailure {
  if (!part)
    return { vsp, code: 'command_failed', message: `${command} produced no result (the batch was cut short)`, command };
  return {
    vsp,
    code: 'command_failed',
    message: `${command} exited ${part.exitCode}: ${firstLine(part.stderr) ?? 'no error output'}`,
    command,
    exitCode: part.exitCode,
    output: tail(`${part.stdout}${part.stderr}`),
  };
}

function remoteFailure(vsp: string, error: unknown): VspFailure {
  const coded = error as { code?: unknown; message?: unknown; command?: unknown };
  return {
    vsp,
    code: typeof coded.code === 'string' ? coded.code : 'unexpected_error',
    message: typeof coded.message === 'string' ? coded.message : String(error),
  };
}

function firstLine(text: string): string | undefined {
  return text.split('\n').find((line) => line.trim() !== '');
}

function tail(text: string, lines = 20): string {
  return text
    .split('\n')
    .slice(-lines - 1)
    .join('\n');
}
