/**
 * A small simulated fleet end to end through the plain ssh2 client: the HPVM commands are real executables
 * run by a real `sh -c`, so migrations, failures, detached runs and dropped connections behave as on a host.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../../src/sim/start-fleet.ts';
import { connect, exec, runOn, waitFor } from './ssh-kit.ts';

const MONTVALE = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  cores: 16,
};
const disk = (name: string) => [{ device: 'disk', backing: 'disk', path: `/dev/rdisk/${name}` }];
const guest = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  state: 'On',
  vcpus: 2,
  memoryMb: 4096,
  storage: disk(name),
  networks: [{ vswitch: 'vlan02' }],
  ...extra,
});
const LANS = [{ name: 'localnet' }, { name: 'vlan02', pnic: 'lan1' }];

function testFleet() {
  const result = validateFleet({
    speedFactor: 500,
    vsps: [
      {
        name: 'vsp1',
        hpvmVersion: '4.3',
        cpu: MONTVALE,
        memoryMb: 131072,
        vswitches: [...LANS, { name: 'vlan03', pnic: 'lan2' }],
        guests: ['vm01', 'vm02', 'vm03', 'vm05', 'vm06', 'vm07']
          .map((name) => guest(name))
          .concat([guest('lan3vm', { networks: [{ vswitch: 'vlan03' }] })]),
      },
      {
        name: 'vsp2',
        hpvmVersion: '4.3',
        cpu: { ...MONTVALE, model: 0 },
        memoryMb: 131072,
        vswitches: LANS,
        guests: [guest('vm10')],
      },
      { name: 'vsp3', hpvmVersion: '4.3', cpu: MONTVALE, memoryMb: 131072, vswitches: LANS },
    ],
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.fleet;
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Running, not merely unreaped: an orphan's zombie waits for init, which reaps when it pleases. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

describe('startFleet over SSH', () => {
  let stateDir: string;
  let fleet: RunningFleet;
  let closed = false;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'sim-fleet-'));
    fleet = await startFleet(testFleet(), { stateDir });
  });

  afterAll(async () => {
    if (!closed) await fleet.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('writes a config the bot accepts, with a 0600 client key', () => {
    const result = parseConfig(fleet.configYaml());
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(
      result.config.fleet.map(({ name, port, hostKeySha256 }) => ({ name, port, fingerprint: hostKeySha256 })),
    ).toEqual(fleet.vsps);
    expect(result.config.fleet[0]).toMatchObject({
      address: '127.0.0.1',
      user: 'root',
      hpvmVersion: '4.3',
      hpvmBinDir: join(stateDir, 'opt/hpvm/bin'),
      machinfoPath: join(stateDir, 'usr/contrib/bin/machinfo'),
    });
    expect(result.config.ssh.keyFile).toBe(fleet.clientKeyFile);
    expect(statSync(fleet.clientKeyFile).mode & 0o777).toBe(0o600);
  });

  it('runs an online migration end to end; hpvmstatus on both hosts shows the result', async () => {
    const outcome = await runOn(fleet, 'vsp1', 'hpvmmigrate -o -P vm01 -h vsp2-hpvm-migr');
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout.split('\n')).toEqual([
      'hpvmmigrate: Init phase (step 1) - progress 50%',
      'hpvmmigrate: Init phase (step 2) - progress 100%',
      'hpvmmigrate: Copy phase (step 3) - progress 25%',
      'hpvmmigrate: Copy phase (step 4) - progress 50%',
      'hpvmmigrate: Copy phase (step 5) - progress 75%',
      'hpvmmigrate: Copy phase (step 6) - progress 100%',
      'hpvmmigrate: I/O Quiesce phase (step 7) - progress 100%',
      'hpvmmigrate: Frozen phase (step 8) - progress 50%',
      'hpvmmigrate: Frozen phase (step 9) - progress 100%',
      'hpvmmigrate: Guest migrated successfully.',
      '',
    ]);
    const target = await runOn(fleet, 'vsp2', `${join(stateDir, 'opt/hpvm/bin')}/hpvmstatus`);
    expect(target.stdout).toMatch(/^vm01 +2 HPUX +On \(OS\) /m);
    expect((await runOn(fleet, 'vsp1', 'hpvmstatus')).stdout).toMatch(/^vm01 +1 HPUX +Off \(NR\) /m);
  });

  it('runs an offline migration with -d -b', async () => {
    const outcome = await runOn(fleet, 'vsp1', 'hpvmmigrate -P vm05 -h vsp3 -d -b');
    expect(outcome).toEqual({ code: 0, stdout: 'hpvmmigrate: Guest migrated successfully.\n', stderr: '' });
    expect((await runOn(fleet, 'vsp3', 'hpvmstatus -P vm05')).stdout).toMatch(/^vm05 +1 HPUX +On \(OS\)$/m);
  });

  it('reports a documented failure on stderr with exit 1', async () => {
    expect(await runOn(fleet, 'vsp1', 'hpvmmigrate -o -P lan3vm -h vsp2')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'hpvmmigrate: Target VM Host error - vswitch validation failed.\n' +
        'hpvmmigrate: See HPVM command log file on target VM Host for more detail.\n' +
        'hpvmmigrate: Unable to migrate the guest.\n',
    });
  });

  it('fails a second online migration into a busy host at once', async () => {
    fleet.model.setFaults('vsp3', { slowLink: 20 });
    const first = runOn(fleet, 'vsp1', 'hpvmmigrate -o -P vm02 -h vsp3');
    await waitFor(() => fleet.model.onlineMigrationOn('vsp3'), 'the first migration to start');
    const second = await runOn(fleet, 'vsp2', 'hpvmmigrate -o -P vm10 -h vsp3');
    expect(second).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'hpvmmigrate: ERROR (vm10): Another online migration is in progress on vsp3.\nhpvmmigrate: Unable to migrate the guest.\n',
    });
    expect(fleet.model.onlineMigrationOn('vsp3')?.guest).toBe('vm02');
    expect((await first).code).toBe(0);
    fleet.model.setFaults('vsp3', {});
  });

  it('completes a migration started under nohup after its SSH connection is gone', async () => {
    fleet.model.setFaults('vsp2', { slowLink: 10 });
    const client = await connect(fleet, 'vsp1');
    // The trailing sleep keeps the channel open, so closing it hangs up the whole command group.
    void exec(client, 'nohup hpvmmigrate -o -P vm03 -h vsp2 > mig.log 2>&1 & echo $! > mig.pid; sleep 30');
    const home = join(stateDir, 'hosts', 'vsp1');
    await waitFor(() => fleet.model.migrationOf('vm03') && existsSync(join(home, 'mig.pid')), 'the detached start');
    client.end();
    const log = await waitFor(async () => {
      const { stdout } = await runOn(fleet, 'vsp1', 'cat mig.log');
      return stdout.includes('Guest migrated successfully.') && stdout;
    }, 'the detached migration to finish');
    expect(log.split('\n').at(-2)).toBe('hpvmmigrate: Guest migrated successfully.');
    expect(log).toContain('hpvmmigrate: Copy phase (step 6) - progress 100%');
    expect(fleet.model.whereIs('vm03')).toBe('vsp2');
    fleet.model.setFaults('vsp2', {});
  });

  it('aborts a migration whose SSH connection drops; the guest stays on the source', async () => {
    fleet.model.setFaults('vsp2', { slowLink: 20 });
    const client = await connect(fleet, 'vsp1');
    const seen = new Promise<void>((resolve) => {
      void exec(client, 'hpvmmigrate -o -P vm06 -h vsp2', (stdout) => {
        if (stdout.includes('Copy phase (step 3) - progress 25%')) resolve();
      });
    });
    await seen;
    client.end();
    await waitFor(() => fleet.model.migrationOf('vm06') === undefined, 'the abort');
    expect(fleet.model.copiesOf('vm06')).toEqual([{ vsp: 'vsp1', state: 'On' }]);
    fleet.model.setFaults('vsp2', {});
  });

  it('refuses SSH connections while the sshRefused fault is set', async () => {
    const port = fleet.vsps.find((vsp) => vsp.name === 'vsp3')?.port ?? 0;
    fleet.model.setFaults('vsp3', { sshRefused: true });
    await waitFor(() => refused(port), 'vsp3 to refuse');
    fleet.model.setFaults('vsp3', {});
    await waitFor(async () => !(await refused(port)), 'vsp3 to accept again');
    expect((await runOn(fleet, 'vsp3', 'hpvmnet')).code).toBe(0);
  });

  it('close() leaves nothing listening and no command processes behind', async () => {
    fleet.model.setFaults('vsp3', { slowLink: 1000 });
    await runOn(fleet, 'vsp1', 'nohup hpvmmigrate -o -P vm07 -h vsp3 > long.log 2>&1 & echo $! > long.pid');
    await waitFor(() => fleet.model.migrationOf('vm07'), 'the long migration');
    const pid = Number(readFileSync(join(stateDir, 'hosts', 'vsp1', 'long.pid'), 'utf8'));
    await fleet.close();
    closed = true;
    for (const port of [...fleet.vsps.map((vsp) => vsp.port), fleet.bridgePort]) expect(await refused(port)).toBe(true);
    await waitFor(() => !alive(pid), 'the detached client to exit');
    expect(fleet.model.migrations()).toEqual([]);
    expect(fleet.model.whereIs('vm07')).toBe('vsp1');
  });
});
