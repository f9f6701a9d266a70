/**
 * The checks HP's hpvmmigrate makes before it moves anything (docs/hpvm-reference.md, "What hpvmmigrate checks"), written
 * independently of src/domain: this is the oracle the bot's own rules are tested against. Texts quoted
 * from HP are used verbatim (docs/hpvm-reference.md, "Messages and exit codes"); the others follow
 * docs/hpvm-output-formats.md §6 [INF].
 */
import type { FleetModel } from '../fleet-model.ts';
import { guestFootprintMb } from '../guest-footprint.ts';
import { offlinePathAllowed, onlinePathAllowed } from '../hpvm-versions.ts';
import type { SimHost } from '../sim-host.ts';
import { storageChecks } from './migrate-storage.ts';
import { COMMAND_LOG_LINE, type CheckFailure, type MigrateRequest } from './migrate-request.ts';

export function checkMigration(model: FleetModel, request: MigrateRequest): CheckFailure[] {
  const modeChecks = request.online ? onlineChecks(model, request) : offlineChecks(model, request);
  return [...modeChecks, ...targetChecks(model, request), ...(request.online ? [] : storageChecks(request))];
}

function onlineChecks(model: FleetModel, request: MigrateRequest): CheckFailure[] {
  const { guest, source, target } = request;
  const { config } = guest;
  const failures: string[] = [];
  for (const host of [source, target]) {
    if (model.onlineMigrationOn(host.name)) failures.push(`Another online migration is in progress on ${host.name}.`);
  }
  if (config.kind === 'vpar') failures.push('Online migration is not supported for vPars.');
  if (guest.state !== 'On') failures.push('Guest is not running; use offline migration.');
  if (config.os !== 'HPUX' && config.os !== 'OVMS')
    failures.push(`Guest OS type ${config.os} does not support online migration.`);
  if (config.onlineMigration === 'disabled') failures.push('Online migration is disabled for this guest.');
  for (const host of [source, target]) {
    if (host.ovmm === 'disabled') failures.push(`Online migration is not enabled on VM Host ${host.name}.`);
    if (host.ovmm === 'unlicensed') failures.push(`Online migration is not licensed on VM Host ${host.name}.`);
  }
  if (!onlinePathAllowed(source.hpvmVersion, target.hpvmVersion)) {
    failures.push(`Online migration from HPVM ${source.hpvmVersion} to ${target.hpvmVersion} is not supported.`);
  }
  if (!processorsCompatible(source.cpu, target.cpu))
    failures.push('Processor family/model of target VM Host is not compatible.');
  for (const device of config.storage) {
    // Whole SAN disks only; an ejected DVD (`null`) is fine, a file-backed one must be ejected first.
    if (device.backing === 'lv' || device.backing === 'file') {
      failures.push(`Backing store ${device.path} (${device.backing}) is not supported for online migration.`);
    }
  }
  if (model.freeMemoryMb(target.name) < guestFootprintMb(config))
    failures.push('Insufficient memory on target VM Host.');
  return failures.map((reason) => hardError(config.name, reason));
}

function offlineChecks(model: FleetModel, request: MigrateRequest): CheckFailure[] {
  const { guest, source, target } = request;
  const { config } = guest;
  const failures: string[] = [];
  if (!offlinePathAllowed(config.kind, source.hpvmVersion, target.hpvmVersion)) {
    const what = config.kind === 'vpar' ? 'Migration of vPars' : 'Migration';
    failures.push(`${what} from HPVM ${source.hpvmVersion} to ${target.hpvmVersion} is not supported.`);
  }
  if (guest.state === 'On' && !request.stopFirst) failures.push('Guest is running; stop it first or use -d.');
  if (request.bootAfter && model.freeMemoryMb(target.name) < guestFootprintMb(config)) {
    failures.push('Insufficient memory on target VM Host.');
  }
  return failures.map((reason) => hardError(config.name, reason));
}

/** What the target VM Host verifies for both kinds: name clash, shared and visible storage, vswitches. */
function targetChecks(model: FleetModel, request: MigrateRequest): CheckFailure[] {
  const { guest, target } = request;
  const { config } = guest;
  const failures: CheckFailure[] = [];
  const existing = model.guest(target.name, config.name);
  if (existing && existing.state !== 'NR') {
    failures.push(hardError(config.name, `A guest named ${config.name} already exists on the target VM Host.`));
  }
  for (const device of config.storage.filter((candidate) => candidate.shared)) {
    failures.push({
      lines: [`Device ${device.path} is shared.  Guest with shared storage devices cannot be migrated.`],
      forceable: true,
    });
  }
  const paths = config.storage.map((device) => device.path);
  if (paths.some((path) => target.faults.missingDevices?.includes(path))) {
    failures.push({ lines: ['Target VM Host error - Device does not exist.', COMMAND_LOG_LINE], forceable: true });
  }
  if (paths.some((path) => target.faults.wwidMismatch?.includes(path))) {
    failures.push({ lines: ['Device WWID does not match.', COMMAND_LOG_LINE], forceable: true });
  }
  const vswitches = new Set(target.vswitches.map((vswitch) => vswitch.name));
  if (config.networks.some((network) => !vswitches.has(network.vswitch))) {
    failures.push({ lines: ['Target VM Host error - vswitch validation failed.', COMMAND_LOG_LINE], forceable: true });
  }
  return failures;
}

/**
 * HP's rule (docs/hpvm-reference.md, "Processor compatibility"; DOC IVM43-P178): family 31 moves to any family-31 model;
 * family 32 models 0 and 1 are interchangeable; otherwise family and model must be identical.
 */
export function processorsCompatible(a: SimHost['cpu'], b: SimHost['cpu']): boolean {
  if (a.family !== b.family) return false;
  if (a.family === 31) return true;
  if (a.family === 32 && a.model <= 1 && b.model <= 1) return true;
  return a.model === b.model;
}

function hardError(vm: string, reason: string): CheckFailure {
  return { lines: [`ERROR (${vm}): ${reason}`], forceable: false };
}
