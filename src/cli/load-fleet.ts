/**
 * What every fleet-facing command needs from the config file and the environment: the validated config,
 * the command templates, and an SSH shell to the VSPs. Problems come back as one list, never thrown.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { SshRemoteShell } from '../adapters/ssh/ssh-remote-shell.ts';
import { loadConfigFile, type AppConfig } from '../config.ts';
import type { TemplateTable } from '../domain/commands/command-templates.ts';

export interface LoadedFleet {
  readonly config: AppConfig;
  readonly templates: TemplateTable;
  readonly shell: SshRemoteShell;
}

export type LoadFleetResult = { ok: true; fleet: LoadedFleet } | { ok: false; problems: string[] };

/** SSH_KEY_FILE from the environment wins over `ssh.keyFile` in the config. */
export async function loadFleet(configPath: string, env: NodeJS.ProcessEnv, logger?: Logger): Promise<LoadFleetResult> {
  const loaded = await loadConfigFile(configPath);
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const keyFile = env.SSH_KEY_FILE ?? loaded.config.ssh.keyFile;
  if (keyFile === undefined) {
    return {
      ok: false,
      problems: ['SSH_KEY_FILE: not set (nor ssh.keyFile in the config): the private key for the VSPs'],
    };
  }
  let privateKey: string;
  try {
    privateKey = await readFile(keyFile, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [`SSH_KEY_FILE: cannot read ${keyFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`],
    };
  }
  try {
    const shell = new SshRemoteShell({
      ...loaded.config.ssh,
      hosts: loaded.config.fleet,
      privateKey,
      ...(logger ? { logger } : {}),
    });
    return { ok: true, fleet: { config: loaded.config, templates: loaded.templates, shell } };
  } catch (error) {
    return { ok: false, problems: [`ssh: ${(error as Error).message}`] };
  }
}
