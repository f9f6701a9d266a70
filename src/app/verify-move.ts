/**
 * Where is the runnable guest after a move? `hpvmstatus` on the source and on the target (DESIGN §7), read
 * with the inventory collector (no device details). A copy is runnable unless it is `Off (NR)`: after a
 * move the source keeps a not-runnable copy (or none with -D), after a failed or aborted one the guest is
 * still runnable on the source (reference §1.5-1.6). Anything else — a side that cannot be read, runnable
 * copies on both sides, none at all — is `unknown`, never a guess.
 */
import type { FleetSnapshot, GuestState, VspFailure } from '../domain/inventory.ts';
import type { MoveRecord } from '../domain/workflow/records.ts';
import type { Clock, RemoteShell } from '../ports.ts';
import { collectInventory, type InventoryTarget } from './collect-inventory.ts';

export type VerifiableMove = Pick<MoveRecord, 'guest' | 'source' | 'target'>;

/** A guest copy as hpvmstatus shows it, `absent` when the VSP has none, `unreadable` when the VSP could not be read. */
export type CopyState = GuestState | 'absent' | 'unreadable';

export interface MoveVerification {
  readonly location: 'target' | 'source' | 'unknown';
  readonly sourceState: CopyState;
  readonly targetState: CopyState;
  /** For the record and the thread: `vsp2 (On (OS))`; absent when the location is unknown. */
  readonly verifiedLocation?: string;
  /** Why a side could not be read. */
  readonly failures: readonly VspFailure[];
}

export interface VerifyTargets {
  /** Inventory command lines of the move's source and target VSPs (see inventory-targets.ts). */
  readonly source: InventoryTarget;
  readonly target: InventoryTarget;
}

export async function verifyMove(
  shell: RemoteShell,
  targets: VerifyTargets,
  clock: Clock,
  move: VerifiableMove,
  options: { readonly commandTimeoutMs?: number } = {},
): Promise<MoveVerification> {
  const snapshot = await collectInventory(shell, [targets.source, targets.target], clock, {
    wantDevices: () => false,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs }),
  });
  const source = copyOf(snapshot, move.source, move.guest);
  const target = copyOf(snapshot, move.target, move.guest);
  const base = { sourceState: source.state, targetState: target.state, failures: snapshot.failures };
  const runnable = (state: CopyState): boolean | undefined =>
    state === 'unreadable' ? undefined : state !== 'absent' && state !== 'NotRunnable';
  const onSource = runnable(source.state);
  const onTarget = runnable(target.state);
  if (onTarget === true && onSource === false) {
    return { ...base, location: 'target', verifiedLocation: `${move.target} (${target.text})` };
  }
  if (onSource === true && onTarget === false) {
    return { ...base, location: 'source', verifiedLocation: `${move.source} (${source.text})` };
  }
  return { ...base, location: 'unknown' };
}

function copyOf(snapshot: FleetSnapshot, vsp: string, guest: string): { state: CopyState; text: string } {
  const inventory = snapshot.vsps.find((candidate) => candidate.name === vsp);
  if (!inventory) return { state: 'unreadable', text: 'unreadable' };
  const copy = inventory.guests.find((candidate) => candidate.name === guest);
  return copy ? { state: copy.state, text: copy.stateText } : { state: 'absent', text: 'absent' };
}
