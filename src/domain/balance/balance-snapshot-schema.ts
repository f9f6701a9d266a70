/**
 * The snapshot as it crosses a boundary (the CLI's JSON file; a stored or posted snapshot): zod, so every
 * problem is reported at once as `path: message`. The planner itself takes the typed data.
 */
import { z } from 'zod';
import { NAME_PATTERN } from '../names.ts';
import type { BalanceSnapshot as BalanceSnapshotType } from './balance-types.ts';

const Name = z.string().regex(NAME_PATTERN, 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');

export const BalanceHost = z.object({
  name: Name,
  cpuCores: z.number().positive(),
  memoryMb: z.number().positive(),
  cpuFamily: z.number().int().nonnegative(),
  cpuModel: z.number().int().nonnegative(),
  hpvmVersion: z.string().min(1),
  maintenance: z.boolean().optional(),
});

export const BalanceVm = z.object({
  name: Name,
  host: Name,
  vcpus: z.number().int().positive(),
  memoryMb: z.number().nonnegative(),
  cpuDemand: z.number().nonnegative(),
  state: z.enum(['On', 'Off']),
  onlineEligible: z.boolean(),
  pinned: z.boolean().optional(),
  group: z.string().min(1).optional(),
});

export const BalanceSnapshot = z
  .object({ hosts: z.array(BalanceHost), vms: z.array(BalanceVm) })
  // `when`: check the names even if some field is invalid, so every problem is reported at once.
  .superRefine((snapshot, ctx) => crossCheck(snapshot, (issue) => ctx.addIssue(issue)), { when: () => true });

interface Named {
  readonly name?: unknown;
  readonly host?: unknown;
  readonly state?: unknown;
}

type AddIssue = (issue: { code: 'custom'; path: (string | number)[]; message: string }) => void;

/**
 * Host names unique, every guest on a listed host, a guest `On` on one host only (other copies are
 * stale). Runs on possibly invalid data, hence the defensive reads.
 */
function crossCheck(snapshot: unknown, addIssue: AddIssue): void {
  const { hosts, vms } = (snapshot ?? {}) as { hosts?: unknown; vms?: unknown };
  const hostList = (Array.isArray(hosts) ? hosts : []) as Named[];
  const vmList = (Array.isArray(vms) ? vms : []) as Named[];
  const known = new Map<string, number>();
  hostList.forEach((host, index) => {
    if (typeof host?.name !== 'string') return;
    const first = known.get(host.name);
    if (first === undefined) known.set(host.name, index);
    else
      addIssue({
        code: 'custom',
        path: ['hosts', index, 'name'],
        message: `duplicate host ${host.name} (also hosts.${first})`,
      });
  });
  const running = new Map<string, number>();
  const placed = new Map<string, number>();
  vmList.forEach((vm, index) => {
    if (typeof vm?.name !== 'string' || typeof vm.host !== 'string') return;
    if (Array.isArray(hosts) && !known.has(vm.host)) {
      addIssue({ code: 'custom', path: ['vms', index, 'host'], message: `unknown host ${vm.host}` });
    }
    const key = `${vm.name}@${vm.host}`;
    const same = placed.get(key);
    if (same === undefined) placed.set(key, index);
    else
      addIssue({
        code: 'custom',
        path: ['vms', index, 'name'],
        message: `${vm.name} is listed twice on ${vm.host} (also vms.${same})`,
      });
    if (vm.state !== 'On') return;
    const other = running.get(vm.name);
    if (other === undefined) running.set(vm.name, index);
    else
      addIssue({
        code: 'custom',
        path: ['vms', index, 'state'],
        message: `${vm.name} is On twice (also vms.${other})`,
      });
  });
}

export type ParsedBalanceSnapshot = { ok: true; snapshot: BalanceSnapshotType } | { ok: false; error: z.ZodError };

/** Parses untrusted data; the declared result type also pins the schema to the planner's input type. */
export function parseBalanceSnapshot(raw: unknown): ParsedBalanceSnapshot {
  const result = BalanceSnapshot.safeParse(raw);
  return result.success ? { ok: true, snapshot: result.data } : { ok: false, error: result.error };
}
