import ssh2, { type ParsedKey } from 'ssh2';
import { hostKeyFingerprint } from '../adapters/ssh/host-key-fingerprint.ts';

export interface GeneratedKeyPair {
  /** OpenSSH private key text. */
  readonly privateKey: string;
  /** `ssh-ed25519 AAAA… comment` line. */
  readonly publicKey: string;
  readonly fingerprint: string;
}

/** A fresh ed25519 key pair (simulated VSP host keys, the bot's client key in the simulator and tests). */
export function generateEd25519KeyPair(comment: string): GeneratedKeyPair {
  // ssh2 1.17 strips leading zero bytes of the ed25519 public key, so about one key in 256 comes out
  // malformed (31-byte key); such a pair is thrown away and another drawn.
  for (let attempt = 1; ; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    if (attempt < 16 && ssh2.utils.parseKey(pair.public) instanceof Error) continue;
    return { privateKey: pair.private, publicKey: pair.public, fingerprint: fingerprintOfKeyText(pair.public) };
  }
}

/** Fingerprint of a public or private key in OpenSSH text form. */
export function fingerprintOfKeyText(keyText: string): string {
  return hostKeyFingerprint(parseOpenSshKey(keyText).getPublicSSH());
}

/** Parses an OpenSSH public or private key; throws with ssh2's reason when it cannot. */
export function parseOpenSshKey(keyText: string): ParsedKey {
  const parsed = ssh2.utils.parseKey(keyText);
  if (parsed instanceof Error) throw new Error(`invalid SSH key: ${parsed.message}`);
  return parsed;
}
