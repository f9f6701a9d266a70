/**
 * The simulator's HPVM executables behind another SSH server (OpenSSH's sshd): that server does not know
 * the simulator's environment, so each VSP gets small `sh` wrappers that export its HPVM_SIM_* variables
 * (from `fleet.environment(vsp)`) and exec the real client. Point the VSP's hpvmBinDir/machinfoPath here.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteShellArg } from '../../src/domain/commands/quote-shell-arg.ts';
import { commandPath } from '../../src/sim/bridge-client.ts';
import { HPVM_COMMAND_NAMES } from '../../src/sim/fleet-file.ts';
import type { RunningFleet } from '../../src/sim/start-fleet.ts';

export interface WrapperPaths {
  readonly hpvmBinDir: string;
  readonly machinfoPath: string;
}

export async function installSimCommandWrappers(fleet: RunningFleet, vsp: string, root: string): Promise<WrapperPaths> {
  const vspRoot = join(root, vsp);
  const environment = fleet.environment(vsp);
  const exports = Object.entries(environment)
    .filter(([name, value]) => name.startsWith('HPVM_SIM_') && value !== undefined)
    .map(([name, value]) => `${name}=${quoteShellArg(value!)}; export ${name}`);
  for (const command of HPVM_COMMAND_NAMES) {
    // Same layout as the simulator's own (and HP-UX's): /opt/hpvm/bin and /usr/contrib/bin/machinfo.
    const path = commandPath(vspRoot, command);
    await mkdir(join(path, '..'), { recursive: true });
    const script = [
      '#!/bin/sh',
      `# ${command} of simulated VSP ${vsp} (hpvm-chatops test/support/sim-command-wrappers.ts)`,
      ...exports,
      `exec ${quoteShellArg(commandPath(fleet.stateDir, command))} "$@"`,
      '',
    ].join('\n');
    // 0700: the wrapper holds the bridge token.
    await writeFile(path, script, { mode: 0o700 });
    await chmod(path, 0o700);
  }
  return { hpvmBinDir: join(vspRoot, 'opt', 'hpvm', 'bin'), machinfoPath: commandPath(vspRoot, 'machinfo') };
}
