/**
 * Usage lines, examples and the help text, from one set of constants: a usage error and
 * `/migrate help` can never disagree about the syntax (docs/conventions.md #4).
 */

export type CommandForm =
  'migrate' | 'evacuate' | 'return' | 'balance' | 'status' | 'list' | 'history' | 'cancel' | 'resolve' | 'help';

export interface FormHelp {
  readonly usage: string;
  readonly example: string;
  readonly summary: string;
}

export const FORMS: Readonly<Record<CommandForm, FormHelp>> = {
  migrate: {
    usage:
      '/migrate <vm> [<vm> ...] [from <vsp>] to <vsp> [online|offline] [--stop] [--start] [--delete-source] [--check] [--reason <text>]',
    example: '/migrate vm1 vm2 from vsp1 to vsp2 online --reason "kernel patching"',
    summary: 'Move guests to another VSP; you get a preview, and nothing runs until someone approves it.',
  },
  evacuate: {
    usage: '/migrate evacuate <vsp> [to <vsp>[,<vsp>...]]',
    example: '/migrate evacuate vsp1 to vsp2,vsp3',
    summary: 'Plan moves of every guest away from a VSP before maintenance.',
  },
  return: {
    usage: '/migrate return <vsp>',
    example: '/migrate return vsp1',
    summary: 'Move the guests evacuated from a VSP back to it.',
  },
  balance: {
    usage: '/migrate balance',
    example: '/migrate balance',
    summary: 'Suggest moves that even out the load of the VSPs.',
  },
  status: {
    usage: '/migrate status [<request>|<vm>]',
    example: '/migrate status REQ-42',
    summary: 'Show one request, the requests of one guest, or everything in flight.',
  },
  list: {
    usage: '/migrate list',
    example: '/migrate list',
    summary: 'List pending and running requests.',
  },
  history: {
    usage: '/migrate history [<vm>|<vsp>]',
    example: '/migrate history vm1',
    summary: 'Show past requests, all of them or those of one guest or VSP.',
  },
  cancel: {
    usage: '/migrate cancel <request>',
    example: '/migrate cancel REQ-42',
    summary: 'Cancel a request that has not started yet.',
  },
  resolve: {
    usage: '/migrate resolve <request> [<vm>] done|failed',
    example: '/migrate resolve REQ-42 vm1 done',
    summary: 'Approvers: settle a move whose outcome the bot could not establish; hpvmstatus on both VSPs must agree.',
  },
  help: {
    usage: '/migrate help',
    example: '/migrate help',
    summary: 'Show this help.',
  },
};

export const FORM_ORDER: readonly CommandForm[] = [
  'migrate',
  'evacuate',
  'return',
  'balance',
  'status',
  'list',
  'history',
  'cancel',
  'resolve',
  'help',
];

/** The options of the migrate form, in the order of its usage line. */
export const MIGRATE_OPTIONS: readonly (readonly [option: string, meaning: string])[] = [
  ['online', 'the guest keeps running (the default where the rules allow it)'],
  ['offline', "move the guest's configuration; the guest must be stopped, or add `--stop`"],
  ['--stop', 'offline only: stop the running guest as part of the move (downtime)'],
  ['--start', 'offline only: start the guest on the target afterwards'],
  ['--delete-source', 'remove the copy on the source VSP after success'],
  ['--check', 'run the checks only; nothing is moved'],
  ['--reason <text>', 'why, for the audit log: in quotes, or the rest of the line'],
];

const NOTES: readonly string[] = [
  "Names (guests, VSPs): letters, digits, '.', '_', '-'; they start with a letter or digit; at most 64 characters.",
  'Guests are separated by spaces or commas and come first; `from` and `to` may come in either order.',
  'A first word such as `list` or `status` is a subcommand, so a guest with that name must not be named first; guests named `to`, `from`, `online` or `offline` cannot be moved from chat.',
  "`-F` (force) is never used: the bot does not skip HP Integrity VM's safety checks.",
];

export function helpText(): string {
  const lines: string[] = ['*/migrate* moves HP Integrity VM guests between VSPs.', ''];
  for (const form of FORM_ORDER) {
    const help = FORMS[form];
    const example = help.example === help.usage ? '' : ` Example: \`${help.example}\``;
    lines.push(`\`${help.usage}\``, `    ${help.summary}${example}`);
  }
  lines.push('', '*Options of a move*');
  for (const [option, meaning] of MIGRATE_OPTIONS) lines.push(`• \`${option}\`: ${meaning}`);
  lines.push('', '*Notes*');
  for (const note of NOTES) lines.push(`• ${note}`);
  return lines.join('\n');
}
