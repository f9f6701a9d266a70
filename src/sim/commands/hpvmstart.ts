/** `hpvmstart {-P vm | -p n}`: the guest starts at once; HP's hpvmapp allocation lines are left out. */
import type { FleetModel } from '../fleet-model.ts';
import type { SimGuest } from '../sim-host.ts';
import type { CommandHandler } from './command-types.ts';
import { guestFootprintMb } from '../guest-footprint.ts';
import { getopt } from './getopt.ts';
import { lookupGuest, namesGuest } from './guest-lookup.ts';
import { usageError } from './usage.ts';

export function hpvmstart(...args: Parameters<CommandHandler>): Promise<number> {
  return Promise.resolve(startGuest(...args));
}

function startGuest(...[model, vsp, argv, io]: Parameters<CommandHandler>): number {
  const parsed = getopt(argv, 'P:p:');
  if (!parsed.ok) return usageError(io, 'hpvmstart', parsed.message);
  if (parsed.operands.length > 0) return usageError(io, 'hpvmstart', `unexpected argument -- ${parsed.operands[0]}`);
  if (!namesGuest(parsed.options)) return usageError(io, 'hpvmstart', 'the -P or -p option is required');
  const found = lookupGuest(model, vsp, parsed.options);
  if (!found.ok) {
    io.err(`hpvmstart: ${found.message}`);
    return 1;
  }
  const { config } = found.guest;
  const problem = startProblem(model, vsp, found.guest);
  if (problem !== undefined) {
    io.err(`hpvmstart: ERROR (${config.name}): ${problem}`);
    io.err('hpvmstart: Unable to start the guest.');
    return 1;
  }
  model.setGuestState(vsp, config.name, 'On');
  io.out(`hpvmstart: Successful start initiation of guest '${config.name}'`);
  return 0;
}

function startProblem(model: FleetModel, vsp: string, guest: SimGuest): string | undefined {
  if (guest.state === 'NR') return 'Guest is not runnable.';
  if (model.migrationOf(guest.config.name)) return 'Guest is being migrated.';
  if (guest.state === 'On') return 'Guest is already running.';
  // Online migration to a host takes the guest-start locks there (DOC IVM425-RN91 §9.2.9).
  if (model.onlineMigrationOn(vsp)?.target === vsp) {
    return 'An online migration to this VM Host is in progress; no guest can start until it ends.';
  }
  if (model.freeMemoryMb(vsp) < guestFootprintMb(guest.config)) return 'Insufficient memory to start the guest.';
  return undefined;
}
