/**
 * A simulated fleet for the detached-move tests (sim SSH and OpenSSH alike): two VSPs, guests big enough
 * that a move lasts a few seconds at the test speed (so a connection can drop in the middle), the bot's
 * config for it, and what the tests read back: the migrate line of a move, the verification lines for
 * verifyMove, and how many migrations the simulator started per guest.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCopies, type Copies, type VerifyLines } from '../../src/app/move-facts.ts';
import { locateGuest, type GuestLocation } from '../../src/domain/workflow/move-outcome.ts';
import type { RemoteShell } from '../../src/ports.ts';
import { parseConfig, type AppConfig, type VspConfig } from '../../src/config.ts';
import type { TemplateTable } from '../../src/domain/commands/command-templates.ts';
import { renderCommand } from '../../src/domain/commands/render-command.ts';
import { renderMoveCommands } from '../../src/domain/commands/render-move-commands.ts';
import { validateFleet } from '../../src/sim/fleet-file.ts';
import { startFleet, type RunningFleet } from '../../src/sim/start-fleet.ts';

const CPU = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  cores: 16,
};

/** 32 GB at 100 MB/s is 328 simulated seconds of copy: about 1.6 s at speedFactor 200. */
function guest(name: string, disk: string, memoryMb = 32768) {
  return {
    name,
    state: 'On',
    vcpus: 2,
    memoryMb,
    storage: [{ device: 'disk', backing: 'disk', path: disk }],
    networks: [{ vswitch: 'vlan02' }],
  };
}

export const DETACHED_FLEET = {
  linkMbPerSecond: 100,
  speedFactor: 200,
  vsps: [
    {
      name: 'vsp1',
      hpvmVersion: '4.3',
      cpu: CPU,
      memoryMb: 1048576,
      vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
      guests: [
        guest('mover01', '/dev/rdisk/disk11', 4096),
        guest('drop01', '/dev/rdisk/disk12'),
        guest('refuse01', '/dev/rdisk/disk13'),
        guest('again01', '/dev/rdisk/disk14', 4096),
        guest('missing01', '/dev/rdisk/disk77', 4096),
        guest('sshd01', '/dev/rdisk/disk21', 4096),
        guest('sshd02', '/dev/rdisk/disk22'),
        guest('sshd03', '/dev/rdisk/disk23'),
      ],
    },
    {
      name: 'vsp2',
      hpvmVersion: '4.3',
      cpu: CPU,
      memoryMb: 1048576,
      vswitches: [{ name: 'vlan02', pnic: 'lan1' }],
      faults: { missingDevices: ['/dev/rdisk/disk77'] },
      guests: [],
    },
  ],
};

export interface DetachedFleet {
  readonly fleet: RunningFleet;
  readonly config: AppConfig;
  readonly templates: TemplateTable;
  readonly privateKey: string;
  readonly remoteDir: string;
  /** The plan's online migrate line for this guest (rendered for the given VSP settings). */
  migrateLine(guest: string, from: string, to: string, vsps?: readonly VspConfig[]): string;
  /** hpvmstatus on both VSPs, as a plan's verification lines render them for `guest`. */
  verifyLines(guest: string, from: string, to: string, vsps?: readonly VspConfig[]): VerifyLines;
  /** Migrations the simulator started for this guest since the fleet started. */
  migrationsStarted(guest: string): number;
  close(): Promise<void>;
}

export async function startDetachedFleet(prefix: string): Promise<DetachedFleet> {
  const stateDir = await mkdtemp(join(tmpdir(), prefix));
  const parsed = validateFleet(DETACHED_FLEET);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const fleet = await startFleet(parsed.fleet, { stateDir });
  const loaded = parseConfig(fleet.configYaml());
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const { config, templates } = loaded;
  const started = new Map<string, number>();
  const unsubscribe = fleet.model.subscribe((event) => {
    if (event.type !== 'migration' || event.status !== 'started') return;
    started.set(event.migration.guest, (started.get(event.migration.guest) ?? 0) + 1);
  });
  const settings = (vsps: readonly VspConfig[], name: string): VspConfig => {
    const found = vsps.find((vsp) => vsp.name === name);
    if (!found) throw new Error(`no VSP ${name} in the test config`);
    return found;
  };
  return {
    fleet,
    config,
    templates,
    privateKey: await readFile(fleet.clientKeyFile, 'utf8'),
    remoteDir: config.migration.remoteDir,
    migrateLine(guest, from, to, vsps = config.fleet) {
      return renderMoveCommands(templates, {
        source: settings(vsps, from),
        target: settings(vsps, to),
        vm: guest,
        mode: 'online',
        options: { stop: false, start: false, deleteSource: false },
      }).migrate.line;
    },
    verifyLines(guest, from, to, vsps = config.fleet) {
      return {
        guest,
        source: renderCommand(templates, 'status', settings(vsps, from)),
        target: renderCommand(templates, 'status', settings(vsps, to)),
      };
    },
    migrationsStarted: (guest) => started.get(guest) ?? 0,
    async close() {
      unsubscribe();
      await fleet.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Polls until the condition holds; fails with the message after the deadline (never a timing assertion). */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Where hpvmstatus on both VSPs shows the runnable guest (the facts the bot verifies a move with). */
export async function verifyMove(
  shell: RemoteShell,
  lines: VerifyLines,
  move: { readonly source: string; readonly target: string },
): Promise<Copies & { readonly location: GuestLocation; readonly verifiedLocation?: string }> {
  const copies = await readCopies(shell, lines);
  const location = locateGuest(copies);
  if (location === 'unknown') return { ...copies, location };
  const [host, copy] = location === 'target' ? [move.target, copies.target] : [move.source, copies.source];
  return { ...copies, location, verifiedLocation: `${host} (${copy.text})` };
}
