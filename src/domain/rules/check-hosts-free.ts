import { failed, passed, type CheckResult } from './check-result.ts';
import { useOfflineFix, type OfflineRoute } from './offline-fix.ts';

/**
 * HP: one online migration per host at a time, as source or target (DOC IVM425-RN91 §9.2.8).
 * `onlineHosts` are the VSPs with an online migration of another request in flight; moves within
 * one plan are kept apart by its rounds instead.
 */
export function checkHostsFree(source: string, offline: OfflineRoute, onlineHosts: ReadonlySet<string>): CheckResult {
  const target = offline.target;
  const busy = [source, target].filter((vsp) => onlineHosts.has(vsp));
  if (busy.length === 0) return passed('hosts-free', `no online migration in flight on ${source} or ${target}`);
  return failed(
    'hosts-free',
    `${busy.join(' and ')} already ${busy.length === 1 ? 'takes' : 'take'} part in an online migration (one per host at a time)`,
    `retry when it has finished, or ${useOfflineFix(offline)}`,
  );
}
