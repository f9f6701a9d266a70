/**
 * Several read-only commands in one SSH exec: one `sh -c` on the VSP instead of one per command.
 * Each command is followed by a marker line on stdout (with its exit status) and on stderr, so the
 * output can be split back per command. The nonce (chosen by the caller) keeps command output from
 * ever being mistaken for a marker.
 */

export interface BatchCommand {
  /** Internal key (letters, digits, `-`, `_`, `.`, `:`); never user text. */
  readonly key: string;
  /** An already rendered and quoted command line. */
  readonly line: string;
}

export interface BatchPart {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]+$/;
const NONCE_PATTERN = /^[A-Za-z0-9]{8,64}$/;

function marker(nonce: string): string {
  return `@@hpvm-chatops-${nonce}@@`;
}

export function buildBatchLine(commands: readonly BatchCommand[], nonce: string): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error('batch nonce must be 8-64 letters or digits');
  const mark = marker(nonce);
  return commands
    .map((command) => {
      if (!KEY_PATTERN.test(command.key)) throw new Error(`invalid batch key ${JSON.stringify(command.key)}`);
      // `</dev/null` keeps a command that reads stdin from eating the rest of the batch.
      return `${command.line} </dev/null; echo "${mark} ${command.key} $?"; echo "${mark} ${command.key}" >&2`;
    })
    .join('; ');
}

/**
 * Splits a batch's output back per key. A key whose marker is missing (the batch was cut short) is
 * absent from the result: the caller reports it, never guesses.
 */
export function splitBatchOutput(stdout: string, stderr: string, nonce: string): Map<string, BatchPart> {
  const mark = `${marker(nonce)} `;
  const parts = new Map<string, BatchPart>();
  const stderrByKey = splitByMarker(stderr, mark);
  let buffer: string[] = [];
  for (const line of splitLines(stdout)) {
    const at = line.indexOf(mark);
    if (at < 0) {
      buffer.push(line);
      continue;
    }
    // Output without a final newline runs into the marker: keep it as its last line.
    if (at > 0) buffer.push(line.slice(0, at));
    const [key = '', status = ''] = line.slice(at + mark.length).split(' ');
    const exitCode = /^[0-9]+$/.test(status) ? Number(status) : -1;
    parts.set(key, { exitCode, stdout: joinLines(buffer), stderr: stderrByKey.get(key) ?? '' });
    buffer = [];
  }
  return parts;
}

function splitByMarker(text: string, mark: string): Map<string, string> {
  const byKey = new Map<string, string>();
  let buffer: string[] = [];
  for (const line of splitLines(text)) {
    const at = line.indexOf(mark);
    if (at < 0) {
      buffer.push(line);
      continue;
    }
    if (at > 0) buffer.push(line.slice(0, at));
    byKey.set(line.slice(at + mark.length).trim(), joinLines(buffer));
    buffer = [];
  }
  return byKey;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
