import type { FleetModel } from '../fleet-model.ts';

/** What an emulated HPVM command may touch: its two output streams and a signal for a vanished caller. */
export interface CommandIo {
  /** One stdout line, without the newline. */
  out(line: string): void;
  /** One stderr line, without the newline. */
  err(line: string): void;
  /** Fires when the caller goes away (the client process was killed or hung up). */
  readonly signal: AbortSignal;
}

/** An emulated command acting on the model as the VSP `vsp`; resolves to the exit status. */
export type CommandHandler = (
  model: FleetModel,
  vsp: string,
  argv: readonly string[],
  io: CommandIo,
) => Promise<number>;
