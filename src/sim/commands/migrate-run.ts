/**
 * Running a checked migration over simulated time. Online: Init → Copy (25/50/75/100 %) → I/O Quiesce →
 * Frozen, the copy taking guest memory ÷ link speed; a vanished caller or an injected phase timeout before
 * Frozen completes aborts it and the guest keeps running on the source (docs/hpvm-cli.md, "Online migration phases").
 */
import type { OnlinePhase } from '../fleet-file.ts';
import type { FleetModel } from '../fleet-model.ts';
import type { CommandIo } from './command-types.ts';
import type { MigrateRequest } from './migrate-checks.ts';

export const SUCCESS_LINE = 'hpvmmigrate: Guest migrated successfully.';
export const UNABLE_LINE = 'hpvmmigrate: Unable to migrate the guest.';

/** Simulated seconds of the fixed-length steps (HP documents timeouts, not durations [INF]). */
const INIT_SECONDS = 2;
const QUIESCE_SECONDS = 1;
const FROZEN_SECONDS = 1;
const OFFLINE_SECONDS = 3;

interface PhasePlan {
  readonly name: OnlinePhase;
  readonly seconds: number;
  readonly steps: readonly number[];
}

export function onlinePhases(model: FleetModel, request: MigrateRequest): PhasePlan[] {
  const slowLink = Math.max(request.source.faults.slowLink ?? 1, request.target.faults.slowLink ?? 1);
  const copySeconds = (request.guest.config.memoryMb / model.linkMbPerSecond) * slowLink;
  return [
    { name: 'Init', seconds: INIT_SECONDS, steps: [100] },
    { name: 'Copy', seconds: copySeconds, steps: [25, 50, 75, 100] },
    { name: 'I/O Quiesce', seconds: QUIESCE_SECONDS, steps: [100] },
    { name: 'Frozen', seconds: FROZEN_SECONDS, steps: [100] },
  ];
}

export async function runOnlineMigration(
  model: FleetModel,
  request: MigrateRequest,
  deleteSource: boolean,
  io: CommandIo,
): Promise<number> {
  const vm = request.guest.config.name;
  const timeoutPhase = request.source.faults.phaseTimeout ?? request.target.faults.phaseTimeout;
  const { id } = model.beginMigration({
    guest: vm,
    source: request.source.name,
    target: request.target.name,
    mode: 'online',
  });
  try {
    for (const phase of onlinePhases(model, request)) {
      for (const percent of phase.steps) {
        await model.sleep(phase.seconds / phase.steps.length, io.signal);
        if (percent === 100 && phase.name === timeoutPhase) {
          model.abortMigration(id);
          io.err(
            `hpvmmigrate: ERROR (${vm}): ${phase.name} phase timed out; migration aborted. Guest continues to run on the source VM Host.`,
          );
          io.err(UNABLE_LINE);
          return 1;
        }
        model.reportProgress(id, phase.name, percent);
        io.out(`hpvmmigrate: ${phase.name} phase: ${percent}%`);
      }
    }
  } catch (error) {
    return aborted(model, id, vm, io, error);
  }
  model.completeMigration(id, { deleteSource, targetState: 'On' });
  io.out(SUCCESS_LINE);
  return 0;
}

export async function runOfflineMigration(
  model: FleetModel,
  request: MigrateRequest,
  deleteSource: boolean,
  io: CommandIo,
): Promise<number> {
  const vm = request.guest.config.name;
  const { id } = model.beginMigration({
    guest: vm,
    source: request.source.name,
    target: request.target.name,
    mode: 'offline',
  });
  // -d: the checks have passed, so now the guest is stopped on the source (HP: checks before the stop).
  if (request.guest.state === 'On') model.setGuestState(request.source.name, vm, 'Off');
  try {
    await model.sleep(OFFLINE_SECONDS, io.signal);
  } catch (error) {
    return aborted(model, id, vm, io, error);
  }
  model.completeMigration(id, { deleteSource, targetState: request.bootAfter ? 'On' : 'Off' });
  io.out(SUCCESS_LINE);
  return 0;
}

function aborted(model: FleetModel, id: number, vm: string, io: CommandIo, error: unknown): number {
  model.abortMigration(id);
  if (!io.signal.aborted) throw error;
  io.err(`hpvmmigrate: ERROR (${vm}): Migration aborted. Guest continues on the source VM Host.`);
  io.err(UNABLE_LINE);
  return 1;
}
