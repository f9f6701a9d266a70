import type { CommandResult, ExecOptions, RemoteShell } from '../../ports.ts';
import { OUTPUT_TAIL_LINES, RemoteCommandError } from './ssh-error.ts';
import { tailLines } from './tail-lines.ts';

/**
 * `shell.exec`, but a command that ends unsuccessfully (non-zero exit, killed by a signal, no exit status)
 * throws a `RemoteCommandError` with the evidence. Works with any RemoteShell, fakes included.
 */
export async function execChecked(
  shell: RemoteShell,
  vsp: string,
  commandLine: string,
  options?: ExecOptions,
): Promise<CommandResult> {
  const result = await shell.exec(vsp, commandLine, options);
  if (result.exitCode === 0) return result;
  throw new RemoteCommandError({
    host: vsp,
    command: commandLine,
    exitCode: result.exitCode,
    ...(result.signal === undefined ? {} : { signal: result.signal }),
    stdoutTail: tailLines(result.stdout, OUTPUT_TAIL_LINES),
    stderrTail: tailLines(result.stderr, OUTPUT_TAIL_LINES),
  });
}
