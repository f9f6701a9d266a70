/**
 * `hpvm-chatops balance --snapshot <file.json> [--max-moves k] [--json]`: the balancer on a snapshot
 * (README.md, "Command line"). With --json it prints exactly `{"moves","before","after"}`; otherwise a table per host
 * (load before and after, with a bar), the moves with their reasons, and the rounds.
 * Exit: 0 a plan was made (possibly empty) · 2 usage error or invalid snapshot (every problem listed).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatZodProblems } from '../../config.ts';
import { balanceJson } from '../../domain/balance/balance-json.ts';
import { parseBalanceSnapshot } from '../../domain/balance/balance-snapshot-schema.ts';
import type { BalanceResult } from '../../domain/balance/balance-types.ts';
import { percent } from '../../domain/balance/describe-move.ts';
import { planBalance } from '../../domain/balance/plan-balance.ts';
import { EXIT, type CliIo } from '../cli-io.ts';

const DEFAULT_MAX_MOVES = 10;
const BAR_WIDTH = 20;

const USAGE =
  `usage: hpvm-chatops balance --snapshot <file.json> [--max-moves k] [--json]   (k defaults to ${DEFAULT_MAX_MOVES})\n` +
  'example: hpvm-chatops balance --snapshot fleet-snapshot.json --max-moves 5\n';

export async function balanceCommand(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { snapshot: { type: 'string' }, 'max-moves': { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    io.stderr(`hpvm-chatops balance: ${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const path = args.values.snapshot;
  if (path === undefined) {
    io.stderr(`hpvm-chatops balance: --snapshot <file.json> is required\n${USAGE}`);
    return EXIT.usage;
  }
  const maxMovesText = args.values['max-moves'] ?? String(DEFAULT_MAX_MOVES);
  if (!/^[0-9]{1,6}$/.test(maxMovesText)) {
    io.stderr(`hpvm-chatops balance: --max-moves must be a whole number ≥ 0, not '${maxMovesText}'\n${USAGE}`);
    return EXIT.usage;
  }
  const raw = await readJson(path);
  if (!raw.ok) {
    io.stderr(`hpvm-chatops balance: ${path}: ${raw.problem}\n`);
    return EXIT.usage;
  }
  const parsed = parseBalanceSnapshot(raw.value);
  if (!parsed.ok) {
    const problems = formatZodProblems(parsed.error);
    io.stderr(`hpvm-chatops balance: invalid snapshot ${path}:\n${problems.map((p) => `  ${p}\n`).join('')}`);
    return EXIT.usage;
  }
  const result = planBalance(parsed.snapshot, { maxMoves: Number(maxMovesText) });
  io.stdout(args.values.json ? `${balanceJson(result)}\n` : renderBalanceText(result));
  return EXIT.ok;
}

async function readJson(path: string): Promise<{ ok: true; value: unknown } | { ok: false; problem: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
}

/** The plan for a person at a terminal: hosts with bars, moves with reasons, the figures. */
export function renderBalanceText(result: BalanceResult): string {
  const nameWidth = Math.max(4, ...result.hosts.map((host) => host.host.length));
  const lines = [`${'host'.padEnd(nameWidth)}  cores  ${'before'.padEnd(BAR_WIDTH + 6)}  after`];
  for (const host of result.hosts) {
    const note = host.maintenance ? '  (maintenance)' : '';
    lines.push(
      `${host.host.padEnd(nameWidth)}  ${String(host.cpuCores).padStart(5)}  ${loadCell(host.before)}  ${loadCell(host.after)}${note}`,
    );
  }
  lines.push('');
  if (result.moves.length === 0) {
    lines.push('no moves: nothing would lower the imbalance enough to be worth a migration');
  } else {
    const rounds = Math.max(...result.moves.map((move) => move.round));
    lines.push(`${result.moves.length} online move(s) in ${rounds} round(s) (each VSP in at most one move per round):`);
    result.moves.forEach((move, index) => {
      lines.push(`  round ${move.round}  ${move.vm}  ${move.from} → ${move.to}   ${result.reasons[index] ?? ''}`);
    });
  }
  lines.push('');
  lines.push(
    `cpu load sd ${result.before.cpuStdDev.toFixed(4)} → ${result.after.cpuStdDev.toFixed(4)}, ` +
      `max ${percent(result.before.maxCpuLoad)} → ${percent(result.after.maxCpuLoad)}`,
  );
  return `${lines.join('\n')}\n`;
}

function loadCell(load: number): string {
  const filled = Math.min(BAR_WIDTH, Math.round(load * BAR_WIDTH));
  const bar = `${'█'.repeat(filled)}${'·'.repeat(BAR_WIDTH - filled)}${load > 1 ? '+' : ' '}`;
  return `${percent(load).padStart(4)} ${bar}`;
}
