import { failed, passed, type CheckResult } from './check-result.ts';

/**
 * A VSP with a move whose outcome is unknown (needs attention) takes part in no new move, online or
 * offline, until that move is settled: where its guest is, and what state the host is in, is not known.
 * `attentionHosts` maps each such VSP to the request holding it.
 */
export function checkHostsSettled(
  source: string,
  target: string,
  attentionHosts: ReadonlyMap<string, string>,
): CheckResult {
  const held = [source, target].filter((vsp) => attentionHosts.has(vsp));
  if (held.length === 0) return passed('hosts-settled', `no move of unknown outcome on ${source} or ${target}`);
  const requestId = attentionHosts.get(held[0] ?? '') ?? '?';
  return failed(
    'hosts-settled',
    `${held.join(' and ')} ${held.length === 1 ? 'has' : 'have'} a move of unknown outcome in ${requestId}`,
    `settle it first (the bot keeps checking; an approver can run /migrate resolve ${requestId})`,
  );
}
