/**
 * What one hpvmmigrate run asks for, and the shapes of its check failures: shared by the checks, the storage
 * options and the run, kept apart so none of them imports another for its types.
 */
import type { SimStorage } from '../guest-config.ts';
import type { SimGuest, SimHost } from '../sim-host.ts';

/** One device of the guest with where it lands on the target and whether -C copies it. */
export interface StorageMove {
  readonly device: SimStorage;
  readonly targetPath: string;
  readonly copy: boolean;
}

export interface MigrateRequest {
  readonly guest: SimGuest;
  readonly source: SimHost;
  readonly target: SimHost;
  readonly online: boolean;
  /** `-d`: stop a running guest first (offline). */
  readonly stopFirst: boolean;
  /** `-b`: start the guest on the target (offline). */
  readonly bootAfter: boolean;
  /** Every storage device with where it lands and whether `-m … -C` copies it (migrate-storage.ts). */
  readonly storage?: readonly StorageMove[];
}

export interface CheckFailure {
  /** Text after `hpvmmigrate: `; the first line is the reason, the rest its explanation. */
  readonly lines: readonly string[];
  /** A resource check that `-F` turns into a warning (HP: "-F suppresses these errors"). */
  readonly forceable: boolean;
}

export const COMMAND_LOG_LINE = 'See HPVM command log file on target VM Host for more detail.';
export const SSH_ERROR = 'SSH execution error. Make sure ssh is setup right on both source and target systems.';
