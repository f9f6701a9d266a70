import { describe, expect, it } from 'vitest';
import { buildProgressMessage, percentBar } from '../../../../../src/adapters/slack/blocks/progress-message.ts';
import type { MoveRecord } from '../../../../../src/domain/workflow/records.ts';
import { makeMoveRecord, NOW, show, valid } from './message-fixtures.ts';

/** Started 80 s before NOW. */
const STARTED = new Date(NOW.getTime() - 80_000).toISOString();

function progress(move: Partial<MoveRecord>, estimatedSeconds = 160): string {
  return show(buildProgressMessage({ move: makeMoveRecord(move), estimatedSeconds, now: NOW }));
}

describe('percentBar', () => {
  it.each([
    [0, '░░░░░░░░░░ 0%'],
    [9, '░░░░░░░░░░ 9%'],
    [50, '▓▓▓▓▓░░░░░ 50%'],
    [99, '▓▓▓▓▓▓▓▓▓░ 99%'],
    [100, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    [140, '▓▓▓▓▓▓▓▓▓▓ 100%'],
    [-5, '░░░░░░░░░░ 0%'],
    [Number.NaN, '░░░░░░░░░░ 0%'],
  ])('%s → %s', (percent, bar) => {
    expect(percentBar(percent)).toBe(bar);
  });
});

describe('buildProgressMessage', () => {
  it('at 0%: phase, empty bar, elapsed and the ETA from the plan estimate', () => {
    expect(progress({ state: 'starting', startedAt: STARTED })).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ▶ starting ░░░░░░░░░░ 0%

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *State:* ▶ starting
      *Phase:* pre-check (hpvmmigrate -s)
      \`░░░░░░░░░░ 0%\`

      [context] REQ-7 · move 1 · round 1 | elapsed 1 min 20 s | ETA 1 min 20 s"
    `);
  });

  it('at 50%: the ETA follows the reported percentage', () => {
    expect(
      progress({ state: 'running', startedAt: STARTED, progress: { phase: 'copying memory (pass 2)', percent: 50 } }),
    ).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ▶ running ▓▓▓▓▓░░░░░ 50%

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *State:* ▶ running
      *Phase:* copying memory (pass 2)
      \`▓▓▓▓▓░░░░░ 50%\`

      [context] REQ-7 · move 1 · round 1 | elapsed 1 min 20 s | ETA 1 min 20 s"
    `);
  });

  it('done: verified location and how long it took', () => {
    expect(
      progress({
        state: 'succeeded',
        startedAt: STARTED,
        finishedAt: NOW.toISOString(),
        progress: { phase: 'done', percent: 100 },
        verifiedLocation: 'vsp2 (On (OS))',
      }),
    ).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ✓ verified ▓▓▓▓▓▓▓▓▓▓ 100%

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *State:* ✓ verified — now on vsp2 (On (OS))
      *Phase:* done
      \`▓▓▓▓▓▓▓▓▓▓ 100%\`

      [context] REQ-7 · move 1 · round 1 | took 1 min 20 s"
    `);
  });

  it('queued: no bar, the round and the estimate', () => {
    const message = valid(buildProgressMessage({ move: makeMoveRecord({ round: 1 }), estimatedSeconds: 71, now: NOW }));
    expect(message.text).toBe('vm01 vsp1 → vsp2: ⏳ queued');
    expect(JSON.stringify(message.blocks)).toContain('estimated 1 min 11 s');
  });

  it('says so when a move runs past its estimate and reports no percentage', () => {
    const message = valid(
      buildProgressMessage({
        move: makeMoveRecord({ state: 'running', startedAt: STARTED }),
        estimatedSeconds: 30,
        now: NOW,
      }),
    );
    expect(JSON.stringify(message.blocks)).toContain('ETA overdue (past the estimate)');
  });

  it('escapes a phase reported by the host', () => {
    const message = valid(
      buildProgressMessage({
        move: makeMoveRecord({
          state: 'running',
          startedAt: STARTED,
          progress: { phase: '<!here> ```x', percent: 10 },
        }),
        now: NOW,
      }),
    );
    expect(JSON.stringify(message.blocks)).toContain('&lt;!here&gt;');
  });

  it('needs attention: the last reported phase, the error, elapsed time and no ETA', () => {
    expect(
      progress({
        state: 'needs_attention',
        startedAt: STARTED,
        progress: { phase: 'copying memory (pass 2)', percent: 60 },
        error: 'the SSH connection was lost and the exit status file is missing',
      }),
    ).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ⚠ needs attention — outcome unknown ▓▓▓▓▓▓░░░░ 60%

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *State:* ⚠ needs attention — outcome unknown — the SSH connection was lost and the exit status file is missing
      *Phase:* copying memory (pass 2) (last reported)
      \`▓▓▓▓▓▓░░░░ 60%\`

      [context] REQ-7 · move 1 · round 1 | elapsed 1 min 20 s"
    `);
  });

  it('not approved: no bar, no timing', () => {
    const message = valid(buildProgressMessage({ move: makeMoveRecord({ state: 'not_selected' }), now: NOW }));
    expect(show(message)).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ⊘ not approved — does not run

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *State:* ⊘ not approved — does not run

      [context] REQ-7 · move 1 · round 1"
    `);
  });
});
