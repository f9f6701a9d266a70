/**
 * A RemoteShell that runs each line with a real local `/bin/sh`, in a per-VSP folder whose fake HPVM
 * commands are small scripts printing fixture text. For collector tests that need exact, even broken,
 * command output; a VSP can also be made unreachable (the error an SSH failure would raise).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandResult, ExecOptions, RemoteShell } from '../../src/ports.ts';

export class LocalShell implements RemoteShell {
  private readonly unreachable = new Set<string>();
  readonly executed: { vsp: string; line: string }[] = [];

  constructor(private readonly root: string) {}

  /** The folder to use as `hpvmBinDir` and for `machinfoPath` of this VSP. */
  binDir(vsp: string): string {
    return join(this.root, vsp, 'bin');
  }

  /** Installs a fake command that prints `stdout` (and `stderr`) and exits with `exitCode`. */
  async install(vsp: string, command: string, stdout: string, exitCode = 0, stderr = ''): Promise<void> {
    await mkdir(this.binDir(vsp), { recursive: true });
    const dataFile = join(this.binDir(vsp), `${command}.out`);
    await writeFile(dataFile, stdout);
    await writeFile(join(this.binDir(vsp), `${command}.err`), stderr);
    const script = join(this.binDir(vsp), command);
    await writeFile(
      script,
      `#!/bin/sh\ncat '${dataFile}'\ncat '${dataFile.replace(/\.out$/, '.err')}' >&2\nexit ${exitCode}\n`,
    );
    await chmod(script, 0o755);
  }

  setUnreachable(vsp: string): void {
    this.unreachable.add(vsp);
  }

  exec(vsp: string, line: string, _options?: ExecOptions): Promise<CommandResult> {
    this.executed.push({ vsp, line });
    if (this.unreachable.has(vsp)) {
      const error = Object.assign(new Error(`connection refused by ${vsp} (127.0.0.1:22)`), {
        code: 'connection_refused',
      });
      return Promise.reject(error);
    }
    return new Promise((resolve) => {
      const child = execFile('/bin/sh', ['-c', line], { encoding: 'utf8' }, (_error, stdout, stderr) =>
        resolve({ exitCode: child.exitCode, stdout, stderr }),
      );
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
