/**
 * A migration the simulated fleet is running. Its own file because both the fleet model (which owns the
 * migrations, and uses them as the locks) and the fleet snapshot (which shows them) need it.
 */
import type { OnlinePhase } from './fleet-file.ts';

export type MigrationMode = 'online' | 'offline';

export interface MigrationInFlight {
  readonly id: number;
  readonly guest: string;
  readonly source: string;
  readonly target: string;
  readonly mode: MigrationMode;
  /** Online phase, or `Offline` for the single step of an offline move. */
  readonly phase: OnlinePhase | 'Offline';
  readonly percent: number;
  /** Timer clock (ms) at start. */
  readonly startedAt: number;
}
