import type { BalanceResult } from './balance-types.ts';

/**
 * The result as `hpvm-chatops balance --json` prints it (README.md, "Command line"), keys in a fixed order and nothing
 * else (reasons and per-host loads are for people): same snapshot, same bytes.
 */
export function balanceJson(result: BalanceResult): string {
  return JSON.stringify({
    moves: result.moves.map(({ vm, from, to, mode, round }) => ({ vm, from, to, mode, round })),
    before: { cpuStdDev: result.before.cpuStdDev, maxCpuLoad: result.before.maxCpuLoad },
    after: { cpuStdDev: result.after.cpuStdDev, maxCpuLoad: result.after.maxCpuLoad },
  });
}
