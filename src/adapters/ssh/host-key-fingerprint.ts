import { createHash } from 'node:crypto';

/**
 * OpenSSH's `SHA256:` fingerprint of a public host key blob (the wire format, as ssh2 hands it to
 * `hostVerifier` and as `ssh-keygen -lf` prints it): base64 of the SHA-256 digest without padding.
 */
export function hostKeyFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The key type a public host key blob names (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`, …): the
 * first string of the SSH wire format. Undefined when the blob is too short to hold one.
 */
export function hostKeyType(publicKeyBlob: Buffer): string | undefined {
  if (publicKeyBlob.length < 4) return undefined;
  const length = publicKeyBlob.readUInt32BE(0);
  if (length === 0 || publicKeyBlob.length < 4 + length) return undefined;
  return publicKeyBlob.toString('latin1', 4, 4 + length);
}

/** The public host key file of a key type (`ssh_host_ed25519_key.pub`), for `ssh-keygen -lf` on the VSP. */
export function hostKeyFileName(keyType: string | undefined): string {
  if (keyType === 'ssh-ed25519') return 'ssh_host_ed25519_key.pub';
  if (keyType?.startsWith('ecdsa-') === true) return 'ssh_host_ecdsa_key.pub';
  if (keyType === 'ssh-rsa') return 'ssh_host_rsa_key.pub';
  if (keyType === 'ssh-dss') return 'ssh_host_dsa_key.pub';
  return 'ssh_host_*_key.pub';
}
