import { describe, expect, it } from 'vitest';
import { operatorMessage, operatorNextStep } from '../../../../src/adapters/ssh/operator-message.ts';
import { RemoteCommandError, SSH_ERROR_CODES, SshError } from '../../../../src/adapters/ssh/ssh-error.ts';

const where = { host: 'vsp1', address: '10.0.0.11', port: 22 };

describe('operatorNextStep', () => {
  it.each(SSH_ERROR_CODES)('has a next step naming the VSP for %s', (code) => {
    const step = operatorNextStep(new SshError(code, 'what happened', { ...where, command: 'true' }));
    expect(step).toContain('vsp1');
    expect(step.length).toBeGreaterThan(40);
  });

  it('tells how to verify and update a changed host key', () => {
    const error = new SshError(
      'host_key_mismatch',
      'host key of VSP vsp1 (10.0.0.11:22) does not match the pinned fingerprint: expected SHA256:old, presented SHA256:new (ssh-rsa). The connection was dropped before logging in; nothing was run.',
      { ...where, expectedFingerprint: 'SHA256:old', presentedFingerprint: 'SHA256:new', presentedKeyType: 'ssh-rsa' },
    );
    expect(operatorMessage(error)).toMatchInlineSnapshot(`
      "host key of VSP vsp1 (10.0.0.11:22) does not match the pinned fingerprint: expected SHA256:old, presented SHA256:new (ssh-rsa). The connection was dropped before logging in; nothing was run.
      Next step: Do not trust this key until it is explained: a reinstalled or re-keyed VSP is expected to change it, anything else may be an attack. Verify the host's key out of band — on vsp1's console run \`ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub\` (HP-UX Secure Shell: /opt/ssh/etc/ssh_host_rsa_key.pub) — and only if it prints SHA256:new, set \`hostKeySha256\` for vsp1 to it in the config and restart the bot."
    `);
  });

  it('distinguishes a connection lost during a command from one lost between commands', () => {
    const during = operatorNextStep(new SshError('connection_lost', 'lost', { ...where, command: 'hpvmmigrate -o …' }));
    const between = operatorNextStep(new SshError('connection_lost', 'lost', where));
    expect(during).toContain('may or may not have finished');
    expect(between).not.toContain('may or may not have finished');
  });
});

describe('operatorMessage', () => {
  it('shows a failed command with its error output and next step', () => {
    const error = new RemoteCommandError({
      host: 'vsp1',
      command: 'hpvmmigrate -o -P vm1 -h vsp2',
      exitCode: 1,
      stdoutTail: '',
      stderrTail: 'hpvmmigrate: ERROR (vm1): Guest is not runnable.',
    });
    expect(operatorMessage(error)).toMatchInlineSnapshot(`
      "command failed on VSP vsp1 with exit code 1: hpvmmigrate -o -P vm1 -h vsp2
      Last error output:
        hpvmmigrate: ERROR (vm1): Guest is not runnable.
      Next step: The command ran on vsp1 and ended with exit code 1. Read its error output, fix the cause on the VSP or in the request, then run the request again."
    `);
  });

  it('gives an uncoded error a generic next step', () => {
    expect(operatorMessage(new Error('surprise'))).toBe(
      'surprise\nNext step: this is not an SSH failure; run the command again with LOG_LEVEL=debug and read what failed before it.',
    );
    expect(operatorMessage('text')).toContain('text\nNext step:');
  });
});
