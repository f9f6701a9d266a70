import { createHash } from 'node:crypto';

/**
 * OpenSSH's `SHA256:` fingerprint of a public host key blob (the wire format, as ssh2 hands it to
 * `hostVerifier` and as `ssh-keygen -lf` prints it): base64 of the SHA-256 digest without padding.
 */
export function hostKeyFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}
