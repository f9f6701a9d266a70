/** ScriptedShell: detached moves (start, follow, cleanup) on the in-memory job table, and the job controls. */
import { describe, expect, it } from 'vitest';
import { moveDir } from '../../../src/domain/execution/move-dir.ts';
import { parseCleanupOutput, renderCleanup } from '../../../src/domain/execution/render-cleanup.ts';
import { parseStartOutput, renderDetachedStart } from '../../../src/domain/execution/render-detached-start.ts';
import { parseFollowOutput, renderFollow, type FollowChunk } from '../../../src/domain/execution/render-follow.ts';
import { ScriptedShell } from '../../support/memory/scripted-shell.ts';
import { NONCE, onlineMove, REMOTE_DIR, smallFleet } from './scripted-fleet.ts';

const DIR = moveDir({ remoteDir: REMOTE_DIR, requestId: 'REQ-1', moveIndex: 0 });
const SUCCESS = 'hpvmmigrate: Guest migrated successfully.';

function startLine(migrateLine = onlineMove('vm01').migrate.line, requestId = 'REQ-1'): string {
  return renderDetachedStart({ remoteDir: REMOTE_DIR, requestId, moveIndex: 0, migrateLine });
}

async function start(shell: ScriptedShell, line = startLine()) {
  const result = await shell.exec('vsp1', line);
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  return parseStartOutput(result.stdout);
}

async function follow(shell: ScriptedShell, offset = 0, dir = DIR): Promise<FollowChunk> {
  const result = await shell.exec('vsp1', renderFollow(dir, offset, NONCE));
  expect(result.exitCode).toBe(0);
  return parseFollowOutput(result.stdout, result.stderr, NONCE, offset);
}

async function cleanup(shell: ScriptedShell, dir = DIR) {
  const result = await shell.exec('vsp1', renderCleanup(dir, REMOTE_DIR));
  return parseCleanupOutput(result.stdout);
}

describe('ScriptedShell detached moves', () => {
  it('starts once, runs the migration in the simulator, and follows it to its exit status', async () => {
    const shell = new ScriptedShell(smallFleet());
    expect(await start(shell)).toEqual({ kind: 'started', pid: 20001 });
    expect(await start(shell)).toEqual({ kind: 'already-started' });
    // Nothing has yielded to the event loop yet: the migration holds its lock but has printed nothing.
    expect(await follow(shell)).toEqual({ status: { kind: 'running' }, lines: [], newOffset: 0 });
    expect(shell.model.migrationOf('vm01')).toMatchObject({ source: 'vsp1', target: 'vsp2', mode: 'online' });

    await shell.settled();
    const done = await follow(shell);
    expect(done.status).toEqual({ kind: 'exited', exitCode: 0 });
    expect(done.lines[0]).toBe('hpvmmigrate: Init phase (step 1) - progress 50%');
    expect(done.lines).toContain('hpvmmigrate: Copy phase (step 4) - progress 50%');
    expect(done.lines.at(-1)).toBe(SUCCESS);
    expect(done.newOffset).toBe(Buffer.byteLength(shell.jobs()[0]!.log));
    expect(shell.model.whereIs('vm01')).toBe('vsp2');
    expect(shell.jobs()).toEqual([
      expect.objectContaining({ vsp: 'vsp1', dir: DIR, state: 'exited', exitCode: 0, pid: 20001 }),
    ]);

    expect(await cleanup(shell)).toBe('removed');
    expect(shell.jobs()).toEqual([]);
    const gone = await follow(shell);
    expect(gone.status).toEqual({ kind: 'missing' });
    expect(gone.logError).toMatch(/cannot open .*REQ-1\/0\/migrate\.log/);
  });

  it('writes HP’s refusal and exit status to the log when the migration cannot run', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.model.setGuestState('vsp1', 'vm01', 'Off');
    await start(shell);
    await shell.settled();
    const done = await follow(shell);
    expect(done.status).toEqual({ kind: 'exited', exitCode: 1 });
    expect(done.lines.at(-1)).toBe('hpvmmigrate: Unable to migrate the guest.');
  });

  it('holds started jobs (status running, cleanup refused) until released', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.holdJobs();
    await start(shell);
    expect(shell.jobs()[0]?.state).toBe('held');
    expect(shell.model.migrations()).toEqual([]);
    await expect(shell.settled()).rejects.toThrow(/held .*releaseJobs/);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await follow(shell)).status).toEqual({ kind: 'running' });
    expect(await cleanup(shell)).toBe('still-running');

    shell.releaseJobs();
    expect((await follow(shell)).status).toEqual({ kind: 'running' });
    expect(shell.model.migrationOf('vm01')).toBeDefined();
    await shell.settled();
    expect((await follow(shell)).status).toEqual({ kind: 'exited', exitCode: 0 });
  });

  it('hands on only complete lines while running, by byte offset, and the last half line once exited', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.holdJobs();
    await start(shell);
    shell.appendLog('vsp1', DIR, 'hpvmmigrate: Copy phase: 50%\nünïcödé ✓ 漢字\nhalf a li');
    const first = await follow(shell);
    expect(first.lines).toEqual(['hpvmmigrate: Copy phase: 50%', 'ünïcödé ✓ 漢字']);
    expect(first.newOffset).toBe(Buffer.byteLength('hpvmmigrate: Copy phase: 50%\nünïcödé ✓ 漢字\n'));
    expect(await follow(shell, first.newOffset)).toMatchObject({ lines: [], newOffset: first.newOffset });

    shell.appendLog('vsp1', DIR, 'ne\n');
    shell.finishJob('vsp1', DIR, 3, ['hpvmmigrate: Unable to migrate the guest.']);
    shell.appendLog('vsp1', DIR, 'no newline at the end');
    const last = await follow(shell, first.newOffset);
    expect(last).toMatchObject({
      status: { kind: 'exited', exitCode: 3 },
      lines: ['half a line', 'hpvmmigrate: Unable to migrate the guest.', 'no newline at the end'],
    });
    // A finished job is not run when the hold ends.
    shell.releaseJobs();
    await shell.settled();
    expect(shell.model.whereIs('vm01')).toBe('vsp1');
  });

  it('aborts the migration of a job that vanishes; follow reads vanished, cleanup removes it', async () => {
    const shell = new ScriptedShell(smallFleet());
    await start(shell);
    // One simulated sleep ends per event-loop turn: turn until the first phase is logged.
    while (shell.jobs()[0]!.log === '') await new Promise((resolve) => setImmediate(resolve));
    expect(shell.jobs()[0]!.log).toBe('hpvmmigrate: Init phase (step 1) - progress 50%\n');
    shell.vanishJob('vsp1', DIR);
    await shell.settled();
    expect(shell.model.migrations()).toEqual([]);
    expect(shell.model.whereIs('vm01')).toBe('vsp1');
    // What the killed command printed while dying reaches no log.
    expect(await follow(shell)).toMatchObject({
      status: { kind: 'vanished' },
      lines: ['hpvmmigrate: Init phase (step 1) - progress 50%'],
    });
    expect(() => shell.vanishJob('vsp1', DIR)).toThrow(/already vanished/);
    expect(() => shell.finishJob('vsp1', DIR, 0)).toThrow(/already vanished/);
    expect(await cleanup(shell)).toBe('removed');
  });

  it('ends a running job with the status a test gives, aborting its migration', async () => {
    const shell = new ScriptedShell(smallFleet());
    await start(shell);
    shell.finishJob('vsp1', DIR, 1, ['hpvmmigrate: ERROR (vm01): Copy phase timed out.']);
    await shell.settled();
    expect(shell.model.migrations()).toEqual([]);
    expect(await follow(shell)).toMatchObject({
      status: { kind: 'exited', exitCode: 1 },
      lines: ['hpvmmigrate: ERROR (vm01): Copy phase timed out.'],
    });
  });

  it('forgets a removed folder (missing), so a later start runs the migration again', async () => {
    const shell = new ScriptedShell(smallFleet());
    await start(shell);
    await shell.settled();
    shell.removeJob('vsp1', DIR);
    expect((await follow(shell)).status).toEqual({ kind: 'missing' });
    expect(() => shell.removeJob('vsp1', DIR)).toThrow(/no job/);
    // The start marker went with the folder: the same line starts hpvmmigrate again (HP refuses it here,
    // the guest has left this VSP).
    expect(await start(shell)).toEqual({ kind: 'started', pid: 20002 });
    await shell.settled();
    const again = await follow(shell);
    expect(again.status).toEqual({ kind: 'exited', exitCode: 1 });
    expect(again.lines[0]).toMatch(/Guest is not runnable on this VM Host/);
  });

  it('keeps jobs apart per VSP and per folder', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.holdJobs();
    await start(shell);
    expect(await start(shell, startLine(onlineMove('vm02').migrate.line, 'REQ-2'))).toMatchObject({ kind: 'started' });
    const onVsp2 = await shell.exec('vsp2', renderFollow(DIR, 0, NONCE));
    expect(parseFollowOutput(onVsp2.stdout, onVsp2.stderr, NONCE, 0).status).toEqual({ kind: 'missing' });
    expect(shell.jobs().map((job) => job.dir)).toEqual([DIR, `${REMOTE_DIR}/REQ-2/0`]);
  });

  it('refuses to start a migrate line it cannot run, before anything is started', async () => {
    const shell = new ScriptedShell(smallFleet());
    await expect(shell.exec('vsp1', startLine('/bin/false'))).rejects.toThrow(
      'ScriptedShell does not know this line: /bin/false',
    );
    expect(shell.jobs()).toEqual([]);
  });

  it('runs a scripted migrate command in the background: its output to the log, its code to the status', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.scriptCommand('vsp1', /hpvmmigrate -o/, {
      exitCode: 1,
      stdout: '',
      stderr: 'hpvmmigrate: ERROR (vm01): Remote execution of ssh failed.\nhpvmmigrate: Unable to migrate the guest.\n',
    });
    await start(shell);
    await shell.settled();
    expect(await follow(shell)).toMatchObject({
      status: { kind: 'exited', exitCode: 1 },
      lines: [
        'hpvmmigrate: ERROR (vm01): Remote execution of ssh failed.',
        'hpvmmigrate: Unable to migrate the guest.',
      ],
    });
  });

  it('reports a migrate command that throws through settled(), and ends its job', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.scriptCommand('vsp1', /hpvmmigrate -o/, () => Promise.reject(new Error('simulator bug')));
    await start(shell);
    await expect(shell.settled()).rejects.toThrow(/background migrate command threw/);
    expect(shell.jobs()[0]).toMatchObject({ state: 'exited', exitCode: 1 });
    expect(shell.jobs()[0]?.log).toContain('simulator bug');
  });
});
