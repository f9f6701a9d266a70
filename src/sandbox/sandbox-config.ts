/**
 * The bot's configuration in the sandbox: the simulated fleet's config (addresses, pinned host keys, the
 * SSH key) plus what makes the sandbox's people work — the approver user on the approver list, the
 * sandbox channel — and Slack's real pacing (1 post/s per channel, 2 s between progress edits).
 */
import { parse as parseYaml, stringify } from 'yaml';
import { parseConfig, type AppConfig } from '../config.ts';
import type { TemplateTable } from '../domain/commands/command-templates.ts';
import { sandboxUser, SANDBOX_CHANNEL } from './workspace/sandbox-identities.ts';

export interface SandboxConfig {
  readonly config: AppConfig;
  readonly templates: TemplateTable;
}

export function sandboxConfig(fleetConfigYaml: string, speedFactor: number): SandboxConfig {
  const base = parseYaml(fleetConfigYaml) as { migration?: { linkMbPerSecond?: number } };
  const linkMbPerSecond = base.migration?.linkMbPerSecond ?? 100;
  const parsed = parseConfig(
    stringify({
      ...base,
      migration: {
        ...base.migration,
        // Simulated time runs speedFactor× faster: scaled estimates match what the page shows happening.
        linkMbPerSecond: linkMbPerSecond * speedFactor,
        offlineMoveSeconds: Math.max(1, Math.round(60 / speedFactor)),
      },
      approval: { approvers: { users: [sandboxUser('approver').id] }, channels: [SANDBOX_CHANNEL.id] },
      slack: { postIntervalMs: 1000, progressEditIntervalMs: 2000 },
    }),
  );
  if (!parsed.ok) throw new Error(`the sandbox's bot configuration is invalid:\n${parsed.problems.join('\n')}`);
  return { config: parsed.config, templates: parsed.templates };
}
