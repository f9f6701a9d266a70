/**
 * `<!date^1700000000^{date_short_pretty} at {time}|fallback>`: Slack shows a time in the reader's own
 * time zone and words. Unknown tokens are left as written; an unreadable date shows the fallback.
 */

const DAY_MS = 86_400_000;

export function formatSlackDate(seconds, format, fallback) {
  const date = new Date(Number(seconds) * 1000);
  if (!/^\d+$/.test(String(seconds)) || Number.isNaN(date.getTime())) return fallback;
  return format.replace(/\{(\w+)\}/g, (token, name) => formatToken(date, name) ?? token);
}

function formatToken(date, name) {
  switch (name) {
    case 'date_num':
      return [date.getFullYear(), pad(date.getMonth() + 1), pad(date.getDate())].join('-');
    case 'date':
      return date.toLocaleDateString([], { year: 'numeric', month: 'long', day: 'numeric' });
    case 'date_short':
      return date.toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' });
    case 'date_long':
      return date.toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
    case 'date_pretty':
      return relativeDay(date) ?? formatToken(date, 'date');
    case 'date_short_pretty':
      return relativeDay(date) ?? formatToken(date, 'date_short');
    case 'date_long_pretty':
      return relativeDay(date) ?? formatToken(date, 'date_long');
    case 'time':
      return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    case 'time_secs':
      return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    case 'ago':
      return ago(date);
    default:
      return undefined;
  }
}

function relativeDay(date) {
  const startOf = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(date) - startOf(new Date())) / DAY_MS);
  return { [-1]: 'yesterday', 0: 'today', 1: 'tomorrow' }[days];
}

function ago(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const units = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const [unit, size] = units.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  return new Intl.RelativeTimeFormat([], { numeric: 'auto' }).format(Math.round(seconds / size), unit);
}

function pad(number) {
  return String(number).padStart(2, '0');
}
