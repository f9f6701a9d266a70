/** Builders and fakes for the simulator's unit tests: fleets from partial input, command runs, test clocks. */
import type { CommandIo } from '../../../src/sim/commands/command-types.ts';
import { runHpvmCommand } from '../../../src/sim/commands/run-hpvm-command.ts';
import { validateFleet, type Fleet } from '../../../src/sim/fleet-file.ts';
import type { FleetModel } from '../../../src/sim/fleet-model.ts';
import { abortReason, type SimTimers } from '../../../src/sim/sim-timers.ts';

export const MONTVALE = {
  family: 32,
  model: 1,
  description: 'Intel(R) Itanium 2 9100 series processor (1.59 GHz, 18 MB)',
  cores: 16,
  sockets: 4,
};

/** Parses fleet input and fails loudly with the problems, so a broken fixture is obvious. */
export function fleetOf(input: unknown): Fleet {
  const result = validateFleet(input);
  if (!result.ok) throw new Error(`invalid test fleet:\n${result.problems.join('\n')}`);
  return result.fleet;
}

/** A VSP entry with defaults; override what the test is about. */
export function vsp(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    hpvmVersion: '4.3',
    cpu: MONTVALE,
    memoryMb: 65536,
    vswitches: [{ name: 'localnet' }, { name: 'vlan02', pnic: 'lan1' }],
    guests: [],
    ...overrides,
  };
}

/** An online-eligible HP-UX guest on a SAN disk; override what the test is about. */
export function guest(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    state: 'On',
    vcpus: 2,
    memoryMb: 4096,
    cpuUsagePct: 25,
    storage: [{ device: 'disk', backing: 'disk', path: `/dev/rdisk/${name}-disk1` }],
    networks: [{ vswitch: 'vlan02' }],
    ...overrides,
  };
}

export function disks(count: number, prefix = 'd'): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    device: 'disk',
    backing: 'disk',
    path: `/dev/rdisk/${prefix}${index}`,
  }));
}

export interface RunOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one command as the VSP would; output joined as the client would print it. */
export async function run(
  model: FleetModel,
  vspName: string,
  commandLine: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<RunOutcome> {
  const [command = '', ...argv] = commandLine.split(' ').filter((word) => word !== '');
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
    signal,
  };
  const code = await runHpvmCommand(model, vspName, command, argv, io);
  return { code, stdout, stderr };
}

/** Sleeps end at once (after a microtask, so concurrent commands interleave) and are recorded. */
export function instantTimers(): SimTimers & { readonly slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw abortReason(signal);
      slept.push(ms);
      now += ms;
      await Promise.resolve();
      if (signal?.aborted) throw abortReason(signal);
    },
  };
}

interface PendingSleep {
  readonly at: number;
  readonly resolve: () => void;
}

/** Time moves only when the test says so: `advance(ms)` wakes every sleep due by then, in order. */
export function manualTimers(): SimTimers & { advance(ms: number): Promise<void>; readonly pending: number } {
  let now = 0;
  let pending: PendingSleep[] = [];
  return {
    now: () => now,
    get pending() {
      return pending.length;
    },
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(abortReason(signal));
        const entry: PendingSleep = { at: now + ms, resolve };
        pending.push(entry);
        signal?.addEventListener('abort', () => {
          pending = pending.filter((candidate) => candidate !== entry);
          reject(abortReason(signal));
        });
      });
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        await flush();
        const due = pending.filter((entry) => entry.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        pending = pending.filter((entry) => entry !== due);
        now = due.at;
        due.resolve();
      }
      now = until;
      await flush();
    },
  };
}

/** Lets promise chains and setImmediate callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
