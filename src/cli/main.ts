/**
 * `hpvm-chatops <command>`: the operator CLI and the project's stable black-box surface (README.md, "Command line").
 * Each subcommand lives in its own file and receives its arguments and a CliIo; nothing here reads
 * process globals except to build that CliIo.
 */
import { once } from 'node:events';
import { EXIT, type CliIo } from './cli-io.ts';
import { auditCommand } from './commands/audit.ts';
import { balanceCommand } from './commands/balance.ts';
import { parseCommand } from './commands/parse.ts';
import { planCommand } from './commands/plan.ts';
import { simCommand } from './commands/sim.ts';
import { startCommand } from './commands/start.ts';

type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  start: startCommand,
  parse: parseCommand,
  plan: planCommand,
  sim: simCommand,
  balance: balanceCommand,
  audit: auditCommand,
};

const USAGE = `usage: hpvm-chatops <command> [options]

commands:
  start                                   run the bot (sandbox with the simulated fleet when no Slack credentials are set)
  parse -- "<text>"                       parse a /migrate text and print the request as JSON (exit 2 on a usage error)
  plan --config <file> -- "<text>"        collect inventory, check the rules, print the preview; nothing is executed
  sim --fleet <file>                      start simulated VSPs on 127.0.0.1 and write a config the bot can use
  balance --snapshot <file.json> [--max-moves k] [--json]
                                          load-balancing suggestions for a snapshot (moves, rounds, before/after)
  audit verify [--db <file>]              check the audit hash chain of the database (read-only; exit 1 names each broken row)
  audit export --format jsonl|csv [--since <ISO date>] [--db <file>]
                                          the audit rows with their hashes, for an archive or a spreadsheet

example:
  hpvm-chatops parse -- "vm01 vm02 to vsp2 --check"
`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    io.stderr(`hpvm-chatops: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  return subcommand(rest, io);
}

/** The real process as a CliIo; Ctrl-C (SIGINT) or SIGTERM resolves `interrupted`. */
export function processIo(): CliIo {
  const interrupted = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]).then(() => undefined);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    interrupted,
  };
}
