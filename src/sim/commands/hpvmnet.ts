/** `hpvmnet`: the vswitch table (docs/hpvm-output-formats.md §4). Options are not emulated. */
import type { CommandHandler } from './command-types.ts';
import { getopt } from './getopt.ts';
import { formatRow, left, right, underline } from './text-table.ts';
import { usageError } from './usage.ts';

const COLUMNS = [left(8), right(6), left(7), left(9), left(8), left(14), left(15)];

export function hpvmnet(...args: Parameters<CommandHandler>): Promise<number> {
  return Promise.resolve(listVswitches(...args));
}

function listVswitches(...[model, vsp, argv, io]: Parameters<CommandHandler>): number {
  const parsed = getopt(argv, '');
  if (!parsed.ok) return usageError(io, 'hpvmnet', parsed.message);
  if (parsed.operands.length > 0) return usageError(io, 'hpvmnet', `unexpected argument -- ${parsed.operands[0]}`);
  io.out('Name     Number State   Mode      NamePPA  MAC Address    IP Address');
  io.out(underline(COLUMNS));
  for (const vswitch of model.host(vsp).vswitches) {
    const mac = vswitch.mac === undefined ? 'N/A' : `0x${vswitch.mac.toLowerCase()}`;
    const cells = [vswitch.name, String(vswitch.number), 'Up', 'Shared', vswitch.pnic ?? '', mac, vswitch.ip ?? 'N/A'];
    io.out(formatRow(COLUMNS, cells));
  }
  return 0;
}
