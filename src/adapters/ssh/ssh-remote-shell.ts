import pLimit, { type LimitFunction } from 'p-limit';
import { pino, type Logger } from 'pino';
import ssh2 from 'ssh2';
import type { CommandResult, ExecOptions, RemoteShell } from '../../ports.ts';
import { HostConnection } from './host-connection.ts';
import { HostSlots } from './host-slots.ts';
import { runCommand } from './run-command.ts';
import { SshError } from './ssh-error.ts';
import type { SshHost } from './ssh-host.ts';

/** OpenSSH allows 10 sessions per connection by default (MaxSessions); stay below it. */
export const DEFAULT_MAX_CHANNELS_PER_HOST = 8;
export const DEFAULT_KEEPALIVE_COUNT_MAX = 3;

/** Everything the adapter needs, injected; `{ ...config.ssh, hosts: config.fleet, privateKey }` fits. */
export interface SshRemoteShellOptions {
  readonly hosts: readonly SshHost[];
  /** OpenSSH or PEM private key text (unencrypted); used for every VSP, never logged. */
  readonly privateKey: string;
  readonly connectTimeoutMs: number;
  /** Default per-command timeout; `ExecOptions.timeoutMs` overrides it. */
  readonly commandTimeoutMs: number;
  /** At most this many VSPs have commands in flight at once. */
  readonly maxConcurrentHosts: number;
  /** 0 turns keepalives off. */
  readonly keepaliveIntervalMs: number;
  readonly keepaliveCountMax?: number;
  /** Channels (commands) open at once on one VSP's connection; more are queued. */
  readonly maxChannelsPerHost?: number;
  readonly logger?: Logger;
}

interface HostState {
  readonly host: SshHost;
  readonly connection: HostConnection;
  readonly channels: LimitFunction;
}

/**
 * RemoteShell over SSH (docs/architecture.md, "Executing a move"): one pooled connection per VSP, key authentication,
 * host keys pinned by SHA256 fingerprint, commands streamed line by line with a timeout each. Failures are `SshError`s
 * with a code (see operator-message.ts); a command that ran and failed is not an error here (see execChecked).
 *
 * `CommandResult.signal` uses Node's spelling, `SIGTERM` (see normalize-signal.ts).
 */
export class SshRemoteShell implements RemoteShell {
  private readonly hosts = new Map<string, HostState>();
  private readonly hostSlots: HostSlots;
  private readonly commandTimeoutMs: number;
  private readonly log: Logger;
  private closed = false;

  constructor(options: SshRemoteShellOptions) {
    checkOptions(options);
    this.log = (options.logger ?? pino({ enabled: false })).child({ component: 'ssh' });
    this.commandTimeoutMs = options.commandTimeoutMs;
    this.hostSlots = new HostSlots(options.maxConcurrentHosts);
    const maxChannels = options.maxChannelsPerHost ?? DEFAULT_MAX_CHANNELS_PER_HOST;
    for (const host of options.hosts) {
      const connection = new HostConnection({
        host,
        privateKey: options.privateKey,
        connectTimeoutMs: options.connectTimeoutMs,
        keepaliveIntervalMs: options.keepaliveIntervalMs,
        keepaliveCountMax: options.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT_MAX,
        log: this.log,
      });
      this.hosts.set(host.name, { host, connection, channels: pLimit(maxChannels) });
    }
  }

  async exec(vsp: string, commandLine: string, options: ExecOptions = {}): Promise<CommandResult> {
    if (this.closed) throw new Error('the SSH shell is closed');
    const state = this.hosts.get(vsp);
    if (!state) {
      const known = [...this.hosts.keys()].join(', ');
      throw new SshError('unknown_host', `VSP ${vsp} is not in the fleet configuration (known: ${known})`, {
        host: vsp,
        command: commandLine,
      });
    }
    return this.hostSlots.run(vsp, () => this.runOnHost(state, commandLine, options));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.hosts.values()].map((state) => state.connection.close()));
  }

  private runOnHost(state: HostState, command: string, options: ExecOptions): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      state
        .channels(async () => {
          if (this.closed) throw new Error('the SSH shell is closed');
          const connection = await state.connection.connection();
          const running = runCommand({
            connection,
            host: state.host,
            command,
            timeoutMs: options.timeoutMs ?? this.commandTimeoutMs,
            onStdoutLine: options.onStdoutLine,
            onStderrLine: options.onStderrLine,
            log: this.log,
          });
          running.result.then(resolve, reject);
          // The channel slot is held until the channel is really gone, not just until the result is known.
          await running.released;
        })
        .catch(reject);
    });
  }
}

/** Configuration mistakes surface when the bot starts, not at the first command. */
function checkOptions(options: SshRemoteShellOptions): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const host of options.hosts) {
    if (seen.has(host.name)) problems.push(`hosts: duplicate VSP name ${host.name}`);
    seen.add(host.name);
  }
  const parsed = ssh2.utils.parseKey(options.privateKey);
  // The reason only; the key text must not reach a message or a log.
  if (parsed instanceof Error) problems.push(`privateKey: cannot be used (${parsed.message})`);
  const positive = ['connectTimeoutMs', 'commandTimeoutMs', 'maxConcurrentHosts'] as const;
  for (const name of positive) {
    if (!(options[name] > 0)) problems.push(`${name}: must be positive`);
  }
  if (!(options.keepaliveIntervalMs >= 0)) problems.push('keepaliveIntervalMs: must be 0 or more');
  if (options.maxChannelsPerHost !== undefined && !(options.maxChannelsPerHost >= 1)) {
    problems.push('maxChannelsPerHost: must be at least 1');
  }
  if (problems.length > 0) throw new Error(`invalid SSH options:\n${problems.join('\n')}`);
}
