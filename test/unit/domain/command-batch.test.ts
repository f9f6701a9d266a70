import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildBatchLine, splitBatchOutput } from '../../../src/domain/command-batch.ts';

const NONCE = 'abc12345';

describe('command batch', () => {
  it('renders one sh line with a marker after each command', () => {
    expect(
      buildBatchLine(
        [
          { key: 'status', line: '/opt/hpvm/bin/hpvmstatus' },
          { key: 'net', line: '/opt/hpvm/bin/hpvmnet' },
        ],
        NONCE,
      ),
    ).toMatchInlineSnapshot(
      `"/opt/hpvm/bin/hpvmstatus </dev/null; echo "@@hpvm-chatops-abc12345@@ status $?"; echo "@@hpvm-chatops-abc12345@@ status" >&2; /opt/hpvm/bin/hpvmnet </dev/null; echo "@@hpvm-chatops-abc12345@@ net $?"; echo "@@hpvm-chatops-abc12345@@ net" >&2"`,
    );
  });

  it('splits real sh output back per command with each exit status and stderr', () => {
    const line = buildBatchLine(
      [
        { key: 'one', line: `printf 'a\\nb\\n'` },
        { key: 'two', line: `echo bad >&2; exit 3` },
        { key: 'three', line: `printf 'no newline'` },
      ],
      NONCE,
    );
    // `exit 3` would end the whole shell: run it in a subshell the way a failing command returns 3.
    const subshelled = line.replace('echo bad >&2; exit 3', '(echo bad >&2; exit 3)');
    const stdout = execFileSync('/bin/sh', ['-c', subshelled], { encoding: 'utf8' });
    const stderr = execFileSync('/bin/sh', ['-c', `(${subshelled}) 2>&1 >/dev/null`], { encoding: 'utf8' });
    const parts = splitBatchOutput(stdout, stderr, NONCE);
    expect(parts.get('one')).toEqual({ exitCode: 0, stdout: 'a\nb\n', stderr: '' });
    expect(parts.get('two')).toEqual({ exitCode: 3, stdout: '', stderr: 'bad\n' });
    expect(parts.get('three')?.stdout).toBe('no newline\n');
  });

  it('leaves out a command whose marker never came (the batch was cut short)', () => {
    const parts = splitBatchOutput(`x\n@@hpvm-chatops-${NONCE}@@ one 0\npartial\n`, '', NONCE);
    expect([...parts.keys()]).toEqual(['one']);
  });

  it.each([
    ['a key with a space', [{ key: 'a b', line: 'true' }], NONCE],
    ['a key with a quote', [{ key: "a'", line: 'true' }], NONCE],
    ['a short nonce', [{ key: 'a', line: 'true' }], 'x'],
    ['a nonce with a shell character', [{ key: 'a', line: 'true' }], 'abcdefgh;'],
  ])('refuses %s', (_name, commands, nonce) => {
    expect(() => buildBatchLine(commands, nonce)).toThrow();
  });
});
