/**
 * The large-instance run of `npm run bench:balance`, in its own process so its peak RSS is its own:
 * generates 1,000 VSPs × 20,000 guests (seeded), plans with k = 50 `runs` times, prints one JSON line.
 */
import { parseArgs } from 'node:util';
import { planBalance } from '../../src/domain/balance/plan-balance.ts';
import { largeInstance } from './generate-instance.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, k: { type: 'string', default: '50' } },
});
const snapshot = largeInstance();
const times: number[] = [];
let summary = {};
for (let run = 0; run < Number(values.runs); run++) {
  const started = performance.now();
  const result = planBalance(snapshot, { maxMoves: Number(values.k) });
  times.push(performance.now() - started);
  summary = {
    moves: result.moves.length,
    rounds: Math.max(0, ...result.moves.map((move) => move.round)),
    before: result.before,
    after: result.after,
  };
}
console.log(
  JSON.stringify({
    hosts: snapshot.hosts.length,
    guests: snapshot.vms.length,
    times,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ...summary,
  }),
);
