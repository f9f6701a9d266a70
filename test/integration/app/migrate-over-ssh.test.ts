/**
 * The bot's own parts against the simulated fleet over real SSH: SshRemoteShell, the inventory collector,
 * the planner with HP's precheck, and the exact command lines of the plan — run and verified with
 * `hpvmstatus` on both VSPs. The simulator stands in for HP Integrity VM (its messages are HP's).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshError } from '../../../src/adapters/ssh/ssh-error.ts';
import { SshRemoteShell } from '../../../src/adapters/ssh/ssh-remote-shell.ts';
import { collectInventory } from '../../../src/app/collect-inventory.ts';
import { inventoryTarget } from '../../../src/app/inventory-targets.ts';
import { planRequest, type PlanningDeps } from '../../../src/app/plan-request.ts';
import { parseConfig, type AppConfig } from '../../../src/config.ts';
import type { TemplateTable } from '../../../src/domain/commands/command-templates.ts';
import { renderMoveCommands } from '../../../src/domain/commands/render-move-commands.ts';
import type { GuestState } from '../../../src/domain/inventory.ts';
import type { MigrateRequest } from '../../../src/domain/request.ts';
import { validateFleet } from '../../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../../src/sim/start-fleet.ts';
import { systemClock } from '../../../src/ports.ts';

const CPU_9100 = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  cores: 16,
};
const CPU_9000 = {
  family: 32,
  model: 0,
  description: 'Intel(R) Itanium 2 9000 series processor (1.59 GHz, 18 MB)',
  cores: 16,
};

function hpuxGuest(name: string, disk: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    state: 'On',
    vcpus: 2,
    memoryMb: 4096,
    storage: [{ device: 'disk', backing: 'disk', path: disk }],
    networks: [{ vswitch: 'vlan02' }],
    ...extra,
  };
}

const FLEET = {
  linkMbPerSecond: 100,
  speedFactor: 200,
  vsps: [
    {
      name: 'vsp1',
      hpvmVersion: '4.3',
      cpu: CPU_9100,
      memoryMb: 131072,
      vswitches: [
        { name: 'vlan02', pnic: 'lan1' },
        { name: 'vlan09', pnic: 'lan9' },
      ],
      guests: [
        hpuxGuest('online01', '/dev/rdisk/disk11'),
        hpuxGuest('online02', '/dev/rdisk/disk12'),
        { ...hpuxGuest('linux01', '/dev/rdisk/disk13'), os: 'LINUX' },
        { ...hpuxGuest('linux02', '/dev/rdisk/disk17'), os: 'LINUX' },
        {
          ...hpuxGuest('shared01', '/dev/rdisk/disk14'),
          storage: [{ device: 'dvd', backing: 'disk', path: '/dev/rdsk/c1t4d0', shared: true }],
        },
        hpuxGuest('missing01', '/dev/rdisk/disk77'),
        hpuxGuest('wwid01', '/dev/rdisk/disk88'),
        { ...hpuxGuest('vlan01', '/dev/rdisk/disk15'), networks: [{ vswitch: 'vlan09' }] },
        hpuxGuest('slow01', '/dev/rdisk/disk16', { memoryMb: 8192 }),
      ],
    },
    {
      name: 'vsp2',
      hpvmVersion: '6.1',
      cpu: CPU_9000,
      memoryMb: 131072,
      vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
      faults: { missingDevices: ['/dev/rdisk/disk77'], wwidMismatch: ['/dev/rdisk/disk88'] },
      guests: [],
    },
    {
      name: 'vsp3',
      hpvmVersion: '4.3',
      cpu: CPU_9100,
      memoryMb: 65536,
      vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
      faults: { sshTrust: false },
      guests: [],
    },
    {
      name: 'vsp4',
      hpvmVersion: '4.3',
      cpu: CPU_9100,
      memoryMb: 65536,
      vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
      guests: [hpuxGuest('online41', '/dev/rdisk/disk41')],
    },
  ],
};

function migrate(guests: string[], to: string, overrides: Partial<MigrateRequest> = {}): MigrateRequest {
  return {
    kind: 'migrate',
    guests,
    to,
    stop: false,
    start: false,
    deleteSource: false,
    checkOnly: false,
    ...overrides,
  };
}

describe('migrations over real SSH against the simulated fleet', () => {
  let stateDir: string;
  let fleet: RunningFleet;
  let config: AppConfig;
  let templates: TemplateTable;
  let shell: SshRemoteShell;
  let deps: PlanningDeps;

  /** What `hpvmstatus` on each VSP says about the guest, as the bot's collector reads it. */
  async function statesOf(guest: string): Promise<Record<string, GuestState>> {
    const snapshot = await collectInventory(
      shell,
      config.fleet.map((vsp) => inventoryTarget(vsp, templates)),
      systemClock,
      { wantDevices: () => false },
    );
    expect(snapshot.failures).toEqual([]);
    const states: Record<string, GuestState> = {};
    for (const vsp of snapshot.vsps) {
      const found = vsp.guests.find((candidate) => candidate.name === guest);
      if (found) states[vsp.name] = found.state;
    }
    return states;
  }

  function moveLines(
    guest: string,
    from: string,
    to: string,
    mode: 'online' | 'offline',
    options = { stop: false, start: false, deleteSource: false },
  ) {
    const settings = (name: string) => config.fleet.find((vsp) => vsp.name === name)!;
    return renderMoveCommands(templates, { source: settings(from), target: settings(to), vm: guest, mode, options });
  }

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'migrate-ssh-'));
    const parsed = validateFleet(FLEET);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    fleet = await startFleet(parsed.fleet, { stateDir });
    const loaded = parseConfig(fleet.configYaml());
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    ({ config, templates } = loaded);
    shell = new SshRemoteShell({
      ...config.ssh,
      hosts: config.fleet,
      privateKey: await readFile(fleet.clientKeyFile, 'utf8'),
    });
    deps = { shell, vsps: config.fleet, templates, settings: config.migration, clock: systemClock };
  });

  afterAll(async () => {
    await shell.close();
    await fleet.close();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('plans an online move (HP precheck passes), runs its exact line, and hpvmstatus shows the guest on the target', async () => {
    const { plan } = await planRequest(migrate(['online01'], 'vsp2'), deps);
    expect(plan.ok).toBe(true);
    const [move] = plan.moves;
    expect(move?.mode).toBe('online');
    expect(move?.checks.find((check) => check.rule === 'hp-precheck')?.ok).toBe(true);

    const progress: string[] = [];
    const result = await shell.exec(move!.commands.migrate.host, move!.commands.migrate.line, {
      onStdoutLine: (line) => progress.push(line),
    });
    expect(result.exitCode).toBe(0);
    expect(progress[0]).toBe('hpvmmigrate: Init phase (step 1) - progress 50%');
    expect(progress).toContain('hpvmmigrate: Copy phase (step 4) - progress 50%');
    expect(progress.at(-1)).toBe('hpvmmigrate: Guest migrated successfully.');
    expect(await statesOf('online01')).toEqual({ vsp1: 'NotRunnable', vsp2: 'On' });
  });

  it('runs an offline move with --stop --start --delete-source: the guest runs on the target, the source copy is gone', async () => {
    const { plan } = await planRequest(
      migrate(['linux01'], 'vsp2', { mode: 'offline', stop: true, start: true, deleteSource: true }),
      deps,
    );
    expect(plan.ok).toBe(true);
    const [move] = plan.moves;
    expect(move?.commands.precheck).toBeUndefined();
    expect(move?.commands.migrate.line).toMatch(/hpvmmigrate -P linux01 -h vsp2 -d -b -D$/);
    const result = await shell.exec(move!.commands.migrate.host, move!.commands.migrate.line);
    expect(result).toMatchObject({ exitCode: 0 });
    expect(await statesOf('linux01')).toEqual({ vsp2: 'On' });
  });

  it('refuses an online move of a Linux guest in the bot already, with the offline fix', async () => {
    const { plan } = await planRequest(migrate(['linux02'], 'vsp2', { mode: 'online' }), deps);
    expect(plan.ok).toBe(false);
    const failedCheck = plan.blocked[0]?.checks.find((check) => !check.ok);
    expect(failedCheck?.rule).toBe('guest-os');
    expect(failedCheck?.fix).toContain('/migrate linux02 to vsp2 offline --stop');
    expect(await statesOf('linux02')).toEqual({ vsp1: 'On' });
  });

  it.each([
    [
      'shared01',
      'vsp2',
      ['hpvmmigrate: Device /dev/rdsk/c1t4d0 is shared.  Guest with shared storage devices cannot be migrated.'],
    ],
    [
      'missing01',
      'vsp2',
      [
        'hpvmmigrate: Target VM Host error - Device does not exist.',
        'hpvmmigrate: See HPVM command log file on target VM Host for more detail.',
      ],
    ],
    [
      'wwid01',
      'vsp2',
      [
        'hpvmmigrate: Device WWID does not match.',
        'hpvmmigrate: See HPVM command log file on target VM Host for more detail.',
      ],
    ],
    [
      'vlan01',
      'vsp2',
      [
        'hpvmmigrate: Target VM Host error - vswitch validation failed.',
        'hpvmmigrate: See HPVM command log file on target VM Host for more detail.',
      ],
    ],
    [
      'online02',
      'vsp3',
      ['hpvmmigrate: SSH execution error. Make sure ssh is setup right on both source and target systems.'],
    ],
  ])('%s → %s fails with HP’s documented message, exit 1, and nothing moves', async (guest, target, messages) => {
    const { migrate: line } = moveLines(guest, 'vsp1', target, 'online');
    const result = await shell.exec(line.host, line.line);
    expect(result.exitCode).toBe(1);
    const errors = result.stderr.split('\n');
    for (const message of messages) expect(errors).toContain(message);
    expect(await statesOf(guest)).toEqual({ vsp1: 'On' });
  });

  it('folds a failing HP precheck into the plan: blocked, with HP’s words and the next step', async () => {
    const { plan } = await planRequest(migrate(['missing01'], 'vsp2'), deps);
    expect(plan.ok).toBe(false);
    const check = plan.blocked[0]?.checks.find((candidate) => candidate.rule === 'hp-precheck');
    expect(check).toMatchObject({ ok: false });
    expect(check?.detail).toContain('Target VM Host error - Device does not exist.');
    expect(check?.fix).toContain('present the same SAN LUNs to the target');
  });

  it('enforces one online migration per host in the simulator too', async () => {
    fleet.model.setFaults('vsp2', { slowLink: 4 });
    const first = moveLines('slow01', 'vsp1', 'vsp2', 'online').migrate;
    const running = shell.exec(first.host, first.line);
    await waitFor(() => fleet.model.migrationOf('slow01') !== undefined);
    const second = moveLines('online41', 'vsp4', 'vsp2', 'online').migrate;
    const refused = await shell.exec(second.host, second.line);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('Another online migration is in progress');
    fleet.model.setFaults('vsp2', {});
    expect((await running).exitCode).toBe(0);
    expect(await statesOf('slow01')).toEqual({ vsp1: 'NotRunnable', vsp2: 'On' });
    expect(await statesOf('online41')).toEqual({ vsp4: 'On' });
  });

  it('times out a command: command_timeout, the remote hpvmmigrate is hung up, and the guest stays on the source', async () => {
    fleet.model.setFaults('vsp2', { slowLink: 500 });
    const line = moveLines('online41', 'vsp4', 'vsp2', 'online').migrate;
    const error = await shell.exec(line.host, line.line, { timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SshError);
    expect(error).toMatchObject({ code: 'command_timeout', host: 'vsp4' });
    await waitFor(() => fleet.model.migrationOf('online41') === undefined);
    fleet.model.setFaults('vsp2', {});
    expect(await statesOf('online41')).toEqual({ vsp4: 'On' });
  });

  it('refuses a VSP whose host key does not match the pinned fingerprint', async () => {
    const wrong = config.fleet.map((vsp) =>
      vsp.name === 'vsp4' ? { ...vsp, hostKeySha256: config.fleet[0]!.hostKeySha256 } : vsp,
    );
    const pinned = new SshRemoteShell({
      ...config.ssh,
      hosts: wrong,
      privateKey: await readFile(fleet.clientKeyFile, 'utf8'),
    });
    try {
      const error = await pinned
        .exec('vsp4', moveLines('online41', 'vsp4', 'vsp2', 'online').migrate.line)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'host_key_mismatch',
        host: 'vsp4',
        expectedFingerprint: config.fleet[0]!.hostKeySha256,
      });
      expect(fleet.model.migrationOf('online41')).toBeUndefined();
      expect(await statesOf('online41')).toEqual({ vsp4: 'On' });
    } finally {
      await pinned.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
