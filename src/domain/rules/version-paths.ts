/**
 * Which HPVM versions a guest may move between, as data (docs/architecture.md, "Domain rules": the table is data, not
 * code). Sources: docs/hpvm-reference.md, "Version paths" (DOC V61-RN34, IVM43-P178, V61-AG-P198).
 */
import type { GuestKind } from '../inventory.ts';

/**
 * Online, source version → allowed target versions (forward or same). Online "fallback" to an older
 * host (allowed by HP only for a guest first booted there and not rebooted since) is not modelled: the
 * bot cannot know a guest's boot history, so it never plans a backward online move.
 */
export const ONLINE_VERSION_PATHS: Readonly<Record<string, readonly string[]>> = {
  '4.1': ['4.1', '4.2'], // DOC
  '4.2': ['4.2', '4.2.5', '4.3'], // DOC
  '4.2.5': ['4.2.5', '4.3'], // DOC
  '4.3': ['4.3', '6.1'], // DOC
  // INF: within 6.x, same or newer. HP documents 6.1 as the first 6.x with OVMM and gives a 6.1.5 →
  // 6.3 → 6.2 → 6.1.5 fallback example (V63-RN39), but no forward table.
  '6.1': ['6.1', '6.1.5', '6.2', '6.3'],
  '6.1.5': ['6.1.5', '6.2', '6.3'],
  '6.2': ['6.2', '6.3'],
  '6.3': ['6.3'],
};

export interface OfflineVersionGroup {
  readonly label: string;
  readonly versions: readonly string[];
  readonly kinds: readonly GuestKind[];
}

/** Offline moves, forward and backward, within one group (DOC V61-AG-P198, V61-RN34). */
export const OFFLINE_VERSION_GROUPS: readonly OfflineVersionGroup[] = [
  { label: 'HPVM 3.5', versions: ['3.5'], kinds: ['vm'] },
  { label: 'HPVM 4.0', versions: ['4.0'], kinds: ['vm'] },
  {
    label: 'HPVM 4.1 and later',
    versions: ['4.1', '4.2', '4.2.5', '4.3', '6.1', '6.1.5', '6.2', '6.3'],
    kinds: ['vm'],
  },
  { label: 'vPars 6.0 and 6.1', versions: ['6.0', '6.1'], kinds: ['vpar'] },
  // INF: vPars exist on 6.x VSPs only; a vPar moves offline between 6.1+ hosts like a VM between 4.1+ hosts.
  { label: 'vPars 6.1 and later', versions: ['6.1', '6.1.5', '6.2', '6.3'], kinds: ['vpar'] },
];

export const KNOWN_VERSIONS: readonly string[] = [
  ...new Set([...Object.keys(ONLINE_VERSION_PATHS), ...OFFLINE_VERSION_GROUPS.flatMap((group) => group.versions)]),
];

/**
 * Versions that migrate a guest with NPIV HBAs, online and offline: "Starting with the version 4.3, January
 * 2012 patch release" (HP Integrity VM 4.3 N-Port ID Virtualization – A brief overview, p. 15). Both hosts
 * must run one of them. The 6.x entries are INF: the 6.x guides carry NPIV on, but we found no 6.x text
 * that repeats the migration statement. The patch level is not something the bot can read, so the
 * refusal text names it.
 */
export const NPIV_MIGRATION_VERSIONS: readonly string[] = ['4.3', '6.1', '6.1.5', '6.2', '6.3'];
