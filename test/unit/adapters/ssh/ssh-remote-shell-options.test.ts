import { describe, expect, it } from 'vitest';
import { SshRemoteShell } from '../../../../src/adapters/ssh/ssh-remote-shell.ts';
import { generateEd25519KeyPair } from '../../../../src/sim/ssh-keys.ts';

const host = { name: 'vsp1', address: '10.0.0.11', port: 22, user: 'root', hostKeySha256: `SHA256:${'A'.repeat(43)}` };
const valid = {
  hosts: [host],
  privateKey: generateEd25519KeyPair('bot').privateKey,
  connectTimeoutMs: 1000,
  commandTimeoutMs: 1000,
  maxConcurrentHosts: 2,
  keepaliveIntervalMs: 0,
};

describe('SshRemoteShell options', () => {
  it('accepts valid options without connecting anywhere', async () => {
    const shell = new SshRemoteShell(valid);
    await shell.close();
  });

  it('reports every problem at once, and never the key text', () => {
    const badKey = '-----BEGIN OPENSSH PRIVATE KEY-----\nnot really a key\n-----END OPENSSH PRIVATE KEY-----\n';
    const construct = (): SshRemoteShell =>
      new SshRemoteShell({ ...valid, hosts: [host, host], privateKey: badKey, maxConcurrentHosts: 0 });
    expect(construct).toThrow(
      /hosts: duplicate VSP name vsp1\nprivateKey: cannot be used \(.+\)\nmaxConcurrentHosts: must be positive/,
    );
    expect(construct).not.toThrow(/not really a key/);
  });
});
