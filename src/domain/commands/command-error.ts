/** Why a command could not be rendered. The renderer throws instead of emitting a doubtful line. */
export type CommandErrorCode =
  | 'unsupported_version'
  | 'missing_template'
  | 'invalid_name'
  | 'invalid_path'
  | 'unknown_placeholder'
  | 'missing_value'
  | 'forbidden_flag';

export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly code: CommandErrorCode;
  /** The evidence: host, version, template, offending value. */
  readonly context: Readonly<Record<string, string>>;

  constructor(code: CommandErrorCode, message: string, context: Readonly<Record<string, string>>) {
    super(message);
    this.code = code;
    this.context = context;
  }
}
