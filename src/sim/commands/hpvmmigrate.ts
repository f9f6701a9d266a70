/**
 * `hpvmmigrate {-P vm | -p n} -h host [-o] [-s] [-b] [-d] [-D] [-F]` (docs/hpvm-reference.md, "hpvmmigrate flags"). Only the
 * DOC-confirmed flags are emulated; the other 4.0 flags are usage errors here, so the bot cannot lean on them.
 */
import type { FleetModel } from '../fleet-model.ts';
import { hasOnlineOption } from '../hpvm-versions.ts';
import type { SimGuest, SimHost } from '../sim-host.ts';
import type { CommandHandler, CommandIo } from './command-types.ts';
import { getopt } from './getopt.ts';
import { lookupGuest, namesGuest } from './guest-lookup.ts';
import { resolveStorageMoves, takeStorageOptions } from './migrate-storage.ts';
import { checkMigration } from './migrate-checks.ts';
import { SSH_ERROR, type CheckFailure, type MigrateRequest } from './migrate-request.ts';
import { runOfflineMigration, runOnlineMigration, UNABLE_LINE } from './migrate-run.ts';
import { usageError } from './usage.ts';

export async function hpvmmigrate(...[model, vsp, argv, io]: Parameters<CommandHandler>): Promise<number> {
  const taken = takeStorageOptions(argv);
  if (!taken.ok) return usageError(io, 'hpvmmigrate', taken.message);
  if (taken.storage.length > 0 && model.host(vsp).hpvmVersion === '3.5') {
    return usageError(io, 'hpvmmigrate', 'illegal option -- m');
  }
  // No -o before 4.1: HP-UX getopt answers `illegal option -- o` with the usage (hpvm-versions.ts).
  const letters = hasOnlineOption(model.host(vsp).hpvmVersion) ? 'P:p:h:osdbDF' : 'P:p:h:sdbDF';
  const parsed = getopt(taken.argv, letters);
  if (!parsed.ok) return usageError(io, 'hpvmmigrate', parsed.message);
  const { options, operands } = parsed;
  if (operands.length > 0) return usageError(io, 'hpvmmigrate', `unexpected argument -- ${operands[0]}`);
  if (!namesGuest(options) || (options.has('P') && options.has('p'))) {
    return usageError(io, 'hpvmmigrate', 'exactly one of -P and -p is required');
  }
  const targetName = options.get('h');
  if (typeof targetName !== 'string') return usageError(io, 'hpvmmigrate', 'the -h option is required');
  const online = options.has('o');
  if (online && (options.has('b') || options.has('d'))) {
    return usageError(io, 'hpvmmigrate', '-b and -d apply to offline migration only');
  }
  if (online && taken.storage.length > 0) {
    return usageError(io, 'hpvmmigrate', '-m applies to offline migration only');
  }

  const found = lookupGuest(model, vsp, options);
  if (!found.ok) {
    io.err(`hpvmmigrate: ${found.message}`);
    return 1;
  }
  const { guest } = found;
  const vm = guest.config.name;
  const source = model.host(vsp);
  const target = model.resolveHost(targetName);
  const fatal = fatalReason(model, guest, source, target, targetName);
  if (fatal !== undefined || !target) return fail(io, [{ lines: [fatal ?? ''], forceable: false }]);

  const storage = resolveStorageMoves(guest.config.storage, taken.storage);
  if (!storage.ok) {
    io.err(`hpvmmigrate: ERROR (${vm}): ${storage.message}`);
    return 1;
  }
  const request: MigrateRequest = {
    guest,
    source,
    target,
    online,
    stopFirst: options.has('d'),
    bootAfter: options.has('b'),
    storage: storage.moves,
  };
  const failures = checkMigration(model, request);
  const force = options.has('F');
  const errors = failures.filter((failure) => !(force && failure.forceable));
  if (errors.length > 0) return fail(io, failures);
  for (const warning of failures) {
    const [reason = '', ...rest] = warning.lines;
    io.err(`hpvmmigrate: WARNING (${vm}): ${reason}`);
    for (const line of rest) io.err(`hpvmmigrate: ${line}`);
  }
  if (options.has('s')) {
    io.out(`hpvmmigrate: Guest ${vm} can be migrated to ${targetName}.`);
    return 0;
  }
  const deleteSource = options.has('D');
  return online
    ? runOnlineMigration(model, request, deleteSource, io)
    : runOfflineMigration(model, request, deleteSource, io);
}

/** Reasons nothing else can be checked: reported alone, at once. */
function fatalReason(
  model: FleetModel,
  guest: SimGuest,
  source: SimHost,
  target: SimHost | undefined,
  targetName: string,
): string | undefined {
  const vm = guest.config.name;
  if (!target) return `ERROR (${vm}): Unable to resolve target VM Host '${targetName}'.`;
  if (guest.state === 'NR') return `ERROR (${vm}): Guest is not runnable on this VM Host.`;
  if (model.migrationOf(vm)) return `ERROR (${vm}): Guest is already being migrated.`;
  if (target.name === source.name) return `ERROR (${vm}): The target VM Host is the local VM Host.`;
  // hpvmmigrate drives the target over ssh as root, in both directions (docs/hpvm-reference.md, "What hpvmmigrate checks").
  if (source.faults.sshTrust === false || target.faults.sshTrust === false || target.faults.sshRefused === true) {
    return SSH_ERROR;
  }
  return undefined;
}

function fail(io: CommandIo, failures: readonly CheckFailure[]): number {
  for (const failure of failures) for (const line of failure.lines) io.err(`hpvmmigrate: ${line}`);
  io.err(UNABLE_LINE);
  return 1;
}
