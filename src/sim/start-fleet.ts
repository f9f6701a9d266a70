/**
 * Starts a simulated fleet: the fleet model, the command bridge behind the HPVM executables, and one
 * SSH server per VSP on 127.0.0.1 whose commands run with that VSP's environment (docs/architecture.md, "The
 * simulator").
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderBotConfig } from './bot-config.ts';
import { hpvmBinDir, installBridgeClient, type BridgeClientKind } from './bridge-client.ts';
import { CommandBridge } from './command-bridge.ts';
import { runHpvmCommand } from './commands/run-hpvm-command.ts';
import { HPVM_COMMAND_NAMES, type Fleet } from './fleet-file.ts';
import { FleetModel } from './fleet-model.ts';
import { loadOrCreateKeyPair } from './key-files.ts';
import { SimError } from './sim-error.ts';
import type { SimTimers } from './sim-timers.ts';
import { SimSshServer } from './ssh-server.ts';

export interface StartFleetOptions {
  readonly stateDir: string;
  /** Public keys allowed to log in besides the generated client key. */
  readonly authorizedKeys?: readonly string[];
  /** Overrides the fleet file's speedFactor. */
  readonly speedFactor?: number;
  readonly timers?: SimTimers;
  /** Which executable the HPVM commands are (default `auto`: native when `cc` exists). */
  readonly client?: BridgeClientKind;
}

export interface RunningVsp {
  readonly name: string;
  readonly port: number;
  readonly fingerprint: string;
}

export interface RunningFleet {
  readonly model: FleetModel;
  readonly vsps: readonly RunningVsp[];
  readonly stateDir: string;
  readonly bridgePort: number;
  /** The kind of executable the HPVM commands turned out to be. */
  readonly clientKind: 'native' | 'bash';
  /** Private key (0600) that every VSP accepts. */
  readonly clientKeyFile: string;
  /** The environment a VSP's commands run with (also for running the executables without SSH). */
  environment(vsp: string): NodeJS.ProcessEnv;
  /** A config file text the bot's parseConfig accepts. */
  configYaml(): string;
  /** Leaves nothing listening and no child processes. */
  close(): Promise<void>;
}

/** The config's path rule for hpvmBinDir and friends; a state dir outside it could not be written there. */
const CONFIG_PATH = /^\/[A-Za-z0-9._/-]*$/;

export async function startFleet(fleet: Fleet, options: StartFleetOptions): Promise<RunningFleet> {
  const stateDir = resolve(options.stateDir);
  if (!CONFIG_PATH.test(stateDir)) {
    throw new SimError('invalid_state_dir', `state directory ${stateDir} must consist of [A-Za-z0-9._/-]`, {
      stateDir,
    });
  }
  const keysDir = join(stateDir, 'keys');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const clientKind = await installBridgeClient(stateDir, HPVM_COMMAND_NAMES, options.client ?? 'auto');
  const clientKeyFile = join(keysDir, 'client_ed25519');
  const clientKey = await loadOrCreateKeyPair(clientKeyFile, 'hpvm-chatops sim client');
  const model = new FleetModel(fleet, {
    ...(options.speedFactor === undefined ? {} : { speedFactor: options.speedFactor }),
    ...(options.timers === undefined ? {} : { timers: options.timers }),
  });

  const token = randomBytes(16).toString('hex');
  const bridge = new CommandBridge(token, (command, vsp, argv, io) => runHpvmCommand(model, vsp, command, argv, io));
  // Unix socket paths are limited to 107 bytes; a deeper state dir serves TCP only (both clients speak it).
  const socketPath = join(stateDir, 'run', 'bridge.sock');
  const useSocket = Buffer.byteLength(socketPath) <= 100;
  if (useSocket) {
    await mkdir(join(stateDir, 'run'), { recursive: true });
    await rm(socketPath, { force: true });
  }
  const bridgePort = await bridge.listen(useSocket ? socketPath : undefined);
  const path = [hpvmBinDir(stateDir), join(stateDir, 'usr', 'contrib', 'bin'), '/usr/bin', '/bin'].join(':');
  const environment = (vsp: string): NodeJS.ProcessEnv => ({
    PATH: path,
    HOME: join(stateDir, 'hosts', vsp),
    LOGNAME: 'root',
    USER: 'root',
    SHELL: '/bin/sh',
    HPVM_SIM_VSP: vsp,
    HPVM_SIM_PORT: String(bridgePort),
    HPVM_SIM_TOKEN: token,
    ...(useSocket ? { HPVM_SIM_SOCKET: socketPath } : {}),
  });

  const servers = new Map<string, { server: SimSshServer; refusing: Promise<boolean> }>();
  const vsps: RunningVsp[] = [];
  try {
    for (const vsp of fleet.vsps) {
      const home = join(stateDir, 'hosts', vsp.name);
      await mkdir(home, { recursive: true });
      const hostKey = await loadOrCreateKeyPair(join(keysDir, `${vsp.name}_host_ed25519_key`), `${vsp.name} host key`);
      const server = new SimSshServer({
        hostKey: hostKey.privateKey,
        authorizedKeys: [clientKey.publicKey, ...(options.authorizedKeys ?? [])],
        cwd: home,
        env: environment(vsp.name),
      });
      const port = await server.listen();
      servers.set(vsp.name, { server, refusing: Promise.resolve(false) });
      vsps.push({ name: vsp.name, port, fingerprint: hostKey.fingerprint });
      if (vsp.faults.sshRefused === true) setRefusing(vsp.name, true);
    }
  } catch (error) {
    await Promise.allSettled([...servers.values()].map(({ server }) => server.close()));
    await bridge.close();
    throw error;
  }

  /** Fault changes arrive synchronously; the servers switch one after another, in order. */
  function setRefusing(vsp: string, refusing: boolean): void {
    const entry = servers.get(vsp);
    if (!entry) return;
    entry.refusing = entry.refusing.then(async (current) => {
      if (current !== refusing) await entry.server.setRefusing(refusing);
      return refusing;
    });
  }
  const unsubscribe = model.subscribe((event) => {
    if (event.type === 'faults') setRefusing(event.vsp, event.faults.sshRefused === true);
  });

  return {
    model,
    vsps,
    stateDir,
    bridgePort,
    clientKind,
    clientKeyFile,
    environment,
    configYaml: () =>
      renderBotConfig({
        stateDir,
        clientKeyFile,
        linkMbPerSecond: fleet.linkMbPerSecond,
        vsps: vsps.map((vsp) => ({ ...vsp, host: model.host(vsp.name) })),
      }),
    async close() {
      unsubscribe();
      await Promise.allSettled([...servers.values()].map((entry) => entry.refusing));
      await Promise.all([...servers.values()].map(({ server }) => server.close()));
      await bridge.close();
    },
  };
}
