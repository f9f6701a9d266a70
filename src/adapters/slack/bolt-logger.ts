/**
 * Bolt's Logger interface (@slack/logger) on top of pino: one structured log for the whole bot. Bolt
 * calls `debug('text', obj, …)` with varargs; they are formatted into one message. Bolt also calls
 * `setLevel` with its own default: that is ignored so LOG_LEVEL stays the only level setting.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { format } from 'node:util';
import type { Logger } from 'pino';

export function boltLogger(base: Logger): BoltLogger {
  let log = base.child({ component: 'bolt' });
  const emit =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      const [first, ...rest] = parts;
      if (first instanceof Error) log[level]({ err: first }, format(...rest));
      else log[level](format(...parts));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    setLevel: () => undefined,
    getLevel: () => toBoltLevel(log.level),
    setName: (name: string) => {
      log = log.child({ name });
    },
  };
}

function toBoltLevel(level: string): LogLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}
