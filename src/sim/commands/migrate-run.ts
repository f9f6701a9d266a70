/**
 * Running a checked migration over simulated time. Online: Init → Copy → I/O Quiesce → Frozen, the copy
 * taking guest memory ÷ link speed; a vanished caller or an injected phase timeout aborts it and the guest
 * keeps running on the source (docs/hpvm-reference.md, "Online migration phases").
 *
 * Progress lines are in HP's form, `hpvmmigrate: Frozen phase (step 23) - progress 21%` (HP Integrity
 * Virtual Machines 4.3 Release Notes §9.2.2; docs/hpvm-output-formats.md §6): one step counter rising across
 * the phases, the percent rising within each phase. How many lines each phase prints, and its percents, are
 * ours [INF]; test/fixtures/hpvm/hpvmmigrate-online-progress.txt is the same run.
 */
import type { OnlinePhase } from '../fleet-file.ts';
import type { FleetModel } from '../fleet-model.ts';
import type { CommandIo } from './command-types.ts';
import type { MigrateRequest } from './migrate-request.ts';
import { copyStorage } from './migrate-storage.ts';

export const SUCCESS_LINE = 'hpvmmigrate: Guest migrated successfully.';
/** [INF] by analogy with `hpvmmodify: Unable to modify the guest.` (docs/hpvm-reference.md, "Messages and exit codes"). */
export const UNABLE_LINE = 'hpvmmigrate: Unable to migrate the guest.';
/**
 * HP's abort of an online move whose target stops answering, documented for the Frozen phase (NPIV probe
 * over 30 s; 4.3 Release Notes §9.2.2, test/fixtures/hpvm/hpvmmigrate-npiv-probe-timeout.txt).
 */
export const TARGET_TIMEOUT_LINES = [
  'Target: (protocol low) header read timeout, 30 seconds',
  'Target: could not receive message header',
] as const;

/** Simulated seconds of the fixed-length steps (HP documents timeouts, not durations [INF]). */
const INIT_SECONDS = 2;
const QUIESCE_SECONDS = 1;
const FROZEN_SECONDS = 1;
const OFFLINE_SECONDS = 3;

interface PhasePlan {
  readonly name: OnlinePhase;
  readonly seconds: number;
  /** The percents this phase reports, in order; the last is 100. */
  readonly percents: readonly number[];
}

export function onlinePhases(model: FleetModel, request: MigrateRequest): PhasePlan[] {
  const slowLink = Math.max(request.source.faults.slowLink ?? 1, request.target.faults.slowLink ?? 1);
  const copySeconds = (request.guest.config.memoryMb / model.linkMbPerSecond) * slowLink;
  return [
    { name: 'Init', seconds: INIT_SECONDS, percents: [50, 100] },
    { name: 'Copy', seconds: copySeconds, percents: [25, 50, 75, 100] },
    { name: 'I/O Quiesce', seconds: QUIESCE_SECONDS, percents: [100] },
    { name: 'Frozen', seconds: FROZEN_SECONDS, percents: [50, 100] },
  ];
}

/** `hpvmmigrate: Copy phase (step 4) - progress 50%`. */
export function progressLine(phase: OnlinePhase, step: number, percent: number): string {
  return `hpvmmigrate: ${phase} phase (step ${step}) - progress ${percent}%`;
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
  let step = 0;
  try {
    for (const phase of onlinePhases(model, request)) {
      for (const percent of phase.percents) {
        await model.sleep(phase.seconds / phase.percents.length, io.signal);
        if (percent === 100 && phase.name === timeoutPhase) {
          model.abortMigration(id);
          timedOut(phase.name, vm, io);
          return 1;
        }
        step += 1;
        model.reportProgress(id, phase.name, percent);
        io.out(progressLine(phase.name, step, percent));
      }
    }
  } catch (error) {
    return aborted(model, id, vm, io, error);
  }
  model.completeMigration(id, { deleteSource, targetState: 'On' });
  io.out(SUCCESS_LINE);
  return 0;
}

/** HP's own lines where HP documents the case (Frozen); elsewhere an ERROR line in HP's form. */
function timedOut(phase: OnlinePhase, vm: string, io: CommandIo): void {
  if (phase === 'Frozen') {
    for (const line of TARGET_TIMEOUT_LINES) io.err(line);
    return;
  }
  // [INF] wording: HP documents the per-phase timeouts (migrate_*_phase_timeout) but not what they print.
  io.err(
    `hpvmmigrate: ERROR (${vm}): ${phase} phase timed out; migration aborted. Guest continues to run on the source VM Host.`,
  );
  io.err(UNABLE_LINE);
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
    await copyStorage(model, request, io);
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
  // [INF] wording, in HP's ERROR form.
  io.err(`hpvmmigrate: ERROR (${vm}): Migration aborted. Guest continues on the source VM Host.`);
  io.err(UNABLE_LINE);
  return 1;
}
