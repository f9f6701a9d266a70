/**
 * A plan is data (docs/conventions.md #1): the preview renders it, its canonical JSON is hashed and stored, and the
 * runner executes exactly its command lines. Plain JSON values only: no Maps, no functions, no Dates.
 */
import type { TemplateTable } from '../commands/command-templates.ts';
import type { MoveCommands, MoveOptions } from '../commands/render-move-commands.ts';
import type { BackingKind, FleetSnapshot, GuestKind, GuestOs, GuestState } from '../inventory.ts';
import type { EvacuateRequest, MigrateRequest, MigrationMode, ReturnRequest } from '../request.ts';
import type { CheckResult } from '../rules/check-result.ts';
import type { StorageCopy } from '../rules/check-storage-copy.ts';
import type { PlanSettings, VspSettings } from '../vsp-settings.ts';
import type { PhaseEstimate } from './estimate-move-seconds.ts';

export interface BusyState {
  /** Guests in other pending or running requests → that request's id. */
  readonly guests: ReadonlyMap<string, string>;
  /** VSPs with an online migration of another request in flight. */
  readonly onlineHosts: ReadonlySet<string>;
  /** VSPs of a move whose outcome is unknown (needs attention) → that request's id: no move in or out. */
  readonly attentionHosts: ReadonlyMap<string, string>;
}

export interface PlanInput {
  readonly snapshot: FleetSnapshot;
  readonly vsps: readonly VspSettings[];
  readonly settings: PlanSettings;
  /** Built-ins merged with the operator's overrides (validateTemplateOverrides). */
  readonly templates: TemplateTable;
  readonly busy: BusyState;
}

/** `/migrate return` does not name guests; the app supplies the ones evacuated earlier. */
export interface ReturnPlanRequest extends ReturnRequest {
  readonly guests: readonly string[];
}

/** One move a balancing suggestion proposes, with the balancer's reason for it. */
export interface BalanceMoveIntent {
  readonly vm: string;
  readonly from: string;
  readonly to: string;
  /** The balancer's round (1-based): a later round may need memory an earlier one frees. */
  readonly round: number;
  readonly reason: string;
}

export interface LoadStats {
  readonly cpuStdDev: number;
  readonly maxCpuLoad: number;
}

/**
 * A balancing suggestion, or the part of it someone selected: the balancer chose the moves, the rules
 * check each one like any other move. The loads are the balancer's figures, shown in the suggestion and
 * compared later to tell whether the load changed since a dismissal.
 */
export interface BalancePlanRequest {
  readonly kind: 'balance';
  readonly moves: readonly BalanceMoveIntent[];
  readonly loadsBefore: Readonly<Record<string, number>>;
  readonly loadsAfter: Readonly<Record<string, number>>;
  readonly before: LoadStats;
  readonly after: LoadStats;
}

export type PlanRequest = MigrateRequest | EvacuateRequest | ReturnPlanRequest | BalancePlanRequest;

/** The guest as the inventory showed it when the plan was made. */
export interface GuestFacts {
  readonly name: string;
  readonly state: GuestState;
  readonly stateText: string;
  readonly os: GuestOs;
  readonly kind: GuestKind;
  readonly vcpus: number;
  readonly memoryMb: number;
  /** Absent when the devices were not collected. */
  readonly storage?: readonly { readonly device: string; readonly backing: BackingKind }[];
  /** vswitch names; absent when the devices were not collected. */
  readonly networks?: readonly string[];
}

export interface PlannedMove {
  readonly guest: GuestFacts;
  readonly source: string;
  readonly target: string;
  readonly mode: MigrationMode;
  /** The flags actually generated (e.g. no -d for a guest that is already off). */
  readonly options: MoveOptions;
  /** Offline move of a running guest: it stops on the source. */
  readonly downtime: boolean;
  /** Every rule that applied, all passed. */
  readonly checks: readonly CheckResult[];
  readonly commands: MoveCommands;
  readonly estimatedSeconds: number;
  /** The estimate by phase, for progress over the whole move; absent in plans made before it existed. */
  readonly estimatedPhases?: readonly PhaseEstimate[];
  /** Offline move of lvol-backed disks: each store, where it goes, its size, the room and the copy time. */
  readonly storageCopies?: readonly StorageCopy[];
}

export interface BlockedGuest {
  readonly guest: string;
  /** Absent when the guest was not located. */
  readonly facts?: GuestFacts;
  readonly source?: string;
  /** The target tried (evacuation: the closest candidate); absent when there was none. */
  readonly target?: string;
  readonly mode?: MigrationMode;
  /** The checks made, at least one failed. */
  readonly checks: readonly CheckResult[];
}

export interface Plan {
  readonly request: PlanRequest;
  /** The inventory the plan was made from; a newer one supersedes the preview. */
  readonly inventoryCollectedAt: string;
  /** Request-level checks (e.g. the VSP to evacuate could not be read). */
  readonly checks: readonly CheckResult[];
  readonly moves: readonly PlannedMove[];
  readonly blocked: readonly BlockedGuest[];
  /** Indexes into `moves`, in execution order. */
  readonly rounds: readonly (readonly number[])[];
  /** Sum over rounds of the longest move in each. */
  readonly estimatedSeconds: number;
  /** Every requested guest has a move and every check passed. */
  readonly ok: boolean;
}
