import { SshError } from './ssh-error.ts';
import type { SshHost } from './ssh-host.ts';

/** What the host verifier saw when it refused a key. */
export interface PresentedHostKey {
  readonly fingerprint: string;
  readonly keyType: string | undefined;
}

/** ssh2 marks its errors with a `level` (where it failed) and socket errors keep Node's errno `code`. */
interface Ssh2Failure extends Error {
  readonly level?: string;
  readonly code?: string;
}

const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

/** Turns a failure before the session was ready into a coded error naming the VSP and its address. */
export function connectError(host: SshHost, error: Error, refusedKey: PresentedHostKey | undefined): SshError {
  const where = `${host.address}:${host.port}`;
  const base = { host: host.name, address: host.address, port: host.port, cause: error };
  if (refusedKey) return hostKeyMismatch(host, refusedKey, error);
  const failure = error as Ssh2Failure;
  if (failure.level === 'client-authentication') {
    return new SshError(
      'auth_failed',
      `VSP ${host.name} (${where}) refused the bot's key for user ${host.user}: ${error.message}`,
      base,
    );
  }
  if (failure.level === 'client-timeout' || failure.code === 'ETIMEDOUT') {
    return new SshError(
      'connect_timeout',
      `no SSH session with VSP ${host.name} (${where}) in time: ${error.message}`,
      base,
    );
  }
  if (failure.code === 'ECONNREFUSED') {
    return new SshError('connection_refused', `VSP ${host.name} (${where}) refused the connection`, base);
  }
  if (failure.code !== undefined && UNREACHABLE.has(failure.code)) {
    return new SshError('host_unreachable', `VSP ${host.name} (${where}) cannot be reached: ${failure.code}`, base);
  }
  return new SshError(
    'connection_lost',
    `connection to VSP ${host.name} (${where}) broke before login: ${error.message}`,
    base,
  );
}

function hostKeyMismatch(host: SshHost, presented: PresentedHostKey, cause: Error): SshError {
  const keyType = presented.keyType ?? 'unknown type';
  return new SshError(
    'host_key_mismatch',
    `host key of VSP ${host.name} (${host.address}:${host.port}) does not match the pinned fingerprint: ` +
      `expected ${host.hostKeySha256}, presented ${presented.fingerprint} (${keyType}). ` +
      `The connection was dropped before logging in; nothing was run.`,
    {
      host: host.name,
      address: host.address,
      port: host.port,
      cause,
      expectedFingerprint: host.hostKeySha256,
      presentedFingerprint: presented.fingerprint,
      presentedKeyType: presented.keyType,
    },
  );
}
