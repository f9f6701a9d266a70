/**
 * A Bolt/WebClient Logger that keeps lines in memory: quiet test output, and assertions on what Bolt said
 * (e.g. "Failed to verify authenticity" on a 401).
 */
import { format } from 'node:util';
import { LogLevel, type Logger } from '@slack/bolt';

export interface SlackLogCapture {
  readonly logger: Logger;
  /** `level: message` lines, oldest first. */
  lines(): readonly string[];
}

export function captureSlackLogs(): SlackLogCapture {
  const lines: string[] = [];
  let level: LogLevel = LogLevel.DEBUG;
  const write =
    (at: LogLevel) =>
    (...message: unknown[]) =>
      void lines.push(`${at}: ${format(...message)}`);
  return {
    logger: {
      debug: write(LogLevel.DEBUG),
      info: write(LogLevel.INFO),
      warn: write(LogLevel.WARN),
      error: write(LogLevel.ERROR),
      setLevel(next) {
        level = next;
      },
      getLevel: () => level,
      setName: () => undefined,
    },
    lines: () => [...lines],
  };
}
