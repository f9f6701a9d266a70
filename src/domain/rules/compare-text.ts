/** Code-unit order: unlike localeCompare it is the same on every machine, so plans are reproducible. */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
