/**
 * The balancing schedule on node-cron 4: the configured expression in the configured time zone, never two
 * runs at once (a slow inventory does not pile up runs). Quiet hours are the use-case's rule, not cron's.
 */
import cron from 'node-cron';
import type { Logger } from 'pino';

export interface ScheduleHandle {
  stop(): Promise<void>;
}

export function scheduleBalancing(options: {
  readonly cron: string;
  readonly timezone: string;
  readonly run: () => Promise<void>;
  readonly logger: Logger;
}): ScheduleHandle {
  const log = options.logger.child({ component: 'schedule' });
  const task = cron.schedule(
    options.cron,
    async () => {
      try {
        await options.run();
      } catch (error) {
        log.error({ err: error }, 'scheduled balancing run failed');
      }
    },
    { name: 'balancing', timezone: options.timezone, noOverlap: true },
  );
  log.info(
    { cron: options.cron, timezone: options.timezone, next: task.getNextRun()?.toISOString() },
    'balancing scheduled',
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
