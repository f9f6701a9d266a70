/** Dispatch of one emulated command on one VSP, with the host's injected command failure applied first. */
import { HPVM_COMMAND_NAMES, type HpvmCommandName } from '../fleet-file.ts';
import type { FleetModel } from '../fleet-model.ts';
import type { CommandHandler, CommandIo } from './command-types.ts';
import { hpvmmigrate } from './hpvmmigrate.ts';
import { hpvmnet } from './hpvmnet.ts';
import { hpvmstart } from './hpvmstart.ts';
import { hpvmstatus } from './hpvmstatus.ts';
import { hpvmstop } from './hpvmstop.ts';
import { machinfo } from './machinfo.ts';
import { bdf } from './bdf.ts';
import { vgdisplay } from './vgdisplay.ts';

export const HPVM_COMMANDS: Readonly<Record<HpvmCommandName, CommandHandler>> = {
  hpvmstatus,
  hpvmnet,
  hpvmmigrate,
  hpvmstart,
  hpvmstop,
  machinfo,
  vgdisplay,
  bdf,
};

export function isHpvmCommand(name: string): name is HpvmCommandName {
  return (HPVM_COMMAND_NAMES as readonly string[]).includes(name);
}

export async function runHpvmCommand(
  model: FleetModel,
  vsp: string,
  command: string,
  argv: readonly string[],
  io: CommandIo,
): Promise<number> {
  if (!isHpvmCommand(command)) {
    io.err(`${command}: not emulated by the HPVM simulator`);
    return 127;
  }
  if (!model.hasHost(vsp)) {
    io.err(`${command}: the HPVM simulator has no VSP '${vsp}'`);
    return 1;
  }
  const failure = model.host(vsp).faults.commandFailure;
  if (failure?.command === command) {
    for (const line of failure.stderr.split('\n').filter((text, index, all) => text !== '' || index < all.length - 1)) {
      io.err(line);
    }
    return failure.exitCode;
  }
  return HPVM_COMMANDS[command](model, vsp, argv, io);
}
