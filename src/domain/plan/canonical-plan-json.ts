import { compareText } from '../rules/compare-text.ts';
import type { Plan } from './plan-types.ts';

/**
 * The plan as JSON with object keys sorted at every level and undefined members left out, so equal
 * plans give equal strings whatever order their objects were built in: the app hashes this and the
 * runner executes the stored copy.
 */
export function canonicalPlanJson(plan: Plan): string {
  return canonicalJson(plan);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareText)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
