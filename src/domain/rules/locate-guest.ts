import { distance } from 'fastest-levenshtein';
import type { FleetSnapshot, Guest, VspInventory } from '../inventory.ts';
import { failed, passed, type CheckResult } from './check-result.ts';
import { compareText } from './compare-text.ts';

export interface GuestLocation {
  readonly guest: Guest;
  readonly vsp: VspInventory;
}

export interface LocateResult {
  readonly check: CheckResult;
  /** Set only when the check passed. */
  readonly location?: GuestLocation;
}

/** Typos, not different names: one edit per four characters (at least one, at most three). */
function maxSuggestionDistance(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 4)));
}

/**
 * Commands run where the runnable copy is (docs/architecture.md, "Domain rules"). A copy in `Off (NR)` is the stale one
 * left behind by an earlier migration; every other state counts as runnable, and there must be exactly one.
 */
export function locateGuest(name: string, snapshot: FleetSnapshot, from?: string): LocateResult {
  const copies = snapshot.vsps.flatMap((vsp) =>
    vsp.guests.filter((guest) => guest.name === name).map((guest) => ({ guest, vsp })),
  );
  const runnable = copies.filter((copy) => copy.guest.state !== 'NotRunnable');
  const unread = unreadNote(snapshot);
  const fromFailure = snapshot.failures.find((failure) => failure.vsp === from);
  if (fromFailure !== undefined) {
    return {
      check: failed(
        'guest-located',
        `${from} could not be read (${fromFailure.code}: ${fromFailure.message}), so ${name} cannot be found there`,
        `retry when ${from} answers`,
      ),
    };
  }
  if (runnable.length > 1) {
    const where = runnable.map((copy) => `${copy.vsp.name} (${copy.guest.stateText})`).join(', ');
    return {
      check: failed(
        'guest-located',
        `${name} has ${runnable.length} runnable copies: ${where}`,
        `only one copy may be runnable: find the stale one with hpvmstatus and resolve it by hand before migrating`,
      ),
    };
  }
  const [only] = runnable;
  if (only === undefined) return { check: notFound(name, copies, snapshot, unread) };
  if (from !== undefined && from !== only.vsp.name) {
    return {
      check: failed(
        'guest-located',
        `${name} is on ${only.vsp.name}, not on ${from}`,
        `${name} is on ${only.vsp.name}: leave out "from ${from}" or write "from ${only.vsp.name}"`,
      ),
    };
  }
  return {
    check: passed('guest-located', `${name} is ${only.guest.stateText} on ${only.vsp.name}`),
    location: only,
  };
}

function notFound(
  name: string,
  copies: readonly { guest: Guest; vsp: VspInventory }[],
  snapshot: FleetSnapshot,
  unread: string,
): CheckResult {
  if (copies.length > 0) {
    const where = copies.map((copy) => copy.vsp.name).join(', ');
    return failed(
      'guest-located',
      `${name} is only seen as Off (NR) on ${where}: no runnable copy in the inventory${unread}`,
      unread === ''
        ? `the runnable copy is on a VSP outside the fleet config: check hpvmstatus on the other hosts`
        : `retry when every VSP answers`,
    );
  }
  const read = snapshot.vsps.map((vsp) => vsp.name).join(', ');
  const suggestions = similarGuestNames(name, snapshot);
  const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(' or ')}?` : undefined;
  return failed(
    'guest-located',
    `${name} is on none of the VSPs read (${read === '' ? 'none' : read})${unread}`,
    hint ?? (unread === '' ? 'check the guest name with /migrate list' : 'retry when every VSP answers'),
  );
}

function unreadNote(snapshot: FleetSnapshot): string {
  if (snapshot.failures.length === 0) return '';
  const vsps = snapshot.failures.map((failure) => `${failure.vsp} (${failure.code})`).join(', ');
  return `; could not be read: ${vsps}`;
}

/** Did-you-mean over every guest name in the snapshot; nearest first, then alphabetical. */
export function similarGuestNames(name: string, snapshot: FleetSnapshot): string[] {
  const names = [...new Set(snapshot.vsps.flatMap((vsp) => vsp.guests.map((guest) => guest.name)))];
  const scored = names
    .map((candidate) => ({ candidate, distance: distance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter((entry) => entry.distance <= maxSuggestionDistance(name) && entry.candidate !== name)
    .sort((a, b) => a.distance - b.distance || compareText(a.candidate, b.candidate));
  return scored.slice(0, 3).map((entry) => entry.candidate);
}
