/** The config file the bot needs to reach a running simulated fleet (validated by src/config.ts parseConfig). */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { commandPath, hpvmBinDir } from './bridge-client.ts';
import type { SimHost } from './sim-host.ts';

export interface ConfigVsp {
  readonly host: SimHost;
  readonly port: number;
  readonly fingerprint: string;
}

export interface BotConfigInput {
  readonly stateDir: string;
  readonly clientKeyFile: string;
  readonly linkMbPerSecond: number;
  readonly vsps: readonly ConfigVsp[];
}

export function renderBotConfig(input: BotConfigInput): string {
  const fleet = input.vsps.map(({ host, port, fingerprint }) => ({
    name: host.name,
    address: '127.0.0.1',
    port,
    user: 'root',
    hostKeySha256: fingerprint,
    hpvmVersion: host.hpvmVersion,
    hpvmBinDir: hpvmBinDir(input.stateDir),
    machinfoPath: commandPath(input.stateDir, 'machinfo'),
    vgdisplayPath: commandPath(input.stateDir, 'vgdisplay'),
    bdfPath: commandPath(input.stateDir, 'bdf'),
    // 11.31 machinfo prints no family/model numbers; an operator would write them down, so the sim does.
    ...(host.machinfoFormat === '11.31' ? { cpuFamily: host.cpu.family, cpuModel: host.cpu.model } : {}),
    reservedMemoryMb: host.reservedMemoryMb,
  }));
  const config = {
    fleet,
    ssh: { keyFile: input.clientKeyFile },
    migration: {
      linkMbPerSecond: input.linkMbPerSecond,
      // Under the state directory, so a run leaves nothing in the machine's /var/tmp.
      remoteDir: join(input.stateDir, 'var', 'tmp', 'hpvm-chatops'),
    },
  };
  return `# Written by hpvm-chatops sim: the simulated fleet on 127.0.0.1.\n${stringify(config)}`;
}
