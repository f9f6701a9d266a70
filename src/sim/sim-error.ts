/** Coded errors of the simulator: a code to branch on plus the context that explains it (docs/conventions.md #5). */
export type SimErrorCode =
  | 'unknown_vsp'
  | 'unknown_guest'
  | 'guest_locked'
  | 'host_busy'
  | 'unknown_migration'
  | 'invalid_state_dir'
  | 'bridge_protocol'
  | 'unknown_vg'
  | 'lvol_exists'
  | 'vg_full';

export class SimError extends Error {
  override readonly name = 'SimError';

  constructor(
    readonly code: SimErrorCode,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
