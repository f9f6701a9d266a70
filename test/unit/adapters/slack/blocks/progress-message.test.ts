import { describe, expect, it } from 'vitest';
import { buildProgressMessage, percentBar } from '../../../../../src/adapters/slack/blocks/progress-message.ts';
import type { MoveRecord } from '../../../../../src/domain/workflow/records.ts';
import { makeMoveRecord, NOW, show, valid } from './message-fixtures.ts';

/** Started 80 s before NOW. */
const STARTED = new Date(NOW.getTime() - 80_000).toISOString();

function progress(move: Partial<MoveRecord>, estimatedSeconds = 160): string {
  return show(buildProgressMessage({ move: makeMoveRecord(move), estimatedSeconds, now: NOW }));
}

/** A 4 GB guest at 100 MB/s: Init 15 s, Copy 41 s, I/O Quiesce 5 s, Frozen 10 s. */
const PHASES = [
  { name: 'Init', seconds: 15 },
  { name: 'Copy', seconds: 41 },
  { name: 'I/O Quiesce', seconds: 5 },
  { name: 'Frozen', seconds: 10 },
];

function percentShown(move: Partial<MoveRecord>): number {
  const text = buildProgressMessage({ move: makeMoveRecord(move), estimatedPhases: PHASES, now: NOW }).text;
  return Number(/ ([0-9]+)%$/.exec(text)?.[1]);
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

  it("in Copy: the bar and the ETA are over the whole move, the phase line is HP's", () => {
    const move = makeMoveRecord({
      state: 'running',
      startedAt: STARTED,
      progress: { phase: 'Copy', step: 3, percent: 25 },
    });
    expect(show(buildProgressMessage({ move, estimatedPhases: PHASES, now: NOW }))).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ▶ running ▓▓▓░░░░░░░ 35%

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *State:* ▶ running
      *Phase:* Copy phase, step 3, at 25%
      \`▓▓▓░░░░░░░ 35%\`

      [context] REQ-7 · move 1 · round 1 | elapsed 1 min 20 s | ETA 2 min 25 s"
    `);
  });

  it('never "100 %, any moment" right after Init, nor 100 % before the move is verified', () => {
    const afterInit = makeMoveRecord({
      state: 'running',
      startedAt: STARTED,
      progress: { phase: 'Init', percent: 100 },
    });
    const text = show(buildProgressMessage({ move: afterInit, estimatedPhases: PHASES, now: NOW }));
    expect(text).toContain('21%');
    expect(text).not.toContain('any moment');
    expect(percentShown({ state: 'running', startedAt: STARTED, progress: { phase: 'Frozen', percent: 100 } })).toBe(
      99,
    );
    expect(percentShown({ state: 'verifying', startedAt: STARTED, progress: { phase: 'Frozen', percent: 100 } })).toBe(
      99,
    );
  });

  it.each([
    [{ phase: 'Init', percent: 50 }],
    [{ phase: 'Init', percent: 100 }],
    [{ phase: 'Copy', percent: 25 }],
    [{ phase: 'Copy', percent: 100 }],
    [{ phase: 'I/O Quiesce', percent: 100 }],
    [{ phase: 'Frozen', percent: 50 }],
  ])('rises through the phases: %j', (reported) => {
    const order = ['Init', 'Copy', 'I/O Quiesce', 'Frozen'];
    const shown = percentShown({ state: 'running', startedAt: STARTED, progress: reported });
    const previousPhase = order[order.indexOf(reported.phase) - 1];
    if (previousPhase !== undefined) {
      const before = percentShown({
        state: 'running',
        startedAt: STARTED,
        progress: { phase: previousPhase, percent: 100 },
      });
      expect(shown).toBeGreaterThanOrEqual(before);
    }
    expect(shown).toBeLessThan(100);
  });

  it('done: the outcome, where the guest runs, and how long it took; no phase', () => {
    expect(
      progress({
        state: 'succeeded',
        startedAt: STARTED,
        finishedAt: NOW.toISOString(),
        progress: { phase: 'Frozen', percent: 100 },
        verifiedLocation: 'vsp2 (On (OS))',
      }),
    ).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ✓ verified on vsp2 (On (OS))

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *Outcome:* ✓ verified on vsp2 (On (OS))
      \`▓▓▓▓▓▓▓▓▓▓ 100%\`

      [context] REQ-7 · move 1 · round 1 | took 1 min 20 s"
    `);
  });

  it("failed: the outcome with hpvmmigrate's reason, no phase and no bar", () => {
    const move = makeMoveRecord({
      state: 'failed',
      startedAt: STARTED,
      finishedAt: NOW.toISOString(),
      progress: { phase: 'Frozen', percent: 21 },
      error: 'hpvmmigrate exited 1, vm01 runs on vsp1',
    });
    expect(
      show(
        buildProgressMessage({
          move,
          failureReason: 'Target: (protocol low) header read timeout, 30 seconds',
          now: NOW,
        }),
      ),
    ).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ✗ failed: Target: (protocol low) header read timeout, 30 seconds

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *Outcome:* ✗ failed: Target: (protocol low) header read timeout, 30 seconds

      [context] REQ-7 · move 1 · round 1 | took 1 min 20 s"
    `);
    expect(show(buildProgressMessage({ move, now: NOW }))).toContain(
      '✗ failed: hpvmmigrate exited 1, vm01 runs on vsp1',
    );
  });

  it('offline with a storage copy: names the part the plan expects by the clock, and says it is an estimate', () => {
    const phases = [
      { name: 'Storage copy', seconds: 100 },
      { name: 'Offline', seconds: 60 },
    ];
    const running = { mode: 'offline' as const, state: 'running' as const, startedAt: STARTED };
    const text = show(buildProgressMessage({ move: makeMoveRecord(running), estimatedPhases: phases, now: NOW }));
    expect(text).toContain("*Phase:* Storage copy (by the plan's estimate; hpvmmigrate reports no phases offline)");
    expect(text).toContain('▓▓▓▓▓░░░░░ 50%');
    const later = { ...running, startedAt: new Date(NOW.getTime() - 130_000).toISOString() };
    expect(show(buildProgressMessage({ move: makeMoveRecord(later), estimatedPhases: phases, now: NOW }))).toContain(
      "*Phase:* Offline (by the plan's estimate",
    );
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
        progress: { phase: 'Copy', step: 5, percent: 60 },
        error: 'the SSH connection was lost and the exit status file is missing',
      }),
    ).toMatchInlineSnapshot(`
      "text: vm01 vsp1 → vsp2: ⚠ needs attention — outcome unknown ▓▓▓▓▓░░░░░ 58%

      [section]
      *vm01*  vsp1 → vsp2 · *online*
      *State:* ⚠ needs attention — outcome unknown — the SSH connection was lost and the exit status file is missing
      *Phase:* Copy phase, step 5, at 60% (last reported)
      \`▓▓▓▓▓░░░░░ 58%\`

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
