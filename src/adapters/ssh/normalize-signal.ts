/**
 * One spelling for signals: Node's (`SIGTERM`, as in `NodeJS.Signals` and child_process). The SSH wire
 * carries `TERM`; ssh2 prefixes `SIG`, so a server that wrongly sends `SIGTERM` would surface as
 * `SIGSIGTERM`. Every prefix is stripped and exactly one is put back.
 */
export function normalizeSignal(signal: string): string {
  return `SIG${signal.toUpperCase().replace(/^(SIG)+/, '')}`;
}
