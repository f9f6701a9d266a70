/**
 * The planning use-case shared by `hpvm-chatops plan` and the Slack flow: read the inventory the
 * request needs, check the rules, and — unless told not to — run HP's own read-only feasibility check
 * (`hpvmmigrate -s`) on each source, folding its verdict into the plan.
 */
import type { TemplateTable } from '../domain/commands/command-templates.ts';
import type { FleetSnapshot } from '../domain/inventory.ts';
import { applyPrechecks, type PrecheckOutcome } from '../domain/plan/apply-prechecks.ts';
import { planEvacuation } from '../domain/plan/plan-evacuation.ts';
import { planMigration, planReturn } from '../domain/plan/plan-migration.ts';
import { planBalanceMoves } from '../domain/plan/plan-balance-moves.ts';
import type { BalancePlanRequest, BusyState, Plan, PlannedMove } from '../domain/plan/plan-types.ts';
import type { EvacuateRequest, MigrateRequest } from '../domain/request.ts';
import type { PlanSettings, VspSettings } from '../domain/vsp-settings.ts';
import type { Clock, RemoteShell } from '../ports.ts';
import { collectInventory } from './collect-inventory.ts';
import { inventoryTarget } from './inventory-targets.ts';

export interface PlanningDeps {
  readonly shell: RemoteShell;
  readonly vsps: readonly VspSettings[];
  readonly templates: TemplateTable;
  readonly settings: PlanSettings;
  readonly clock: Clock;
  readonly commandTimeoutMs?: number;
}

export type PlannableRequest =
  | MigrateRequest
  | EvacuateRequest
  | { readonly kind: 'return'; readonly vsp: string; readonly guests: readonly string[] }
  | BalancePlanRequest;

export interface PlanningResult {
  readonly plan: Plan;
  readonly snapshot: FleetSnapshot;
}

const NOT_BUSY: BusyState = { guests: new Map(), onlineHosts: new Set(), attentionHosts: new Map() };

export interface PlanRequestOptions {
  readonly precheck: boolean;
  readonly busy?: BusyState;
  /** An inventory just read (the balancer's): planning reuses it instead of reading the fleet again. */
  readonly snapshot?: FleetSnapshot;
}

export async function planRequest(
  request: PlannableRequest,
  deps: PlanningDeps,
  options: PlanRequestOptions = { precheck: true },
): Promise<PlanningResult> {
  const snapshot =
    options.snapshot ??
    (await collectInventory(
      deps.shell,
      deps.vsps.map((vsp) => inventoryTarget(vsp, deps.templates)),
      deps.clock,
      {
        wantDevices: devicesWanted(request),
        ...(deps.commandTimeoutMs ? { commandTimeoutMs: deps.commandTimeoutMs } : {}),
      },
    ));
  const input = {
    snapshot,
    vsps: deps.vsps,
    settings: deps.settings,
    templates: deps.templates,
    busy: options.busy ?? NOT_BUSY,
  };
  const plan = planFor(request, input);
  if (!options.precheck || plan.moves.length === 0) return { plan, snapshot };
  const outcomes = await Promise.all(plan.moves.map((move) => runPrecheck(deps, move)));
  const checked = outcomes.filter((outcome): outcome is PrecheckOutcome => outcome !== undefined);
  return { plan: applyPrechecks(plan, checked, deps.settings.maxParallelMigrations), snapshot };
}

function planFor(request: PlannableRequest, input: Parameters<typeof planMigration>[1]): Plan {
  switch (request.kind) {
    case 'migrate':
      return planMigration(request, input);
    case 'evacuate':
      return planEvacuation(request, input);
    case 'return':
      return planReturn(request.vsp, request.guests, input);
    case 'balance':
      return planBalanceMoves(request, input);
  }
}

/** Device details are one command per guest: read them only for the guests the request can move. */
function devicesWanted(request: PlannableRequest): (vsp: string, guest: string) => boolean {
  switch (request.kind) {
    case 'migrate':
    case 'return': {
      const guests = new Set(request.guests);
      return (_vsp, guest) => guests.has(guest);
    }
    case 'evacuate':
      return (vsp) => vsp === request.vsp;
    case 'balance': {
      const guests = new Set(request.moves.map((move) => move.vm));
      return (_vsp, guest) => guests.has(guest);
    }
  }
}

async function runPrecheck(deps: PlanningDeps, move: PlannedMove): Promise<PrecheckOutcome | undefined> {
  const precheck = move.commands.precheck;
  if (!precheck) return undefined;
  try {
    const result = await deps.shell.exec(precheck.host, precheck.line, {
      ...(deps.commandTimeoutMs ? { timeoutMs: deps.commandTimeoutMs } : {}),
    });
    return { guest: move.guest.name, exitCode: result.exitCode, output: `${result.stdout}${result.stderr}` };
  } catch (error) {
    return { guest: move.guest.name, exitCode: null, output: error instanceof Error ? error.message : String(error) };
  }
}
