/**
 * What the facts say about a move's outcome. hpvmmigrate's exit status alone is never enough: the guest
 * is where `hpvmstatus` on both VSPs shows its runnable copy. After a move the source keeps a copy that is
 * `Off (NR)` (or none with -D); after a failed or aborted one the guest is still runnable on the source
 * (docs/hpvm-reference.md, "After a migration"). Anything that does not fit — a side that could not be read,
 * runnable copies on both sides or on none, an exit status that disagrees with the location — is unknown,
 * never a guess: the move then needs attention.
 */
import type { GuestState } from '../inventory.ts';

/** A guest copy as hpvmstatus shows it, `absent` when the VSP has none, `unreadable` when it could not be read. */
export type CopyState = GuestState | 'absent' | 'unreadable';

export interface CopyView {
  readonly state: CopyState;
  /** As hpvmstatus printed it (`On (OS)`, `Off (NR)`), or `absent` / `unreadable`. */
  readonly text: string;
}

/**
 * The detached job as its folder on the source shows it: `running` (process alive), `exited` (exit status
 * written), `missing` (never started there, or removed), `vanished` (started, no status, process gone).
 */
export type JobStatus = 'running' | 'exited' | 'missing' | 'vanished';

export interface MoveFacts {
  /** hpvmmigrate's exit status; null when it ended without one (vanished, never started); undefined: not read. */
  readonly exitCode?: number | null;
  readonly job?: JobStatus;
  readonly source: CopyView;
  readonly target: CopyView;
}

export type GuestLocation = 'source' | 'target' | 'unknown';

export interface OutcomeDecision {
  readonly outcome: 'succeeded' | 'failed' | 'unknown';
  readonly location: GuestLocation;
  /** `vsp2 (On (OS))`: where the runnable guest is, when the location is known. */
  readonly verifiedLocation?: string;
  /** Why, in words (for the record and the thread). */
  readonly reason: string;
}

/** Runnable unless absent or Off (NR); undefined when the VSP could not be read. */
function runnable(copy: CopyView): boolean | undefined {
  if (copy.state === 'unreadable') return undefined;
  return copy.state !== 'absent' && copy.state !== 'NotRunnable';
}

export function locateGuest(facts: Pick<MoveFacts, 'source' | 'target'>): GuestLocation {
  const onSource = runnable(facts.source);
  const onTarget = runnable(facts.target);
  if (onTarget === true && onSource === false) return 'target';
  if (onSource === true && onTarget === false) return 'source';
  return 'unknown';
}

/**
 * exit 0 and on the target: succeeded. A non-zero exit (or none at all, because the job never started or
 * its process is gone) and still on the source: failed, and the guest is unaffected. Everything else:
 * unknown. A started job whose folder is gone proves nothing: hpvmmigrate may still be running, and during
 * an online migration the source shows the guest running until the very end.
 */
export function decideOutcome(
  facts: MoveFacts,
  move: { readonly source: string; readonly target: string; readonly remoteDir?: string },
): OutcomeDecision {
  const location = locateGuest(facts);
  const where =
    location === 'target'
      ? { verifiedLocation: `${move.target} (${facts.target.text})` }
      : location === 'source'
        ? { verifiedLocation: `${move.source} (${facts.source.text})` }
        : {};
  const seen = `hpvmstatus: ${move.source} ${facts.source.text}, ${move.target} ${facts.target.text}`;
  if (facts.job === 'running') {
    return { outcome: 'unknown', location, ...where, reason: `hpvmmigrate is still running on ${move.source}` };
  }
  if (facts.job === 'missing' && move.remoteDir !== undefined && move.remoteDir !== '') {
    return {
      outcome: 'unknown',
      location,
      ...where,
      reason: `the move's folder on ${move.source} is gone, so hpvmmigrate may still be running (${seen})`,
    };
  }
  if (facts.exitCode === undefined) {
    return { outcome: 'unknown', location, ...where, reason: `hpvmmigrate's exit status could not be read (${seen})` };
  }
  const exit = facts.exitCode === null ? 'no exit status' : `exit ${facts.exitCode}`;
  if (facts.exitCode === 0 && location === 'target') {
    return { outcome: 'succeeded', location, ...where, reason: `${exit}, ${seen}` };
  }
  if (facts.exitCode !== 0 && location === 'source') {
    return { outcome: 'failed', location, ...where, reason: `${exit}, ${seen}` };
  }
  return { outcome: 'unknown', location, ...where, reason: `${exit} does not agree with ${seen}` };
}

/**
 * Whether an approver's resolution agrees with hpvmstatus; the reason it does not, otherwise. `done`
 * needs a runnable copy on the target and none the source still shows (a source that cannot be read is
 * accepted: a host that died is exactly when an operator resolves by hand); `failed` needs the target to
 * show no runnable copy. The target must answer either way, and a job still running is never resolved.
 */
export function contradiction(outcome: 'done' | 'failed', facts: MoveFacts, move: MoveSides): string | undefined {
  if (facts.job === 'running') {
    return `hpvmmigrate is still running on ${move.source}: wait until it ends (the bot settles it then)`;
  }
  const onTarget = runnable(facts.target);
  if (onTarget === undefined) return `${move.target} could not be read, so the resolution cannot be checked`;
  if (outcome === 'done') {
    if (!onTarget) return `hpvmstatus on ${move.target} shows ${move.guest} ${facts.target.text}, not runnable there`;
    if (runnable(facts.source) === true) {
      return `hpvmstatus shows runnable copies of ${move.guest} on both ${move.source} (${facts.source.text}) and ${move.target} (${facts.target.text})`;
    }
    return undefined;
  }
  if (onTarget) return `hpvmstatus on ${move.target} shows ${move.guest} ${facts.target.text}: it did move`;
  return undefined;
}

export interface MoveSides {
  readonly guest: string;
  readonly source: string;
  readonly target: string;
}
