/** `45 s`, `2 min 30 s`, `2 min`, `1 h 5 min`: seconds stop mattering once a wait is counted in hours. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest === 0 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  const minutes = Math.floor((seconds % 3600) / 60);
  const hours = Math.floor(seconds / 3600);
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
