/**
 * `hpvm-chatops audit verify|export`: the audit chain of a database file (docs/architecture.md, "Audit"),
 * read-only and without migrating.
 * verify — exit 0 `audit chain intact: N rows, head <hash prefix>`; exit 1 one line per problem on stdout
 *          (`seq N: what`), or when the file cannot be read (older schema: the bot must open it once).
 * export — the rows as JSON Lines or CSV on stdout, from `--since` on; exit 1 when a row could not be read.
 * Usage errors exit 2 with the usage line and an example (docs/conventions.md #4).
 */
import { parseArgs } from 'node:util';

import { verifyAuditChain, type AuditChainProblem } from '../../adapters/store/audit-chain.ts';
import { readAuditFile, type AuditFile } from '../../adapters/store/audit-file.ts';
import { StoreError } from '../../adapters/store/store-error.ts';
import { EXIT, type CliIo } from '../cli-io.ts';
import { AUDIT_EXPORT_FORMATS, auditExportLines, type AuditExportFormat } from './audit-rows.ts';

const DEFAULT_DB_FILE = 'hpvm-chatops.db';
/** How much of the head hash `verify` prints: enough to compare with a copy kept elsewhere. */
const HEAD_PREFIX_LENGTH = 16;

const USAGE =
  'usage: hpvm-chatops audit verify [--db <file>]\n' +
  '       hpvm-chatops audit export --format jsonl|csv [--since <ISO date>] [--db <file>]\n' +
  `       (--db defaults to $DB_FILE, else ${DEFAULT_DB_FILE})\n` +
  'example: hpvm-chatops audit export --format csv --since 2026-11-01 --db /var/lib/hpvm-chatops/bot.db\n';

export function auditCommand(argv: string[], io: CliIo): Promise<number> {
  // Reading the file is synchronous (better-sqlite3); the subcommand signature is a promise.
  return Promise.resolve(runAudit(argv, io));
}

function runAudit(argv: string[], io: CliIo): number {
  const [action, ...rest] = argv;
  switch (action) {
    case 'verify':
      return verifyCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return EXIT.ok;
    case undefined:
      return usageError(io, 'say what to do: verify or export');
    default:
      return usageError(io, `unknown action ${echo(action)}: verify or export`);
  }
}

function verifyCommand(argv: string[], io: CliIo): number {
  const args = parseOptions(argv, io, { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (typeof args === 'number') return args;
  const file = readFile(io, 'verify', dbPath(args.db, io));
  if (file === undefined) return EXIT.failure;
  const report = verifyAuditChain(file.rows, file.head);
  const problems: AuditChainProblem[] = [...file.unreadable, ...report.problems];
  if (file.head === undefined) {
    problems.push({
      seq: report.head.seq,
      kind: 'head_mismatch',
      message:
        'head mismatch: the audit_head row is missing (deleted by hand), so deleted last rows cannot be detected',
    });
  }
  if (problems.length === 0) {
    const head = report.head.hash === '' ? '(none)' : report.head.hash.slice(0, HEAD_PREFIX_LENGTH);
    io.stdout(`audit chain intact: ${report.rows} rows, head ${head}\n`);
    return EXIT.ok;
  }
  const sorted = problems.toSorted((a, b) => a.seq - b.seq);
  io.stdout(sorted.map((problem) => `seq ${problem.seq}: ${problem.message}\n`).join(''));
  io.stderr(`audit chain broken: ${problems.length} problem(s) in ${report.rows} row(s)\n`);
  return EXIT.failure;
}

function exportCommand(argv: string[], io: CliIo): number {
  const args = parseOptions(argv, io, {
    format: { type: 'string' },
    since: { type: 'string' },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (typeof args === 'number') return args;
  const { format, since } = args;
  if (format === undefined) return usageError(io, 'export needs --format jsonl or --format csv');
  if (!isFormat(format)) return usageError(io, `--format must be jsonl or csv, not ${echo(format)}`);
  if (since !== undefined && !isIsoDate(since)) {
    return usageError(
      io,
      `--since must be an ISO date (2026-11-01) or a time with its zone (2026-11-01T08:00:00Z), not ${echo(since)}`,
    );
  }
  const file = readFile(io, 'export', dbPath(args.db, io), since);
  if (file === undefined) return EXIT.failure;
  for (const line of auditExportLines(file.rows, format)) io.stdout(line);
  for (const problem of file.unreadable)
    io.stderr(`hpvm-chatops audit export: seq ${problem.seq} left out: ${problem.message}\n`);
  return file.unreadable.length === 0 ? EXIT.ok : EXIT.failure;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Options = { db?: string; format?: string; since?: string };

/** The parsed options, or the exit code when there is nothing more to do (help shown, usage error). */
function parseOptions(argv: string[], io: CliIo, options: OptionSpec): Options | number {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  if (parsed.help === true) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const text = (key: string): string | undefined => {
    const value = parsed[key];
    return typeof value === 'string' ? value : undefined;
  };
  return { db: text('db'), format: text('format'), since: text('since') };
}

function dbPath(option: string | undefined, io: CliIo): string {
  const fromEnv = io.env.DB_FILE;
  return option ?? (fromEnv === undefined || fromEnv === '' ? DEFAULT_DB_FILE : fromEnv);
}

function readFile(io: CliIo, action: string, path: string, since?: string): AuditFile | undefined {
  try {
    return readAuditFile(path, since === undefined ? {} : { since });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    io.stderr(`hpvm-chatops audit ${action}: ${error.message}\n`);
    return undefined;
  }
}

function usageError(io: CliIo, problem: string): number {
  io.stderr(`hpvm-chatops audit: ${problem}\n${USAGE}`);
  return EXIT.usage;
}

function isFormat(value: string): value is AuditExportFormat {
  return (AUDIT_EXPORT_FORMATS as readonly string[]).includes(value);
}

/** A date (read as UTC midnight) or a time with an explicit zone: a bare local time would depend on the machine. */
function isIsoDate(value: string): boolean {
  const shape = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
  return shape.test(value) && !Number.isNaN(Date.parse(value));
}

/** The input as typed, quoted and cut short: usage errors echo it without flooding the terminal. */
function echo(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
