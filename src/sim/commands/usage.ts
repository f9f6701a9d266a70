import type { CommandIo } from './command-types.ts';

/** HP's usage lines [INF: HP prints a usage summary on a bad option; its exact text is unknown]. */
export const USAGE = {
  hpvmstatus: 'usage: hpvmstatus [-r] [{-P vm-name | -p vm-number} [-d]]',
  hpvmnet: 'usage: hpvmnet',
  machinfo: 'usage: machinfo',
  hpvmmigrate:
    'usage: hpvmmigrate {-P vm-name | -p vm-number} -h dest-hostname-or-IP-addr [-o] [-s] [-b] [-d] [-D] [-F]',
  hpvmstart: 'usage: hpvmstart {-P vm-name | -p vm-number}',
  hpvmstop: 'usage: hpvmstop {-P vm-name | -p vm-number} [-g] [-F]',
  vgdisplay: 'usage: vgdisplay [-v] [vg_name ...]',
  bdf: 'usage: bdf',
} as const;

/** `<cmd>: <problem>` and the usage line on stderr; exit 1 like every hpvm error. */
export function usageError(io: CommandIo, command: keyof typeof USAGE, problem: string): number {
  io.err(`${command}: ${problem}`);
  io.err(USAGE[command]);
  return 1;
}
