/**
 * Running migrations over simulated time: the online phase sequence and its durations, what each kind
 * leaves on both hosts, injected faults, one online migration per host, and the abort of a vanished caller.
 */
import { describe, expect, it } from 'vitest';
import type { SimTimers } from '../../../src/sim/sim-timers.ts';
import { FleetModel } from '../../../src/sim/fleet-model.ts';
import { readFixture } from '../../support/hpvm-fixtures.ts';
import { fleetOf, guest, instantTimers, manualTimers, run, vsp, type RunOutcome } from './sim-test-kit.ts';

function twoHosts(timers: SimTimers = instantTimers(), speedFactor = 1): FleetModel {
  return new FleetModel(
    fleetOf({
      speedFactor,
      linkMbPerSecond: 100,
      vsps: [
        vsp('vsp1', { guests: [guest('vm01', { memoryMb: 4000 }), guest('vm02', { state: 'Off' }), guest('vm03')] }),
        vsp('vsp2', { guests: [guest('vm04')] }),
        vsp('vsp3'),
        vsp('vsp4'),
      ],
    }),
    { timers },
  );
}

/** The simulator prints exactly the online run of the fixture (HP's progress form, docs/hpvm-output-formats.md §6). */
const ONLINE_RUN = fixtureLines('hpvmmigrate-online-progress.txt');
const PROGRESS = ONLINE_RUN.slice(0, -1);
const SUCCESS = fixtureLines('hpvmmigrate-offline-success.txt')[0];

function fixtureLines(name: string): string[] {
  return readFixture(name)
    .split('\n')
    .filter((line) => line !== '');
}

/** A line's form: its numbers replaced, so the simulator's step 8 matches HP's step 23. */
function form(line: string): string {
  return line.replace(/[0-9]+/g, 'N');
}

function lines(text: string): string[] {
  return text.split('\n').slice(0, -1);
}

describe('online migration', () => {
  it('prints the phases, takes memory ÷ link speed ÷ speedFactor, and leaves Off (NR) behind', async () => {
    const timers = instantTimers();
    const model = twoHosts(timers, 4);
    const outcome = await run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
    expect(outcome).toEqual({ code: 0, stdout: [...ONLINE_RUN, ''].join('\n'), stderr: '' });
    // Init 2 s in two steps, copy 4000 MB at 100 MB/s in four, quiesce 1 s, frozen 1 s in two; all ÷ 4.
    expect(timers.slept).toEqual([250, 250, 2500, 2500, 2500, 2500, 250, 125, 125]);
    expect(model.copiesOf('vm01')).toEqual([
      { vsp: 'vsp1', state: 'NR' },
      { vsp: 'vsp2', state: 'On' },
    ]);
    expect(model.whereIs('vm01')).toBe('vsp2');
    expect((await run(model, 'vsp2', 'hpvmstatus')).stdout).toContain('vm01                     2 HPUX    On (OS)');
    expect((await run(model, 'vsp1', 'hpvmstatus')).stdout).toContain('vm01                     1 HPUX    Off (NR)');
    expect(model.migrations()).toEqual([]);
  });

  it('-D removes the source copy', async () => {
    const model = twoHosts();
    expect((await run(model, 'vsp1', 'hpvmmigrate -o -D -P vm01 -h vsp2')).code).toBe(0);
    expect(model.copiesOf('vm01')).toEqual([{ vsp: 'vsp2', state: 'On' }]);
  });

  it('a slow link stretches the copy phase', async () => {
    const timers = instantTimers();
    const model = twoHosts(timers);
    model.setFaults('vsp2', { slowLink: 3 });
    await run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
    expect(timers.slept.slice(2, 6)).toEqual([30000, 30000, 30000, 30000]);
  });

  it('moving back replaces the stale copy and reuses its VM number', async () => {
    const model = twoHosts();
    await run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
    expect((await run(model, 'vsp2', 'hpvmmigrate -o -P vm01 -h vsp1')).code).toBe(0);
    expect(model.copiesOf('vm01')).toEqual([
      { vsp: 'vsp1', state: 'On' },
      { vsp: 'vsp2', state: 'NR' },
    ]);
    expect(model.guest('vsp1', 'vm01')?.vmNumber).toBe(1);
  });

  it.each(['Init', 'Copy', 'I/O Quiesce'] as const)(
    'a %s phase timeout aborts with an ERROR line; the guest keeps running on the source',
    async (phase) => {
      const model = twoHosts();
      model.setFaults('vsp1', { phaseTimeout: phase });
      const outcome = await run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
      expect(outcome.code).toBe(1);
      expect(lines(outcome.stdout)).toEqual(
        PROGRESS.slice(
          0,
          PROGRESS.findIndex((line) => line.includes(`${phase} phase (`) && line.endsWith('progress 100%')),
        ),
      );
      expect(outcome.stderr).toBe(
        `hpvmmigrate: ERROR (vm01): ${phase} phase timed out; migration aborted. Guest continues to run on the source VM Host.\n` +
          'hpvmmigrate: Unable to migrate the guest.\n',
      );
      expect(model.copiesOf('vm01')).toEqual([{ vsp: 'vsp1', state: 'On' }]);
      expect(model.migrations()).toEqual([]);
    },
  );

  it("a Frozen phase timeout aborts with HP's documented target lines (the NPIV probe fixture's form)", async () => {
    const model = twoHosts();
    model.setFaults('vsp2', { phaseTimeout: 'Frozen' });
    const outcome = await run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
    expect(outcome.code).toBe(1);
    const printed = [...lines(outcome.stdout), ...lines(outcome.stderr)];
    const hp = fixtureLines('hpvmmigrate-npiv-probe-timeout.txt');
    expect(printed.slice(-hp.length).map(form)).toEqual(hp.map(form));
    expect(lines(outcome.stderr)).toEqual(hp.slice(1));
    expect(lines(outcome.stdout)).toEqual(PROGRESS.slice(0, -1));
    expect(model.copiesOf('vm01')).toEqual([{ vsp: 'vsp1', state: 'On' }]);
    expect(model.migrations()).toEqual([]);
  });

  it('an offline move prints what HP 3.5 printed', async () => {
    const outcome = await run(twoHosts(), 'vsp1', 'hpvmmigrate -P vm02 -h vsp2');
    expect(outcome).toEqual({ code: 0, stdout: readFixture('hpvmmigrate-offline-success.txt'), stderr: '' });
  });

  it('aborts when the caller goes away before Frozen completes', async () => {
    const timers = manualTimers();
    const model = twoHosts(timers);
    const caller = new AbortController();
    const running = run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2', caller.signal);
    await timers.advance(2000 + 10_000 + 10_000);
    expect(model.migrations()).toMatchObject([{ guest: 'vm01', phase: 'Copy', percent: 50 }]);
    caller.abort();
    const outcome = await running;
    expect(outcome.code).toBe(1);
    expect(lines(outcome.stdout)).toEqual(PROGRESS.slice(0, 4));
    expect(model.copiesOf('vm01')).toEqual([{ vsp: 'vsp1', state: 'On' }]);
    expect(model.migrations()).toEqual([]);
    expect(timers.pending).toBe(0);
  });
});

describe('one online migration per host', () => {
  it('fails a second online migration touching a busy host at once; other hosts and offline moves go on', async () => {
    const timers = manualTimers();
    const model = twoHosts(timers);
    const first = run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
    await timers.advance(1000);
    expect(await run(model, 'vsp1', 'hpvmmigrate -o -P vm03 -h vsp3')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'hpvmmigrate: ERROR (vm03): Another online migration is in progress on vsp1.\nhpvmmigrate: Unable to migrate the guest.\n',
    });
    expect((await run(model, 'vsp2', 'hpvmmigrate -o -P vm04 -h vsp3')).stderr).toContain(
      'Another online migration is in progress on vsp2.',
    );
    // The target of an online migration takes the start locks (IVM425-RN91): no guest starts there meanwhile.
    model.setGuestState('vsp2', 'vm04', 'Off');
    expect((await run(model, 'vsp2', 'hpvmstart -P vm04')).stderr).toContain(
      'An online migration to this VM Host is in progress',
    );
    expect((await run(model, 'vsp1', 'hpvmstop -P vm01')).stderr).toBe(
      'hpvmstop: ERROR (vm01): Guest is being migrated.\nhpvmstop: Unable to stop the guest.\n',
    );
    expect((await run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp3')).stderr).toContain(
      'Guest is already being migrated.',
    );
    const offline = run(model, 'vsp1', 'hpvmmigrate -P vm02 -h vsp3');
    await timers.advance(100_000);
    expect((await first).code).toBe(0);
    expect((await offline).code).toBe(0);
    expect(model.whereIs('vm02')).toBe('vsp3');
  });
});

describe('offline migration', () => {
  it.each<[string, string, string, 'On' | 'Off']>([
    ['a stopped guest arrives stopped', 'vm02', '', 'Off'],
    ['-b starts it on the target', 'vm02', '-b', 'On'],
    ['-d stops a running guest first', 'vm01', '-d', 'Off'],
    ['-d -b stops it, moves it and starts it', 'vm01', '-d -b', 'On'],
  ])('%s', async (_title, vm, flags, targetState) => {
    const timers = instantTimers();
    const model = twoHosts(timers);
    const outcome: RunOutcome = await run(model, 'vsp1', `hpvmmigrate -P ${vm} -h vsp2 ${flags}`);
    expect(outcome).toEqual({ code: 0, stdout: `${SUCCESS}\n`, stderr: '' });
    expect(model.copiesOf(vm)).toEqual([
      { vsp: 'vsp1', state: 'NR' },
      { vsp: 'vsp2', state: targetState },
    ]);
    expect(timers.slept).toEqual([3000]);
  });

  it('-D removes the source copy', async () => {
    const model = twoHosts();
    await run(model, 'vsp1', 'hpvmmigrate -P vm02 -h vsp2 -D');
    expect(model.copiesOf('vm02')).toEqual([{ vsp: 'vsp2', state: 'Off' }]);
  });

  it('an aborted offline move leaves the guest on the source (stopped, if -d stopped it)', async () => {
    const timers = manualTimers();
    const model = twoHosts(timers);
    const caller = new AbortController();
    const running = run(model, 'vsp1', 'hpvmmigrate -P vm01 -h vsp2 -d', caller.signal);
    await timers.advance(1000);
    caller.abort();
    expect((await running).code).toBe(1);
    expect(model.copiesOf('vm01')).toEqual([{ vsp: 'vsp1', state: 'Off' }]);
  });
});

describe('hpvmstart, hpvmstop and the command-failure fault', () => {
  it('starts and stops guests, refusing what HP refuses', async () => {
    const model = twoHosts();
    expect(await run(model, 'vsp1', 'hpvmstart -P vm02')).toEqual({
      code: 0,
      stdout: "hpvmstart: Successful start initiation of guest 'vm02'\n",
      stderr: '',
    });
    expect((await run(model, 'vsp1', 'hpvmstart -P vm02')).stderr).toContain('Guest is already running.');
    expect(await run(model, 'vsp1', 'hpvmstop -P vm02 -g -F')).toEqual({
      code: 0,
      stdout: "hpvmstop: Guest 'vm02' stopped.\n",
      stderr: '',
    });
    expect((await run(model, 'vsp1', 'hpvmstop -P vm02')).stderr).toContain('Guest is not running.');
    await run(model, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2');
    expect((await run(model, 'vsp1', 'hpvmstart -P vm01')).stderr).toContain('Guest is not runnable.');
    expect((await run(model, 'vsp1', 'hpvmstart -P nosuch')).stderr).toBe(
      "hpvmstart: Unable to find the guest 'nosuch'.\n",
    );
  });

  it('refuses a start that does not fit in memory', async () => {
    const model = new FleetModel(
      fleetOf({
        vsps: [vsp('vsp1', { memoryMb: 10240, guests: [guest('a', { state: 'Off' }), guest('b', { state: 'On' })] })],
      }),
    );
    expect((await run(model, 'vsp1', 'hpvmstart -P a')).stderr).toContain('Insufficient memory to start the guest.');
  });

  it('makes the named command fail with the given status and stderr, on that host only', async () => {
    const model = twoHosts();
    model.setFaults('vsp1', {
      commandFailure: { command: 'hpvmstatus', exitCode: 4, stderr: 'hpvmstatus: HPVM is not running.\n' },
    });
    expect(await run(model, 'vsp1', 'hpvmstatus')).toEqual({
      code: 4,
      stdout: '',
      stderr: 'hpvmstatus: HPVM is not running.\n',
    });
    expect((await run(model, 'vsp1', 'hpvmnet')).code).toBe(0);
    expect((await run(model, 'vsp2', 'hpvmstatus')).code).toBe(0);
  });

  it('answers an unknown command or VSP with an error', async () => {
    const model = twoHosts();
    expect(await run(model, 'vsp1', 'hpvmclone -P vm01')).toEqual({
      code: 127,
      stdout: '',
      stderr: 'hpvmclone: not emulated by the HPVM simulator\n',
    });
    expect((await run(model, 'nosuch', 'hpvmstatus')).code).toBe(1);
  });
});
