/**
 * Connection reuse and concurrency limits of SshRemoteShell, measured on the servers' side (connection
 * counts, a shared activity log the commands append to), never by timing.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshError } from '../../../../src/adapters/ssh/ssh-error.ts';
import { SshRemoteShell, type SshRemoteShellOptions } from '../../../../src/adapters/ssh/ssh-remote-shell.ts';
import { generateEd25519KeyPair } from '../../../../src/sim/ssh-keys.ts';
import { startSimSshHost, type SimSshHost } from '../../../support/sim-ssh-host.ts';

const botKey = generateEd25519KeyPair('bot');

/** Appends `start <vsp>` and `end <vsp>` around a short sleep; single short appends are atomic. */
const TRACKED_COMMAND = 'echo "start $SIM_VSP" >> "$ACTIVITY_LOG"; sleep 0.2; echo "end $SIM_VSP" >> "$ACTIVITY_LOG"';

interface Peaks {
  readonly commands: number;
  readonly hosts: number;
}

/** The most commands, and the most distinct hosts, that were running at the same moment. */
function peaks(log: string): Peaks {
  const running = new Map<string, number>();
  let commands = 0;
  let peakCommands = 0;
  let peakHosts = 0;
  for (const line of log.trim().split('\n')) {
    const [event, host = ''] = line.split(' ');
    const delta = event === 'start' ? 1 : -1;
    commands += delta;
    running.set(host, (running.get(host) ?? 0) + delta);
    if ((running.get(host) ?? 0) === 0) running.delete(host);
    peakCommands = Math.max(peakCommands, commands);
    peakHosts = Math.max(peakHosts, running.size);
  }
  return { commands: peakCommands, hosts: peakHosts };
}

describe('SshRemoteShell concurrency', () => {
  let logDir: string;
  let activityLog: string;
  const vsps: SimSshHost[] = [];

  function shellFor(hosts: readonly SimSshHost[], extra: Partial<SshRemoteShellOptions> = {}): SshRemoteShell {
    return new SshRemoteShell({
      hosts: hosts.map((vsp) => vsp.host),
      privateKey: botKey.privateKey,
      connectTimeoutMs: 5_000,
      commandTimeoutMs: 10_000,
      maxConcurrentHosts: 4,
      keepaliveIntervalMs: 15_000,
      ...extra,
    });
  }

  beforeAll(async () => {
    logDir = await mkdtemp(join(tmpdir(), 'ssh-activity-'));
    activityLog = join(logDir, 'activity.log');
    for (const name of ['vsp1', 'vsp2', 'vsp3', 'vsp4']) {
      vsps.push(
        await startSimSshHost(name, { authorizedKeys: [botKey.publicKey], env: { ACTIVITY_LOG: activityLog } }),
      );
    }
  });

  afterAll(async () => {
    await Promise.all(vsps.map((vsp) => vsp.close()));
    await rm(logDir, { recursive: true, force: true });
  });

  async function freshLog(): Promise<void> {
    await rm(activityLog, { force: true });
  }

  it('shares one connection among concurrent first commands and later ones', async () => {
    const [vsp] = vsps as [SimSshHost];
    const shell = shellFor([vsp]);
    const before = vsp.connections();
    try {
      const results = await Promise.all(Array.from({ length: 10 }, (_, index) => shell.exec('vsp1', `echo ${index}`)));
      expect(results.map((result) => result.stdout)).toEqual(Array.from({ length: 10 }, (_, index) => `${index}\n`));
      await shell.exec('vsp1', 'true');
      expect(vsp.connections() - before).toBe(1);
    } finally {
      await shell.close();
    }
  });

  it('runs commands on at most maxConcurrentHosts hosts at once', async () => {
    await freshLog();
    const shell = shellFor(vsps, { maxConcurrentHosts: 2 });
    try {
      const runs = vsps.flatMap((vsp) => [
        shell.exec(vsp.name, TRACKED_COMMAND),
        shell.exec(vsp.name, TRACKED_COMMAND),
      ]);
      const results = await Promise.all(runs);
      expect(results.every((result) => result.exitCode === 0)).toBe(true);
    } finally {
      await shell.close();
    }
    const log = await readFile(activityLog, 'utf8');
    expect(log.trim().split('\n')).toHaveLength(16);
    expect(peaks(log).hosts).toBe(2);
  });

  it('queues commands beyond the channel limit of one connection, and runs them all', async () => {
    await freshLog();
    const [vsp] = vsps as [SimSshHost];
    const shell = shellFor([vsp], { maxChannelsPerHost: 8 });
    const before = vsp.connections();
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => shell.exec('vsp1', TRACKED_COMMAND)));
      expect(results.every((result) => result.exitCode === 0)).toBe(true);
    } finally {
      await shell.close();
    }
    const log = await readFile(activityLog, 'utf8');
    expect(log.trim().split('\n')).toHaveLength(40);
    expect(peaks(log).commands).toBe(8);
    expect(vsp.connections() - before).toBe(1);
  });

  it('close() settles running and queued commands and leaves no timers or sockets behind', async () => {
    const [vsp] = vsps as [SimSshHost];
    const baseline = countResources();
    const shell = shellFor([vsp], { maxChannelsPerHost: 1, keepaliveIntervalMs: 50 });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const outcomes = [
      shell.exec('vsp1', 'echo started; sleep 5', { onStdoutLine: () => started() }),
      shell.exec('vsp1', 'sleep 5'),
    ].map((promise) =>
      promise.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
    );
    await running;

    await shell.close();

    const [first, queued] = await Promise.all(outcomes);
    expect(first).toBeInstanceOf(SshError);
    expect(first).toMatchObject({ code: 'connection_lost' });
    expect(queued).toBeInstanceOf(Error);
    await expect(shell.exec('vsp1', 'true')).rejects.toThrow(/closed/);
    await expect.poll(() => countResources(), { timeout: 2_000, interval: 20 }).toEqual(baseline);
  });
});

/** Timers and TCP sockets of this process (the servers' listening sockets are in the baseline). */
function countResources(): { timers: number; sockets: number } {
  const resources = process.getActiveResourcesInfo();
  return {
    timers: resources.filter((name) => name === 'Timeout').length,
    sockets: resources.filter((name) => name === 'TCPSocketWrap').length,
  };
}
