import { describe, expect, it } from 'vitest';
import { execChecked } from '../../../../src/adapters/ssh/exec-checked.ts';
import { RemoteCommandError } from '../../../../src/adapters/ssh/ssh-error.ts';
import type { CommandResult, RemoteShell } from '../../../../src/ports.ts';

describe('execChecked', () => {
  function shellAnswering(result: CommandResult): RemoteShell {
    return { exec: () => Promise.resolve(result), close: () => Promise.resolve() };
  }

  it('passes a zero exit through', async () => {
    const result = { exitCode: 0, stdout: 'ok\n', stderr: '' };
    await expect(execChecked(shellAnswering(result), 'vsp1', 'true')).resolves.toBe(result);
  });

  it('turns a signal into a RemoteCommandError naming it', async () => {
    const shell = shellAnswering({ exitCode: null, signal: 'SIGKILL', stdout: 'a\nb\n', stderr: '' });
    const error = await execChecked(shell, 'vsp1', 'sleep 9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemoteCommandError);
    expect(error).toMatchObject({ exitCode: null, signal: 'SIGKILL', stdoutTail: 'a\nb', stderrTail: '' });
    expect((error as Error).message).toBe('command failed on VSP vsp1 with signal SIGKILL: sleep 9');
  });
});
