import { CommandError } from '../commands/command-error.ts';
import {
  decidePrecheck,
  renderMoveCommands,
  type MoveCommandInput,
  type MoveCommands,
  type MoveOptions,
} from '../commands/render-move-commands.ts';
import type { Guest, VspInventory } from '../inventory.ts';
import type { MigrationMode } from '../request.ts';
import { checkGuestLock } from '../rules/check-guest-lock.ts';
import { checkGuestState } from '../rules/check-guest-state.ts';
import { checkHostsFree } from '../rules/check-hosts-free.ts';
import { checkHostsSettled } from '../rules/check-hosts-settled.ts';
import { checkMemoryFit } from '../rules/check-memory-fit.ts';
import {
  checkGuestKind,
  checkGuestOs,
  checkOnlineMigrationEnabled,
  checkStorageBacking,
} from '../rules/check-online-eligibility.ts';
import { checkProcessor, processorIdentity } from '../rules/check-processor.ts';
import { failed, notChecked, type CheckResult } from '../rules/check-result.ts';
import { checkTarget } from '../rules/check-target.ts';
import { checkVersionPath } from '../rules/check-version-path.ts';
import { checkVswitches } from '../rules/check-vswitches.ts';
import type { EarlierCopy } from '../rules/check-storage-copy.ts';
import type { DeviceContext } from '../rules/device-findings.ts';
import { offlineRoute, type OfflineRoute } from '../rules/offline-fix.ts';
import { guestFootprintMb, targetMemory } from '../rules/target-memory.ts';
import { locateGuest } from '../rules/locate-guest.ts';
import type { VspSettings } from '../vsp-settings.ts';
import { estimateMovePhases, estimateMoveSeconds } from './estimate-move-seconds.ts';
import { copyResources, copySeconds, planStorageCopies, storageBlockers } from './plan-storage-copies.ts';
import type { BlockedGuest, GuestFacts, PlanInput, PlannedMove } from './plan-types.ts';

/** One guest to one target, as the request (or the evacuation planner) asks for it. */
export interface MoveIntent extends MoveOptions {
  readonly guest: string;
  readonly target: string;
  readonly from?: string;
  /** Undefined: online for a running guest, offline for a stopped one. */
  readonly mode?: MigrationMode;
}

export type MoveEvaluation =
  { readonly ok: true; readonly move: PlannedMove } | { readonly ok: false; readonly blocked: BlockedGuest };

/** What earlier moves of the same plan take on each target, by target VSP. */
export interface Commitments {
  /** Memory they bring, running (MB). */
  readonly memoryMb: ReadonlyMap<string, number>;
  /** The stores they copy (or find) there: room in a volume group and a path each. */
  readonly copies: ReadonlyMap<string, readonly EarlierCopy[]>;
}

export interface MutableCommitments extends Commitments {
  readonly memoryMb: Map<string, number>;
  readonly copies: Map<string, EarlierCopy[]>;
}

export function noCommitments(): MutableCommitments {
  return { memoryMb: new Map(), copies: new Map() };
}

/**
 * Runs every rule that applies to one move and, when all pass, renders its commands.
 * `committed` makes a batch cumulative: a guest placed earlier in the plan counts on its target, with its memory
 * and the storage it copies there.
 */
export function evaluateMove(intent: MoveIntent, input: PlanInput, committed: Commitments): MoveEvaluation {
  const located = locateGuest(intent.guest, input.snapshot, intent.from);
  const lock = checkGuestLock(intent.guest, input.busy.guests);
  const location = located.location;
  if (location === undefined) {
    return { ok: false, blocked: { guest: intent.guest, target: intent.target, checks: [located.check, lock] } };
  }

  const { guest, vsp: sourceInventory } = location;
  const facts = guestFacts(guest);
  const mode = intent.mode ?? autoMode(guest, intent);
  const sourceSettings = input.vsps.find((vsp) => vsp.name === sourceInventory.name);
  const blocked = (checks: readonly CheckResult[]): MoveEvaluation => ({
    ok: false,
    blocked: { guest: guest.name, facts, source: sourceInventory.name, target: intent.target, mode, checks },
  });
  if (sourceSettings === undefined) {
    return blocked([
      failed(
        'guest-located',
        `${guest.name} is on ${sourceInventory.name}, which is not in the fleet config`,
        'add the VSP to the fleet config',
      ),
      lock,
    ]);
  }

  const target = checkTarget(guest.name, intent.target, sourceInventory.name, input.vsps, input.snapshot);
  const devices: DeviceContext = {
    vsp: sourceInventory.name,
    sourceVersion: sourceSettings.hpvmVersion,
    ...(target.settings === undefined
      ? {}
      : { target: { vsp: target.settings.name, version: target.settings.hpvmVersion } }),
  };
  // The storage an offline move would copy, judged whatever the mode: an online refusal that points at an
  // offline move must know whether that move would be refused too (no room, no copy option, file stores).
  const offlineStorage =
    target.settings !== undefined && target.inventory !== undefined
      ? planStorageCopies(
          input,
          guest,
          { settings: sourceSettings, inventory: sourceInventory },
          { settings: target.settings, inventory: target.inventory },
          committed.copies.get(target.settings.name) ?? [],
        )
      : undefined;
  // Every fix that points at an offline move reads the same route, so none suggests one that would fail.
  const offline = offlineRoute(guest, intent.target, devices, storageBlockers(offlineStorage));
  const checks: CheckResult[] = [located.check, lock, target.check, checkGuestState(guest, mode, intent.stop, offline)];
  if (mode === 'online') checks.push(...onlineGuestChecks(guest, offline));
  checks.push(checkStorageBacking(guest, mode, devices, offline));
  if (target.settings !== undefined && target.inventory !== undefined) {
    checks.push(
      ...targetChecks(
        { guest, mode, intent, committed, input, offline },
        { settings: sourceSettings, inventory: sourceInventory },
        { settings: target.settings, inventory: target.inventory },
      ),
    );
  }
  const storage = mode === 'offline' ? offlineStorage : undefined;
  if (storage !== undefined) checks.push(storage.check);
  if (checks.some((check) => !check.ok) || target.settings === undefined) return blocked(checks);

  const running = guest.state === 'On';
  const options: MoveOptions = {
    stop: mode === 'offline' && intent.stop && running,
    start: mode === 'offline' && intent.start,
    deleteSource: intent.deleteSource,
  };
  const rendered = renderCommands(input, {
    source: sourceSettings,
    target: target.settings,
    vm: guest.name,
    mode,
    options,
    storage: copyResources(storage),
  });
  if (!rendered.ok) return blocked([...checks, rendered.check]);
  const { commands } = rendered;
  // The preview says when HP's own check does not run, and why: it is a check nobody made, not a pass.
  const precheck = decidePrecheck(sourceSettings, mode, options);
  if (!precheck.run) checks.push(notChecked('hp-precheck', precheck.reason));
  return {
    ok: true,
    move: {
      guest: facts,
      source: sourceInventory.name,
      target: target.settings.name,
      mode,
      options,
      downtime: mode === 'offline' && running,
      checks,
      commands,
      estimatedSeconds: estimateMoveSeconds(mode, guest.memoryMb, input.settings) + copySeconds(storage),
      estimatedPhases: estimateMovePhases(mode, guest.memoryMb, input.settings, copySeconds(storage)),
      ...(storage === undefined || storage.copies.length === 0 ? {} : { storageCopies: storage.copies }),
    },
  };
}

/** The memory a move brings, running, to its target: none when the guest arrives stopped. */
export function committedMemoryMb(move: PlannedMove): number {
  return move.mode === 'online' || move.options.start ? guestFootprintMb(move.guest) : 0;
}

export function addCommitment(committed: MutableCommitments, move: PlannedMove): void {
  committed.memoryMb.set(move.target, (committed.memoryMb.get(move.target) ?? 0) + committedMemoryMb(move));
  const copies = (move.storageCopies ?? []).map((copy) => ({ guest: move.guest.name, copy }));
  if (copies.length > 0) committed.copies.set(move.target, [...(committed.copies.get(move.target) ?? []), ...copies]);
}

/** `--stop`/`--start` only mean something offline, so with no mode given they choose it. */
function autoMode(guest: Guest, intent: MoveIntent): MigrationMode {
  if (intent.stop || intent.start) return 'offline';
  return guest.state === 'On' ? 'online' : 'offline';
}

function onlineGuestChecks(guest: Guest, offline: OfflineRoute): CheckResult[] {
  return [checkGuestKind(guest, offline), checkGuestOs(guest, offline), checkOnlineMigrationEnabled(guest, offline)];
}

interface Side {
  readonly settings: VspSettings;
  readonly inventory: VspInventory;
}

function targetChecks(
  context: {
    guest: Guest;
    mode: MigrationMode;
    intent: MoveIntent;
    committed: Commitments;
    input: PlanInput;
    offline: OfflineRoute;
  },
  source: Side,
  target: Side,
): CheckResult[] {
  const { guest, mode, intent, committed, input, offline } = context;
  const checks: CheckResult[] = [];
  if (mode === 'online') {
    checks.push(
      checkProcessor(
        processorIdentity(source.inventory, source.settings),
        processorIdentity(target.inventory, target.settings),
        offline,
      ),
    );
  }
  checks.push(
    checkVersionPath({
      kind: guest.kind,
      mode,
      offline,
      source: { vsp: source.settings.name, version: source.settings.hpvmVersion },
      target: { vsp: target.settings.name, version: target.settings.hpvmVersion },
    }),
  );
  if (mode === 'online' || intent.start) {
    const memory = targetMemory(
      target.inventory,
      target.settings.reservedMemoryMb,
      committed.memoryMb.get(target.settings.name) ?? 0,
    );
    checks.push(checkMemoryFit(guest, memory, offline));
  }
  checks.push(checkVswitches(guest, target.inventory, source.settings.name));
  checks.push(checkHostsSettled(source.settings.name, target.settings.name, input.busy.attentionHosts));
  if (mode === 'online') checks.push(checkHostsFree(source.settings.name, offline, input.busy.onlineHosts));
  return checks;
}

type Rendered =
  { readonly ok: true; readonly commands: MoveCommands } | { readonly ok: false; readonly check: CheckResult };

/** A line that cannot be rendered safely blocks the move; it is never rendered some other way. */
function renderCommands(input: PlanInput, move: MoveCommandInput): Rendered {
  try {
    return { ok: true, commands: renderMoveCommands(input.templates, move) };
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const fix =
      error.code === 'invalid_name'
        ? `${error.context.value ?? 'the name'} cannot appear in a command line: rename it to match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`
        : `fix commandTemplates for HPVM ${error.context.version ?? move.source.hpvmVersion} in the config`;
    return { ok: false, check: failed('commands', `${error.message} [${error.code}]`, fix) };
  }
}

export function guestFacts(guest: Guest): GuestFacts {
  return {
    name: guest.name,
    state: guest.state,
    stateText: guest.stateText,
    os: guest.os,
    kind: guest.kind,
    vcpus: guest.vcpus,
    memoryMb: guest.memoryMb,
    ...(guest.storage === undefined
      ? {}
      : { storage: guest.storage.map((device) => ({ device: device.device, backing: device.backing })) }),
    ...(guest.networks === undefined ? {} : { networks: [...new Set(guest.networks.map((nic) => nic.vswitch))] }),
  };
}
