/**
 * The next step for an operator after each way a detached move can go wrong (docs/conventions.md #6:
 * known failures become operator actions). Exhaustive over ExecutionErrorCode: a new code does not compile
 * until it has advice here. SSH failures get theirs from the SSH adapter; what neither knows gets
 * `unknownFailureNextStep`, which still says what to do.
 */
import type { ExecutionErrorCode } from './execution-error.ts';

export interface MoveWhere {
  readonly guest: string;
  readonly source: string;
  readonly target: string;
  /** `REQ-7` */
  readonly requestId: string;
}

/** How a move that needs attention is settled by hand, once the facts are known. */
export function resolveCommand(where: MoveWhere): string {
  return `/migrate resolve ${where.requestId} ${where.guest} done|failed`;
}

function checkBoth(where: MoveWhere): string {
  return `Check with hpvmstatus on ${where.source} and ${where.target} where ${where.guest} runs`;
}

export function executionNextStep(code: ExecutionErrorCode, where: MoveWhere): string {
  const { guest, source } = where;
  switch (code) {
    case 'invalid_remote_path':
      return `migration.remoteDir in the config is not a safe absolute path: fix it and restart the bot. Nothing was started on ${source} with it.`;
    case 'invalid_argument':
      return `The stored move has a value the bot refuses to put in a command line; nothing was run with it. Ask again for a fresh preview.`;
    case 'start_failed':
      return `The start line on ${source} did not answer as expected, so the bot cannot tell whether hpvmmigrate started. It keeps looking at the move's folder on ${source}. ${checkBoth(where)}.`;
    case 'unexpected_output':
      return `The bot could not read back the state of the move's folder on ${source} (cut-short or garbled output). It keeps trying; if this repeats, look at the folder under migration.remoteDir on ${source}.`;
    case 'remote_run_missing':
      return `The move's folder on ${source} is gone (removed by someone, or ${source} was reinstalled), and with it hpvmmigrate's log and exit status. ${checkBoth(where)}, then settle the move.`;
    case 'remote_run_vanished':
      return `hpvmmigrate on ${source} ended without writing an exit status (the host rebooted, or the process was killed). ${checkBoth(where)}: after an aborted move the guest should still run on ${source}.`;
    case 'follow_gave_up':
      return `${source} has not answered over SSH for a long time; the migration itself does not depend on the bot and may have finished. The bot keeps trying; check ${source}'s network and sshd, and ${checkBoth(where).toLowerCase()}.`;
    case 'cleanup_refused':
      return `hpvmmigrate of ${guest} still runs on ${source}; the bot removes its folder once it has ended.`;
  }
}

export function unknownFailureNextStep(where: MoveWhere): string {
  return `This failure is not one the bot knows. ${checkBoth(where)}; the bot's log has the details under ${where.requestId}.`;
}

export function outcomeUnknownNextStep(where: MoveWhere): string {
  return `hpvmmigrate's result and hpvmstatus do not agree (or a VSP could not be read). ${checkBoth(where)} and look at the guest's console before doing anything else.`;
}
