/**
 * The config file (YAML) and the environment, validated with zod; every problem is reported at once
 * as `path: message` lines (README.md, "Configuration file"; docs/conventions.md #2, #3). Only main.ts and the CLI read process.env, and they
 * pass it in here.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import cron from 'node-cron';
import { z } from 'zod';
import { HPVM_VERSIONS, type TemplateTable } from './domain/commands/command-templates.ts';
import { validateTemplateOverrides } from './domain/commands/validate-template-overrides.ts';
import { NAME_PATTERN } from './domain/names.ts';
import { isAllowedStoragePath } from './domain/storage-path.ts';

const Name = z.string().regex(NAME_PATTERN, 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');

/** OpenSSH's fingerprint form: `SHA256:` + 43 base64 characters (unpadded). */
export const HOST_KEY_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export const VspConfig = z.strictObject({
  name: Name,
  /** How the bot reaches the VSP over SSH. */
  address: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  user: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/i)
    .default('root'),
  /** Pinned host key; an unknown or different key is refused, never trusted on first use. */
  hostKeySha256: z.string().regex(HOST_KEY_FINGERPRINT, 'must look like SHA256:<43 base64 characters>'),
  hpvmVersion: z
    .string()
    .refine((version) => HPVM_VERSIONS.includes(version), `must be one of ${HPVM_VERSIONS.join(', ')}`),
  /** The host name other VSPs use for this one in `hpvmmigrate -h` (e.g. its migration-network alias). */
  migrationHost: Name.optional(),
  /** Prefix every command with `sudo -n` (non-interactive) when the SSH user is not root. */
  sudo: z.boolean().default(false),
  hpvmBinDir: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/)
    .default('/opt/hpvm/bin'),
  machinfoPath: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/)
    .default('/usr/contrib/bin/machinfo'),
  /** Processor family/model when machinfo (11.31 format) does not print them. */
  cpuFamily: z.number().int().positive().optional(),
  cpuModel: z.number().int().nonnegative().optional(),
  /** Memory the host keeps for itself; guests fit into machinfo memory minus this. */
  reservedMemoryMb: z.number().int().nonnegative().default(4096),
  maintenance: z.boolean().default(false),
  /**
   * HP's own check (hpvmmigrate -s) before the preview, for moves from this VSP: false switches it off,
   * { online: false } only for online moves, { withStart: false } leaves -b out of it (domain/vsp-settings.ts).
   */
  precheck: z
    .union([z.boolean(), z.strictObject({ online: z.boolean().default(true), withStart: z.boolean().default(true) })])
    .default(true),
  /** HP-UX LVM and file system commands, for the room on a storage copy's target. */
  vgdisplayPath: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/)
    .default('/usr/sbin/vgdisplay'),
  bdfPath: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/)
    .default('/usr/bin/bdf'),
  /** Where a store copied to this VSP goes (source path → path here); unlisted stores keep their path. */
  storageMap: z
    .record(
      z.string().refine(isAllowedStoragePath, 'must be an absolute path of [A-Za-z0-9._+-] segments, without ..'),
      z.string().refine(isAllowedStoragePath, 'must be an absolute path of [A-Za-z0-9._+-] segments, without ..'),
    )
    .optional(),
});
export type VspConfig = z.infer<typeof VspConfig>;

export const SshConfig = z.strictObject({
  /** Private key for every VSP; the SSH_KEY_FILE environment variable wins over this. */
  keyFile: z.string().optional(),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  commandTimeoutMs: z.number().int().positive().default(120_000),
  maxConcurrentHosts: z.number().int().positive().default(16),
  keepaliveIntervalMs: z.number().int().nonnegative().default(15_000),
});
export type SshConfig = z.infer<typeof SshConfig>;

export const MigrationConfig = z.strictObject({
  maxParallelMigrations: z.number().int().positive().default(1),
  /** Expected copy rate of the migration network, for duration estimates. */
  linkMbPerSecond: z.number().positive().default(100),
  /** Fixed cost of one offline move (configuration copy, checks), for duration estimates. */
  offlineMoveSeconds: z.number().nonnegative().default(60),
  /** Expected rate of copying lvols during offline moves, for duration estimates; linkMbPerSecond when absent. */
  storageCopyMbPerSecond: z.number().positive().optional(),
  remoteDir: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/)
    .default('/var/tmp/hpvm-chatops'),
});
export type MigrationConfig = z.infer<typeof MigrationConfig>;

const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id like U0123ABCD');
const SlackGroupId = z.string().regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id like S0123ABCD');
const SlackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id like C0123ABCD');

export const ApprovalConfig = z.strictObject({
  approvers: z
    .strictObject({
      /** Who may approve, by user id: the list that always works. */
      users: z.array(SlackUserId).default([]),
      /** User groups whose members may approve (needs usergroups:read and a paid Slack plan). */
      groups: z.array(SlackGroupId).default([]),
    })
    .prefault({}),
  /** Channels where /migrate may be used; empty: any channel the bot can post in. */
  channels: z.array(SlackChannelId).default([]),
  /** Off by default: four eyes. */
  selfApproval: z.boolean().default(false),
  approvalsRequired: z
    .strictObject({
      default: z.number().int().min(1).default(1),
      /** A move touching one of these VSPs (as source or target) needs this many distinct approvers. */
      perVsp: z.record(Name, z.number().int().min(1)).default({}),
    })
    .prefault({}),
  expiryMinutes: z.number().positive().default(30),
});
export type ApprovalConfig = z.infer<typeof ApprovalConfig>;

export const SlackConfig = z.strictObject({
  /** Edits of one progress message at most this often. */
  progressEditIntervalMs: z.number().int().positive().default(2000),
  /** New posts per channel at most this often (Slack allows about one per second). */
  postIntervalMs: z.number().int().positive().default(1000),
});
export type SlackConfig = z.infer<typeof SlackConfig>;

export const ExecutionConfig = z.strictObject({
  /** How often a running move's remote log is read. */
  followIntervalMs: z.number().int().positive().default(1000),
  /**
   * How long a VSP may stay unreachable while a move is started or followed before the move is reported
   * as needing attention (the migration runs on; the bot keeps trying to establish how it ended).
   */
  giveUpAfterMs: z.number().int().positive().default(600_000),
  /** How often the bot tries again to establish the outcome of a move that needs attention. */
  reconcileIntervalMs: z.number().int().positive().default(30_000),
});
export type ExecutionConfig = z.infer<typeof ExecutionConfig>;

const ClockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (24 h)');

export const BalancingConfig = z.strictObject({
  /** Post suggestions on the schedule; `/migrate balance` works either way. */
  enabled: z.boolean().default(false),
  cron: z
    .string()
    .refine((expression) => cron.validate(expression), 'must be a cron expression (node-cron), e.g. */15 * * * *')
    .default('*/15 * * * *'),
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Berlin').default('UTC'),
  /** No scheduled suggestions between these times (in `timezone`); may wrap midnight. */
  quietHours: z.strictObject({ from: ClockTime, to: ClockTime }).optional(),
  /** Where suggestions are posted (default: the first of approval.channels). */
  channel: SlackChannelId.optional(),
  /** At most this many moves per suggestion. */
  maxMoves: z.number().int().min(1).max(100).default(5),
  /** Suggest only when the standard deviation of host CPU load is above this in every one of the last samples. */
  thresholdCpuStdDev: z.number().min(0).default(0.1),
  sustainedSamples: z.number().int().min(1).default(3),
  /** A move must lower the standard deviation by at least this much, so a suggestion is never churn. */
  minGainPerMove: z.number().min(0).default(0.005),
  /** Guests the balancer never moves. */
  pinned: z.array(Name).default([]),
  /** Guests of one group are never placed together by a suggestion (they may already be). */
  antiAffinityGroups: z.record(z.string(), z.array(Name)).default({}),
});
export type BalancingConfig = z.infer<typeof BalancingConfig>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const AppConfig = z
  .strictObject({
    fleet: z.array(VspConfig).min(1),
    ssh: SshConfig.prefault({}),
    migration: MigrationConfig.prefault({}),
    approval: ApprovalConfig.prefault({}),
    slack: SlackConfig.prefault({}),
    execution: ExecutionConfig.prefault({}),
    balancing: BalancingConfig.prefault({}),
    /** Per HPVM version, command templates that replace the built-in ones (see domain/commands). */
    commandTemplates: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.fleet.forEach((vsp, index) => {
      if (seen.has(vsp.name)) {
        ctx.addIssue({ code: 'custom', path: ['fleet', index, 'name'], message: `duplicate VSP name ${vsp.name}` });
      }
      seen.add(vsp.name);
    });
  });
export type AppConfig = z.infer<typeof AppConfig>;

/** The config plus the command templates it yields (built-ins merged with the checked overrides). */
export type ConfigResult =
  { ok: true; config: AppConfig; templates: TemplateTable } | { ok: false; problems: string[] };

/** Every problem as `path: message`, in document order. */
export function formatZodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

export function parseConfig(yamlText: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    return { ok: false, problems: [`(yaml): ${(error as Error).message}`] };
  }
  const result = AppConfig.safeParse(raw);
  if (!result.success) return { ok: false, problems: formatZodProblems(result.error) };
  const { templates, problems } = validateTemplateOverrides(result.data.commandTemplates);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: result.data, templates };
}

export async function loadConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const result = parseConfig(text);
  if (result.ok) return result;
  return { ok: false, problems: result.problems.map((problem) => `${path}: ${problem}`) };
}

/** The environment (README.md, "Run it with Slack"): secrets and paths only. Read once, by main.ts, through this function. */
const EnvSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'must be a bot token (xoxb-…)')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token (xapp-…)')
    .optional(),
  SLACK_API_URL: z.url().optional(),
  SSH_KEY_FILE: z.string().min(1).optional(),
  CONFIG_FILE: z.string().min(1).optional(),
  DB_FILE: z.string().min(1).default('hpvm-chatops.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; 127.0.0.1 keeps the bot local (behind a reverse proxy, or in tests). */
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type SlackMode =
  | { readonly kind: 'sandbox' }
  | { readonly kind: 'http'; readonly botToken: string; readonly signingSecret: string }
  | { readonly kind: 'socket'; readonly botToken: string; readonly appToken: string };

export interface BotEnv {
  readonly slack: SlackMode;
  readonly slackApiUrl?: string;
  readonly sshKeyFile?: string;
  readonly configFile?: string;
  readonly dbFile: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export type EnvResult = { ok: true; env: BotEnv } | { ok: false; problems: string[] };

/**
 * No Slack credentials at all: the sandbox. A bot token with an app token: Socket Mode (no inbound URL).
 * A bot token with a signing secret: HTTP mode. Anything in between is a problem, reported with the others.
 */
export function readEnv(env: NodeJS.ProcessEnv): EnvResult {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(given);
  const problems = parsed.success ? [] : formatZodProblems(parsed.error);
  const has = (name: string): boolean => given[name] !== undefined;
  if (has('SLACK_BOT_TOKEN')) {
    if (!has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET')) {
      problems.push('SLACK_SIGNING_SECRET: required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    }
    if (!has('CONFIG_FILE')) {
      problems.push('CONFIG_FILE: required when Slack credentials are set (the fleet and the approval policy)');
    }
  } else if (has('SLACK_SIGNING_SECRET') || has('SLACK_APP_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const values = parsed.data;
  let slack: SlackMode = { kind: 'sandbox' };
  if (values.SLACK_BOT_TOKEN !== undefined && values.SLACK_APP_TOKEN !== undefined) {
    slack = { kind: 'socket', botToken: values.SLACK_BOT_TOKEN, appToken: values.SLACK_APP_TOKEN };
  } else if (values.SLACK_BOT_TOKEN !== undefined && values.SLACK_SIGNING_SECRET !== undefined) {
    slack = { kind: 'http', botToken: values.SLACK_BOT_TOKEN, signingSecret: values.SLACK_SIGNING_SECRET };
  }
  return {
    ok: true,
    env: {
      slack,
      ...(values.SLACK_API_URL === undefined ? {} : { slackApiUrl: values.SLACK_API_URL }),
      ...(values.SSH_KEY_FILE === undefined ? {} : { sshKeyFile: values.SSH_KEY_FILE }),
      ...(values.CONFIG_FILE === undefined ? {} : { configFile: values.CONFIG_FILE }),
      dbFile: values.DB_FILE,
      port: values.PORT,
      host: values.HOST,
      logLevel: values.LOG_LEVEL,
    },
  };
}
