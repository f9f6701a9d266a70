import { describe, expect, it } from 'vitest';
import { assignRounds, type RoundSlot } from '../../../../src/domain/plan/assign-rounds.ts';

const online = (source: string, target: string): RoundSlot => ({ source, target, mode: 'online' });
const offline = (source: string, target: string): RoundSlot => ({ source, target, mode: 'offline' });

describe('assignRounds', () => {
  it.each<[string, RoundSlot[], number, number[][]]>([
    ['nothing', [], 1, []],
    ['one move per round by default', [online('a', 'b'), online('c', 'd')], 1, [[0], [1]]],
    ['disjoint online pairs share a round', [online('a', 'b'), online('c', 'd'), online('e', 'f')], 2, [[0, 1], [2]]],
    ['same source never twice online in a round', [online('a', 'b'), online('a', 'c')], 5, [[0], [1]]],
    ['same target never twice online in a round', [online('a', 'c'), online('b', 'c')], 5, [[0], [1]]],
    [
      'a target is not the source of another online move in the round',
      [online('a', 'b'), online('b', 'c')],
      5,
      [[0], [1]],
    ],
    [
      'offline moves only count against the parallel limit',
      [offline('a', 'b'), offline('a', 'b'), online('a', 'b')],
      3,
      [[0, 1, 2]],
    ],
    [
      'first fit keeps later moves in earlier rounds when they fit',
      [online('a', 'b'), online('a', 'c'), online('d', 'e')],
      2,
      [[0, 2], [1]],
    ],
    ['a limit below one counts as one', [offline('a', 'b'), offline('c', 'd')], 0, [[0], [1]]],
  ])('%s', (_label, moves, limit, expected) => {
    expect(assignRounds(moves, limit)).toEqual(expected);
  });
});
