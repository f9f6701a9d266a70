import { describe, expect, it } from 'vitest';
import { buildBalanceModel } from '../../../../src/domain/balance/balance-model.ts';
import { scheduleMoves } from '../../../../src/domain/balance/schedule-moves.ts';
import type { BalanceSnapshot } from '../../../../src/domain/balance/balance-types.ts';
import { host, snapshot, vm } from './balance-builders.ts';

/** Rounds for `guest>target` moves, as `round:guest` in schedule order, or null. */
function rounds(input: BalanceSnapshot, moves: string[]): string[] | null {
  const model = buildBalanceModel(input);
  const planned = moves.map((text) => {
    const [guestName, targetName] = text.split('>') as [string, string];
    const guest = model.guestNames.indexOf(guestName);
    return { guest, from: model.home[guest] ?? -1, to: model.hostNames.indexOf(targetName) };
  });
  const scheduled = scheduleMoves(model, planned);
  return scheduled === null ? null : scheduled.map((move) => `${move.round}:${model.guestNames[move.guest]}`);
}

const fleet = snapshot(
  [host('vsp1'), host('vsp2', { memoryMb: 8192 }), host('vsp3'), host('vsp4', { memoryMb: 8192 }), host('vsp5')],
  [
    vm('a', 'vsp1', 1),
    vm('b', 'vsp1', 1),
    vm('c', 'vsp3', 1),
    vm('d', 'vsp2', 1, { memoryMb: 8192 }),
    vm('g1', 'vsp1', 1, { group: 'db' }),
    vm('g2', 'vsp3', 1, { group: 'db' }),
  ],
);

describe('scheduleMoves', () => {
  it.each<[string, string[], string[] | null]>([
    ['nothing', [], []],
    ['moves on disjoint VSPs share a round', ['a>vsp4', 'c>vsp5'], ['1:a', '1:c']],
    ['two moves from one VSP take two rounds', ['a>vsp3', 'b>vsp4'], ['1:a', '2:b']],
    ['a target is not a source in the same round', ['a>vsp3', 'c>vsp4'], ['1:a', '2:c']],
    ['each VSP once per round: three moves in two rounds', ['a>vsp3', 'b>vsp4', 'c>vsp5'], ['1:a', '2:b', '2:c']],
    ['a move waits for the one that frees its memory', ['a>vsp2', 'd>vsp4'], ['1:d', '2:a']],
    ['moves that never all fit: null', ['d>vsp4', 'a>vsp2', 'b>vsp4'], null],
    ['group members from different homes never meet, not even between rounds', ['g1>vsp3'], null],
    ['a group member may leave before another arrives', ['g2>vsp4', 'g1>vsp3'], ['1:g2', '2:g1']],
  ])('%s', (_label, moves, expected) => {
    expect(rounds(fleet, moves)).toEqual(expected);
  });
});
