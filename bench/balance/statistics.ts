/** Nearest-rank percentile (p in 0..1) of a list; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '∞';
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 2 : 1)} %`;
}
