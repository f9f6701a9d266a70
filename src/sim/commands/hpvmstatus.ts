/**
 * `hpvmstatus [-r] [{-P vm | -p n} [-d | -V]]`: the guest table, one guest's details, devices or attributes,
 * CPU and memory entitlement.
 */
import type { CommandHandler } from './command-types.ts';
import { getopt } from './getopt.ts';
import { lookupGuest, namesGuest } from './guest-lookup.ts';
import { renderGuestAttributes, renderGuestDetails, renderGuestDevices } from './hpvmstatus-details.ts';
import { renderGuestTable, renderResourceTable } from './hpvmstatus-table.ts';
import { usageError } from './usage.ts';

export function hpvmstatus(...args: Parameters<CommandHandler>): Promise<number> {
  return Promise.resolve(showStatus(...args));
}

function showStatus(...[model, vsp, argv, io]: Parameters<CommandHandler>): number {
  const parsed = getopt(argv, 'P:p:drV');
  if (!parsed.ok) return usageError(io, 'hpvmstatus', parsed.message);
  const { options, operands } = parsed;
  if (operands.length > 0) return usageError(io, 'hpvmstatus', `unexpected argument -- ${operands[0]}`);
  if (options.has('P') && options.has('p')) return usageError(io, 'hpvmstatus', '-P and -p are exclusive');
  if (options.has('d') && (!namesGuest(options) || options.has('r'))) {
    return usageError(io, 'hpvmstatus', '-d needs -P or -p and excludes -r');
  }
  // Only the per-guest -V is simulated; HP's -V of the whole table is not (nothing reads it).
  if (options.has('V') && (!namesGuest(options) || options.has('r') || options.has('d'))) {
    return usageError(io, 'hpvmstatus', '-V needs -P or -p and excludes -r and -d');
  }
  const host = model.host(vsp);
  if (!namesGuest(options)) {
    const lines = options.has('r') ? renderResourceTable(host.guests) : renderGuestTable(host);
    for (const line of lines) io.out(line);
    return 0;
  }
  const found = lookupGuest(model, vsp, options);
  if (!found.ok) {
    io.err(`hpvmstatus: ${found.message}`);
    return 1;
  }
  const lines = options.has('r')
    ? renderResourceTable([found.guest])
    : options.has('d')
      ? renderGuestDevices(found.guest)
      : options.has('V')
        ? renderGuestAttributes(found.guest)
        : renderGuestDetails(found.guest);
  for (const line of lines) io.out(line);
  return 0;
}
