import { processorsCompatible } from '../rules/check-processor.ts';
import { ONLINE_VERSION_PATHS } from '../rules/version-paths.ts';
import type { BalanceHost } from './balance-types.ts';

/**
 * Whether a guest running on `source` may move online to `target`, as far as the two hosts decide it
 * (docs/architecture.md, "Domain rules"): compatible processors (the domain rule) and an allowed HPVM version path. The
 * same version is always allowed, also one the table does not know; maintenance is the caller's concern.
 */
export function onlineDestination(source: BalanceHost, target: BalanceHost): boolean {
  const compatible = processorsCompatible(
    { vsp: source.name, family: source.cpuFamily, model: source.cpuModel },
    { vsp: target.name, family: target.cpuFamily, model: target.cpuModel },
  );
  if (!compatible) return false;
  if (source.hpvmVersion === target.hpvmVersion) return true;
  return ONLINE_VERSION_PATHS[source.hpvmVersion]?.includes(target.hpvmVersion) ?? false;
}
