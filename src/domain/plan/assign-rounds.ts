import type { MigrationMode } from '../request.ts';

export interface RoundSlot {
  readonly source: string;
  readonly target: string;
  readonly mode: MigrationMode;
}

/**
 * Groups moves into rounds (docs/architecture.md, "Domain rules"): a round holds at most `maxParallel` moves, and each VSP takes
 * part in at most one online migration per round (HP: one online migration per host at a time).
 * First fit in move order, so the result depends on the input only. Returns indexes into `moves`.
 */
export function assignRounds(moves: readonly RoundSlot[], maxParallel: number): number[][] {
  const limit = Math.max(1, Math.floor(maxParallel));
  const rounds: { indexes: number[]; onlineHosts: Set<string> }[] = [];
  moves.forEach((move, index) => {
    const hosts = move.mode === 'online' ? [move.source, move.target] : [];
    let round = rounds.find(
      (entry) => entry.indexes.length < limit && hosts.every((host) => !entry.onlineHosts.has(host)),
    );
    if (round === undefined) {
      round = { indexes: [], onlineHosts: new Set() };
      rounds.push(round);
    }
    round.indexes.push(index);
    for (const host of hosts) round.onlineHosts.add(host);
  });
  return rounds.map((round) => round.indexes);
}
