/**
 * The move use-cases (inventory, start, follow, cleanup) against a ScriptedShell: an online move of one guest
 * end to end, in memory, with the exact lines the use-cases render. The check after the move runs the plan's
 * own verify lines (hpvmstatus on both VSPs) directly: src/app/verify-move.ts was removed while the use-case
 * layer is being rewritten, and its successor (move-facts.ts readCopies) needs the whole BotContext.
 */
import { describe, expect, it } from 'vitest';
import { cleanupMove } from '../../../src/app/cleanup-move.ts';
import { collectInventory } from '../../../src/app/collect-inventory.ts';
import { followMove } from '../../../src/app/follow-move.ts';
import { inventoryTarget } from '../../../src/app/inventory-targets.ts';
import { startMove } from '../../../src/app/start-move.ts';
import { parseHpvmstatusTable } from '../../../src/domain/parsers/parse-hpvmstatus-table.ts';
import { ManualClock } from '../../support/memory/manual-clock.ts';
import { ScriptedShell } from '../../support/memory/scripted-shell.ts';
import { onlineMove, REMOTE_DIR, settings, smallFleet, TEMPLATES } from './scripted-fleet.ts';

const FAST = { intervalMs: 0, giveUpAfterMs: 1000, backoff: { initialMs: 0, maxMs: 0, factor: 1 } };

describe('move use-cases on a ScriptedShell', () => {
  it('reads the fleet, moves vm01 online from vsp1 to vsp2, verifies it and cleans up', async () => {
    const shell = new ScriptedShell(smallFleet());
    const clock = new ManualClock();
    const targets = ['vsp1', 'vsp2'].map((vsp) => inventoryTarget(settings(vsp), TEMPLATES));

    const before = await collectInventory(shell, targets, clock);
    expect(before.collectedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(before.failures).toEqual([]);
    expect(before.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(before.vsps.map((vsp) => [vsp.name, vsp.guests.map((guest) => guest.name)])).toEqual([
      ['vsp1', ['vm01', 'vm02']],
      ['vsp2', []],
    ]);

    const commands = onlineMove('vm01');
    const precheck = await shell.exec('vsp1', commands.precheck!.line);
    expect(precheck.exitCode).toBe(0);

    const move = { requestId: 'REQ-7', index: 0, source: 'vsp1' };
    const started = await startMove(shell, move, commands.migrate.line, REMOTE_DIR);
    expect(started.outcome).toEqual({ kind: 'started', pid: 20001 });
    expect(started.dir).toBe(`${REMOTE_DIR}/REQ-7/0`);

    const stored: { lines: readonly string[]; offset: number }[] = [];
    const followed = await followMove(
      shell,
      { source: 'vsp1', remoteDir: started.dir, logOffset: 0 },
      { ...FAST, onLines: (lines, offset) => void stored.push({ lines, offset }) },
    );
    expect(followed.exitCode).toBe(0);
    expect(followed.lines.at(-1)).toBe('hpvmmigrate: Guest migrated successfully.');
    expect(followed.progress).toEqual({ phase: 'Frozen', step: 9, percent: 100 });
    expect(stored.flatMap((batch) => batch.lines)).toEqual(followed.lines);
    expect(followed.offset).toBe(Buffer.byteLength(`${followed.lines.join('\n')}\n`));

    const copies = await Promise.all(
      [commands.verifySource, commands.verifyTarget].map(async (command) => {
        const result = await shell.exec(command.host, command.line);
        const row = parseHpvmstatusTable(result.stdout).value.find((candidate) => candidate.name === 'vm01');
        return `${command.host}: ${row?.stateText ?? 'absent'}`;
      }),
    );
    expect(copies).toEqual(['vsp1: Off (NR)', 'vsp2: On (OS)']);

    await cleanupMove(shell, { source: 'vsp1', remoteDir: started.dir }, REMOTE_DIR);
    expect(shell.jobs()).toEqual([]);
    expect(shell.model.whereIs('vm01')).toBe('vsp2');
    // Every line the use-cases sent was one the fake knows (an unknown one would have thrown).
    expect(shell.executed.every((executed) => executed.at instanceof Date)).toBe(true);
  });

  it('reattaches after a restart: a second start answers already-started and following resumes at the offset', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.holdJobs();
    const move = { requestId: 'REQ-8', index: 0, source: 'vsp1' };
    const { dir } = await startMove(shell, move, onlineMove('vm02').migrate.line, REMOTE_DIR);
    shell.appendLog('vsp1', dir, 'a line before the run\n');
    const abort = new AbortController();
    let offset = 0;
    const stopped = await followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      {
        ...FAST,
        signal: abort.signal,
        onLines: (_lines, newOffset) => {
          offset = newOffset;
          abort.abort(new Error('bot stopping'));
        },
      },
    ).catch((caught: unknown) => caught);
    expect(stopped).toEqual(new Error('bot stopping'));

    expect((await startMove(shell, move, onlineMove('vm02').migrate.line, REMOTE_DIR)).outcome).toEqual({
      kind: 'already-started',
    });
    shell.releaseJobs();
    const rest = await followMove(shell, { source: 'vsp1', remoteDir: dir, logOffset: offset }, FAST);
    expect(rest.exitCode).toBe(0);
    expect(rest.lines[0]).toBe('hpvmmigrate: Init phase (step 1) - progress 50%');
    expect(shell.model.whereIs('vm02')).toBe('vsp2');
  });

  it('rides out an unreachable source while following, and fails on a vanished run', async () => {
    const shell = new ScriptedShell(smallFleet());
    // Held, so the run cannot end by itself while the retries wait (they wait on real timers, briefly).
    shell.holdJobs();
    const { dir } = await startMove(
      shell,
      { requestId: 'REQ-9', index: 0, source: 'vsp1' },
      onlineMove('vm01').migrate.line,
      REMOTE_DIR,
    );
    let reads = 0;
    shell.beforeExec((_vsp, line) => {
      if (!line.includes('tail -c')) return;
      reads += 1;
      if (reads === 1) shell.unreachable('vsp1', 'connection_lost');
      if (reads === 3) {
        shell.reachable('vsp1');
        shell.vanishJob('vsp1', dir);
      }
    });
    const troubles: string[] = [];
    const error = await followMove(
      shell,
      { source: 'vsp1', remoteDir: dir, logOffset: 0 },
      { ...FAST, onTrouble: (trouble) => troubles.push(trouble.code) },
    ).catch((caught: unknown) => caught);
    expect(troubles).toEqual(['connection_lost', 'connection_lost']);
    expect(error).toMatchObject({ code: 'remote_run_vanished' });
    shell.releaseJobs();
    await shell.settled();
    expect(shell.model.migrations()).toEqual([]);
    expect(shell.model.whereIs('vm01')).toBe('vsp1');
  });
});
