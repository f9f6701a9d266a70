/**
 * The stored plan's shape, checked on every read (docs/architecture.md, "Sealed plans"): a plan that was
 * edited into something else, or written by another release, fails here instead of half-running. Strict
 * objects: an unknown key is a change nobody approved. Names are held to the same allow-list as the
 * grammar, so nothing read back can smuggle text into a command line.
 */
import { z } from 'zod';
import { NAME_PATTERN } from '../names.ts';
import { RULE_IDS } from '../rules/check-result.ts';
import { isAllowedStoragePath } from '../storage-path.ts';
import type { Plan } from './plan-types.ts';

const Name = z.string().regex(NAME_PATTERN);
/** Store paths are held to the same rule as when they were planned: nothing read back reaches a shell unchecked. */
const StoragePath = z.string().refine(isAllowedStoragePath);
const Mode = z.enum(['online', 'offline']);
const Count = z.number().int().nonnegative();
/** Plan arrays are readonly: so is what the schema gives back. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const CommandLine = z.strictObject({
  host: Name,
  argv: z.array(z.string()).min(1).readonly(),
  line: z.string().min(1),
});

const Check = z.strictObject({
  rule: z.enum(RULE_IDS),
  ok: z.boolean(),
  detail: z.string(),
  fix: z.string().optional(),
  unknown: z.literal(true).optional(),
});

const GuestFacts = z.strictObject({
  name: Name,
  state: z.enum(['On', 'Off', 'NotRunnable', 'Other']),
  stateText: z.string(),
  os: z.enum(['HPUX', 'LINUX', 'WINDOWS', 'OVMS', 'UNKNOWN']),
  kind: z.enum(['vm', 'vpar']),
  vcpus: Count,
  memoryMb: z.number().nonnegative(),
  storage: list(
    z.strictObject({ device: z.string(), backing: z.enum(['disk', 'lv', 'file', 'null', 'npiv', 'other']) }),
  ).optional(),
  networks: list(z.string()).optional(),
});

const MoveOptions = z.strictObject({ stop: z.boolean(), start: z.boolean(), deleteSource: z.boolean() });

const PlannedMove = z.strictObject({
  guest: GuestFacts,
  source: Name,
  target: Name,
  mode: Mode,
  options: MoveOptions,
  downtime: z.boolean(),
  checks: list(Check),
  commands: z.strictObject({
    precheck: CommandLine.optional(),
    migrate: CommandLine,
    verifySource: CommandLine,
    verifyTarget: CommandLine,
  }),
  estimatedSeconds: z.number().nonnegative(),
  estimatedPhases: list(
    z.strictObject({ name: z.string().min(1).max(40), seconds: z.number().nonnegative() }),
  ).optional(),
  storageCopies: list(
    z.strictObject({
      backing: z.literal('lv'),
      device: z.string().regex(/^[a-z]+$/),
      adaptor: z.string().regex(/^[a-z_]+$/),
      address: z.string().regex(/^[0-9]+(?:,[0-9]+){0,2}$/),
      source: StoragePath,
      target: StoragePath,
      sizeMb: z.number().nonnegative(),
      room: z.strictObject({ on: StoragePath, freeMb: z.number() }),
      copySeconds: z.number().nonnegative(),
      method: z.enum(['hpvmmigrate', 'present']),
    }),
  ).optional(),
});

const BlockedGuest = z.strictObject({
  guest: Name,
  facts: GuestFacts.optional(),
  source: Name.optional(),
  target: Name.optional(),
  mode: Mode.optional(),
  checks: list(Check),
});

const LoadStats = z.strictObject({ cpuStdDev: z.number(), maxCpuLoad: z.number() });

const PlanRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('migrate'),
    guests: list(Name),
    from: Name.optional(),
    to: Name,
    mode: Mode.optional(),
    stop: z.boolean(),
    start: z.boolean(),
    deleteSource: z.boolean(),
    checkOnly: z.boolean(),
    reason: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('evacuate'), vsp: Name, targets: list(Name) }),
  z.strictObject({ kind: z.literal('return'), vsp: Name, guests: list(Name) }),
  z.strictObject({
    kind: z.literal('balance'),
    moves: list(
      z.strictObject({ vm: Name, from: Name, to: Name, round: z.number().int().positive(), reason: z.string() }),
    ),
    loadsBefore: z.record(z.string(), z.number()),
    loadsAfter: z.record(z.string(), z.number()),
    before: LoadStats,
    after: LoadStats,
  }),
]);

export const PlanSchema = z.strictObject({
  request: PlanRequest,
  inventoryCollectedAt: z.string(),
  checks: list(Check),
  moves: list(PlannedMove),
  blocked: list(BlockedGuest),
  rounds: list(list(Count)),
  estimatedSeconds: z.number().nonnegative(),
  ok: z.boolean(),
});

export type PlanProblem = { readonly ok: false; readonly problem: string };

/** The stored plan JSON as a Plan, or what is wrong with it (never a partial plan). */
export function readPlanJson(json: string): { readonly ok: true; readonly plan: Plan } | PlanProblem {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'the stored plan is not JSON' };
  }
  const parsed = PlanSchema.safeParse(value);
  if (!parsed.success)
    return { ok: false, problem: `the stored plan does not parse: ${z.prettifyError(parsed.error)}` };
  const plan = parsed.data as Plan;
  const indexes = plan.rounds.flat();
  const valid = indexes.every((index) => index < plan.moves.length) && new Set(indexes).size === indexes.length;
  if (!valid) return { ok: false, problem: 'the stored plan has rounds naming moves it does not have' };
  return { ok: true, plan };
}

// The schema must describe exactly the Plan type: each direction fails to compile when they drift apart.
type Parsed = z.infer<typeof PlanSchema>;
type Holds<T extends true> = T;
export type _SchemaCoversPlan = [Holds<Plan extends Parsed ? true : false>, Holds<Parsed extends Plan ? true : false>];
