import type { Logger } from 'pino';
import ssh2 from 'ssh2';
import { connectError, type PresentedHostKey } from './connect-error.ts';
import { hostKeyFingerprint, hostKeyType } from './host-key-fingerprint.ts';
import { LiveConnection } from './live-connection.ts';
import { SshError } from './ssh-error.ts';
import type { SshHost } from './ssh-host.ts';

export interface HostConnectionOptions {
  readonly host: SshHost;
  readonly privateKey: string;
  readonly connectTimeoutMs: number;
  /** 0 turns keepalives off. */
  readonly keepaliveIntervalMs: number;
  /** Unanswered keepalives before the connection counts as lost. */
  readonly keepaliveCountMax: number;
  readonly log: Logger;
}

/**
 * The one SSH connection to one VSP: opened on first use, shared by every command for that VSP, and
 * replaced on the next use once it is lost (closed by the server, a socket error, unanswered keepalives).
 * Concurrent first uses share one connection attempt; a failed attempt is not cached, so the next use tries again.
 */
export class HostConnection {
  private current: { readonly attempt: Promise<LiveConnection>; readonly live: LiveConnection } | undefined;
  private closing = false;

  constructor(private readonly options: HostConnectionOptions) {}

  /** The open connection, or a new one. */
  connection(): Promise<LiveConnection> {
    if (this.closing) return Promise.reject(new Error('the SSH shell is closed'));
    if (this.current?.live.alive === true) return this.current.attempt;
    return this.open();
  }

  /** Ends the connection (also one still being opened); commands running on it reject with `connection_lost`. */
  async close(): Promise<void> {
    this.closing = true;
    const current = this.current;
    this.current = undefined;
    if (current) await current.live.end();
  }

  private open(): Promise<LiveConnection> {
    const { host, log } = this.options;
    const where = { vsp: host.name, address: host.address, port: host.port };
    const client = new ssh2.Client();
    const live = new LiveConnection(client);
    let refusedKey: PresentedHostKey | undefined;
    let ready = false;

    const attempt = new Promise<LiveConnection>((resolve, reject) => {
      const lost = (reason: string, cause?: Error): SshError =>
        new SshError(
          'connection_lost',
          `connection to VSP ${host.name} (${host.address}:${host.port}) was lost: ${this.closing ? 'the bot closed it' : reason}`,
          { host: host.name, address: host.address, port: host.port, cause },
        );
      const lose = (reason: string, cause?: Error): void => {
        if (this.current?.live === live) this.current = undefined;
        if (!live.alive) return;
        const error = lost(reason, cause);
        live.markLost(error);
        if (!ready) return;
        if (this.closing) log.info(where, 'ssh connection closed');
        else log.warn({ ...where, reason }, 'ssh connection lost');
      };

      client.on('ready', () => {
        ready = true;
        log.info(where, 'ssh connected');
        resolve(live);
      });
      client.on('error', (error: Error) => {
        if (!ready) {
          const coded = this.closing ? lost(error.message, error) : connectError(host, error, refusedKey);
          log.warn({ ...where, code: coded.code, reason: error.message }, 'ssh connect failed');
          reject(coded);
        }
        lose(error.message, error);
        // After an error the session is unusable; make sure the socket goes too.
        client.destroy();
      });
      // 'end' comes as soon as the server hangs up, before 'close': the next command must not pick this one.
      client.on('end', () => lose('the server closed the connection'));
      client.on('close', () => {
        if (!ready) {
          const reason = new Error('connection closed before login');
          reject(this.closing ? lost(reason.message, reason) : connectError(host, reason, refusedKey));
        }
        lose('the connection closed');
      });

      log.debug(where, 'ssh connecting');
      try {
        client.connect({
          host: host.address,
          port: host.port,
          username: host.user,
          privateKey: this.options.privateKey,
          readyTimeout: this.options.connectTimeoutMs,
          keepaliveInterval: this.options.keepaliveIntervalMs,
          keepaliveCountMax: this.options.keepaliveCountMax,
          tryKeyboard: false,
          // Pinned by fingerprint, never trusted on first use; returning false drops the connection during
          // key exchange, before the bot's key or user name is sent.
          hostVerifier: (key: Buffer): boolean => {
            const fingerprint = hostKeyFingerprint(key);
            if (fingerprint === host.hostKeySha256) return true;
            refusedKey = { fingerprint, keyType: hostKeyType(key) };
            log.error(
              { ...where, expected: host.hostKeySha256, presented: fingerprint, keyType: refusedKey.keyType },
              'ssh host key mismatch, connection refused',
            );
            return false;
          },
        });
      } catch (error) {
        // ssh2 validates its options synchronously; the key was checked up front, so this is unexpected.
        reject(connectError(host, error instanceof Error ? error : new Error(String(error)), undefined));
        lose('could not start connecting');
      }
    });
    this.current = { attempt, live };
    // Settled by the callers; this only keeps an attempt nobody awaits any more from being an unhandled rejection.
    attempt.catch(() => undefined);
    return attempt;
  }
}
