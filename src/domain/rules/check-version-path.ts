import type { GuestKind } from '../inventory.ts';
import type { MigrationMode } from '../request.ts';
import { failed, passed, type CheckResult } from './check-result.ts';
import { offlineBlockedText, useOfflineFix, type OfflineRoute } from './offline-fix.ts';
import { KNOWN_VERSIONS, OFFLINE_VERSION_GROUPS, ONLINE_VERSION_PATHS } from './version-paths.ts';

export interface VersionSide {
  readonly vsp: string;
  readonly version: string;
}

export interface VersionPathInput {
  readonly kind: GuestKind;
  readonly mode: MigrationMode;
  /** The offline alternative an online refusal points at. */
  readonly offline: OfflineRoute;
  readonly source: VersionSide;
  readonly target: VersionSide;
}

/** An unknown version is refused in both modes: the bot does not guess what a host can do. */
export function checkVersionPath(input: VersionPathInput): CheckResult {
  const { source, target, mode } = input;
  const unknown = [source, target].filter((side) => !KNOWN_VERSIONS.includes(side.version));
  if (unknown.length > 0) {
    const which = unknown.map((side) => `${side.version} (${side.vsp})`).join(', ');
    return failed(
      'version-path',
      `HPVM version ${which} is not in the version table (${KNOWN_VERSIONS.join(', ')})`,
      'check hpvmVersion in the fleet config',
    );
  }
  const path = `HPVM ${source.version} (${source.vsp}) → ${target.version} (${target.vsp})`;
  return mode === 'online' ? checkOnline(input, path) : checkOffline(input, path);
}

function checkOnline(input: VersionPathInput, path: string): CheckResult {
  const { source, target } = input;
  const allowed = ONLINE_VERSION_PATHS[source.version];
  // An online refusal suggests offline only when the offline path between these versions exists.
  const offline = checkOffline(input, path);
  const fix = offline.ok
    ? useOfflineFix(input.offline)
    : input.offline.blockers.length > 0
      ? offlineBlockedText(input.offline)
      : `offline is no way out either (${offline.detail}): ${offline.fix ?? 'choose another target'}`;
  if (allowed === undefined)
    return failed('version-path', `HPVM ${source.version} (${source.vsp}) has no online migration`, fix);
  if (allowed.includes(target.version)) return passed('version-path', `online ${path} is a supported path`);
  return failed('version-path', `online ${path} is not supported (from ${source.version}: ${allowed.join(', ')})`, fix);
}

function checkOffline(input: VersionPathInput, path: string): CheckResult {
  const { source, target, kind } = input;
  const group = OFFLINE_VERSION_GROUPS.find(
    (entry) =>
      entry.kinds.includes(kind) && entry.versions.includes(source.version) && entry.versions.includes(target.version),
  );
  if (group !== undefined) return passed('version-path', `offline ${path}: both in ${group.label}`);
  const reachable = [
    ...new Set(
      OFFLINE_VERSION_GROUPS.filter(
        (entry) => entry.kinds.includes(kind) && entry.versions.includes(source.version),
      ).flatMap((entry) => entry.versions),
    ),
  ];
  return failed(
    'version-path',
    `offline ${path} is not supported for a ${kind === 'vpar' ? 'vPar' : 'VM'}`,
    reachable.length > 0
      ? `choose a target running HPVM ${reachable.join(', ')}`
      : 'no offline path exists from this host',
  );
}
