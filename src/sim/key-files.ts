/**
 * Key pairs kept as files (0600) under the state directory and reused on the next start, so a restarted
 * simulator keeps its host-key fingerprints and the config written earlier stays valid.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fingerprintOfKeyText, generateEd25519KeyPair, type GeneratedKeyPair } from './ssh-keys.ts';

export async function loadOrCreateKeyPair(privateKeyFile: string, comment: string): Promise<GeneratedKeyPair> {
  try {
    const [privateKey, publicKey] = await Promise.all([
      readFile(privateKeyFile, 'utf8'),
      readFile(`${privateKeyFile}.pub`, 'utf8'),
    ]);
    return { privateKey, publicKey: publicKey.trim(), fingerprint: fingerprintOfKeyText(publicKey) };
  } catch {
    const pair = generateEd25519KeyPair(comment);
    await writeFile(privateKeyFile, pair.privateKey, { mode: 0o600 });
    await writeFile(`${privateKeyFile}.pub`, `${pair.publicKey}\n`, { mode: 0o600 });
    return pair;
  }
}
