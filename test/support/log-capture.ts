/** A pino logger whose JSON lines are kept in memory, so tests can assert what was (and was not) logged. */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface LogCapture {
  readonly logger: Logger;
  /** Every record written so far, parsed. */
  records(): Record<string, unknown>[];
  /** Everything written so far, as written (for "never logs X" checks). */
  text(): string;
}

export function captureLogs(level: pino.LevelWithSilent = 'debug'): LogCapture {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: pino({ level }, sink),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}
