/**
 * `hpvmstop {-P vm | -p n} [-g] [-F]`: `-g` shuts the OS down gracefully (takes a little simulated time).
 * Without `-F` HP asks for confirmation; with no terminal to answer, the simulator does not prompt [INF].
 */
import type { CommandHandler } from './command-types.ts';
import { getopt } from './getopt.ts';
import { lookupGuest, namesGuest } from './guest-lookup.ts';
import { usageError } from './usage.ts';

const GRACEFUL_SECONDS = 2;

export async function hpvmstop(...[model, vsp, argv, io]: Parameters<CommandHandler>): Promise<number> {
  const parsed = getopt(argv, 'P:p:gF');
  if (!parsed.ok) return usageError(io, 'hpvmstop', parsed.message);
  if (parsed.operands.length > 0) return usageError(io, 'hpvmstop', `unexpected argument -- ${parsed.operands[0]}`);
  if (!namesGuest(parsed.options)) return usageError(io, 'hpvmstop', 'the -P or -p option is required');
  const found = lookupGuest(model, vsp, parsed.options);
  if (!found.ok) {
    io.err(`hpvmstop: ${found.message}`);
    return 1;
  }
  const vm = found.guest.config.name;
  const problem = model.migrationOf(vm)
    ? 'Guest is being migrated.'
    : found.guest.state !== 'On'
      ? 'Guest is not running.'
      : undefined;
  if (problem !== undefined) {
    io.err(`hpvmstop: ERROR (${vm}): ${problem}`);
    io.err('hpvmstop: Unable to stop the guest.');
    return 1;
  }
  if (parsed.options.has('g')) {
    try {
      await model.sleep(GRACEFUL_SECONDS, io.signal);
    } catch {
      return 1;
    }
  }
  model.setGuestState(vsp, vm, 'Off');
  io.out(`hpvmstop: Guest '${vm}' stopped.`);
  return 0;
}
