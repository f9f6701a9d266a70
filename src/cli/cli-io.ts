/** What a CLI subcommand may touch: its output streams and the environment, passed in (never globals). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the user asks the command to stop (Ctrl-C); long-running commands wait on it. */
  readonly interrupted: Promise<void>;
}

/** Exit codes shared by every subcommand (README.md, "Command line": usage errors exit 2). */
export const EXIT = { ok: 0, failure: 1, usage: 2, checksFailed: 3 } as const;
