/**
 * The HPVM executables without SSH, in both builds (native C and bash): the client relays output and exit
 * status, passes arguments intact, says so when the bridge is unreachable, and a killed client aborts its command.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandPath } from '../../../src/sim/bridge-client.ts';
import type { HpvmCommandName } from '../../../src/sim/fleet-file.ts';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../../src/sim/start-fleet.ts';
import { waitFor } from './ssh-kit.ts';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.each(['native', 'bash'] as const)('bridge client executables (%s)', (client) => {
  let stateDir: string;
  let fleet: RunningFleet;
  const onlineGuest = 'vm01';

  function runCommand(
    command: HpvmCommandName,
    args: string[],
    env: NodeJS.ProcessEnv = fleet.environment('vsp1'),
  ): Promise<Result> {
    return new Promise((resolve) => {
      const child = execFile(commandPath(stateDir, command), args, { env }, (_error, stdout, stderr) =>
        resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
  }

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'sim-bridge-'));
    const cpu = {
      family: 32,
      model: 1,
      description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
      cores: 8,
    };
    const parsed = validateFleet({
      speedFactor: 500,
      vsps: ['vsp1', 'vsp2'].map((name, index) => ({
        name,
        hpvmVersion: '6.2',
        cpu,
        memoryMb: 65536,
        vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
        guests: [0, 1, 2].map((number) => ({
          name: `vm${index}${number + 1}`,
          state: 'On',
          memoryMb: 4096,
          storage: [{ device: 'disk', backing: 'disk', path: `/dev/rdisk/disk${index}${number}` }],
          networks: [{ vswitch: 'vlan02' }],
        })),
      })),
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    fleet = await startFleet(parsed.fleet, { stateDir, client });
    expect(fleet.clientKind).toBe(client);
  });

  afterAll(async () => {
    await fleet.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('relays stdout, stderr and the exit status', async () => {
    const table = await runCommand('hpvmstatus', []);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout.startsWith('[Virtual Machines]\n')).toBe(true);
    expect(await runCommand('hpvmstatus', ['-z'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'hpvmstatus: illegal option -- z\nusage: hpvmstatus [-r] [{-P vm-name | -p vm-number} [-d]]\n',
    });
    expect((await runCommand('machinfo', [])).stdout).toContain('Nodename:  vsp1\n');
  });

  it('passes arguments with blanks, quotes and empty ones intact', async () => {
    expect((await runCommand('hpvmstatus', ['-P', "a b 'c'", '-d'])).stderr).toBe(
      "hpvmstatus: Unable to find the guest 'a b 'c''.\n",
    );
    expect((await runCommand('hpvmstatus', ['-P', ''])).stderr).toBe("hpvmstatus: Unable to find the guest ''.\n");
  });

  it('exits with an injected status', async () => {
    fleet.model.setFaults('vsp1', {
      commandFailure: { command: 'hpvmnet', exitCode: 42, stderr: 'hpvmnet: broken\n' },
    });
    expect(await runCommand('hpvmnet', [])).toEqual({ code: 42, stdout: '', stderr: 'hpvmnet: broken\n' });
    fleet.model.setFaults('vsp1', {});
  });

  it('gives the same answers over many sequential runs', async () => {
    const first = await runCommand('hpvmstatus', ['-r']);
    for (let index = 0; index < 30; index++) expect(await runCommand('hpvmstatus', ['-r'])).toEqual(first);
  });

  it('says so and exits 1 when the bridge cannot be reached or refuses the token', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const { HPVM_SIM_SOCKET: _socket, ...env } = fleet.environment('vsp1');
    expect(await runCommand('hpvmstatus', [], { ...env, HPVM_SIM_PORT: String(closedPort) })).toEqual({
      code: 1,
      stdout: '',
      stderr: `hpvmstatus: cannot reach the HPVM simulator at 127.0.0.1:${closedPort}\n`,
    });
    expect(await runCommand('hpvmstatus', [], { ...env, HPVM_SIM_TOKEN: 'wrong' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'hpvmstatus: refused by the HPVM simulator (bad HPVM_SIM_TOKEN)\n',
    });
  });

  it('falls back to TCP when the Unix socket is not there', async () => {
    const env = { ...fleet.environment('vsp1'), HPVM_SIM_SOCKET: join(stateDir, 'no-such.sock') };
    expect((await runCommand('hpvmstatus', ['-r'], env)).code).toBe(0);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)('a client killed by %s aborts its migration', async (signal) => {
    fleet.model.setFaults('vsp2', { slowLink: 200 });
    const child = spawn(commandPath(stateDir, 'hpvmmigrate'), ['-o', '-P', onlineGuest, '-h', 'vsp2'], {
      env: fleet.environment('vsp1'),
      stdio: 'ignore',
    });
    await waitFor(() => fleet.model.migrationOf(onlineGuest), 'the migration to start');
    child.kill(signal);
    await waitFor(() => fleet.model.migrationOf(onlineGuest) === undefined, 'the abort');
    expect(fleet.model.whereIs(onlineGuest)).toBe('vsp1');
    expect(fleet.model.guest('vsp1', onlineGuest)?.state).toBe('On');
    fleet.model.setFaults('vsp2', {});
  });
});
