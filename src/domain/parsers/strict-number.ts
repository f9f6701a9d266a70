/**
 * Strict number parsing for HPVM columns: the whole token must be the number, so `12abc`, `1e3`,
 * `0x10` or an empty cell never turns into a value (Number('') is 0, parseInt('12abc') is 12).
 * Fifteen digits keep every value a safe integer.
 */

const COUNT = /^[0-9]{1,15}$/;
const DECIMAL = /^[0-9]{1,15}(?:\.[0-9]{1,6})?$/;
const MB_PER_GB = 1024;

/** A non-negative integer such as a VM number or a vCPU count. */
export function parseCount(text: string): number | undefined {
  return COUNT.test(text) ? Number(text) : undefined;
}

export function parseDecimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/** `50.0%` → 50; the percent sign is required (it is how the column is printed). */
export function parsePercent(text: string): number | undefined {
  if (!text.endsWith('%')) return undefined;
  return parseDecimal(text.slice(0, -1));
}

/** `16` + `GB` → 16384; whole numbers only, units `GB` or `MB` in any case. */
export function parseMemoryMb(amount: string, unit: string): number | undefined {
  const value = parseCount(amount);
  if (value === undefined) return undefined;
  const upper = unit.toUpperCase();
  if (upper === 'MB') return value;
  if (upper === 'GB') return value * MB_PER_GB;
  return undefined;
}
