/**
 * Quiet hours for scheduled suggestions: `from`–`to` as wall-clock times in a time zone, wrapping midnight
 * when `from` is later than `to` (22:00–06:00). Pure: the time is passed in; Intl does the zone arithmetic.
 */
export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

export function isQuietTime(now: Date, quiet: QuietHours | undefined, timeZone: string): boolean {
  if (quiet === undefined) return false;
  const minutes = minutesInZone(now, timeZone);
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

function minutesInZone(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const value = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

function clockMinutes(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}
