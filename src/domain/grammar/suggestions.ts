/**
 * Did-you-mean for VSP names, and matching a typed VSP name against the fleet. Host names are
 * case-insensitive (DNS), so `VSP2` finds `vsp2` and the request carries the fleet's spelling.
 */
import { distance } from 'fastest-levenshtein';
import { isAllowedName } from '../names.ts';
import { fail, ok, type VspResolver } from './problem.ts';
import { showToken } from './characters.ts';

const MAX_DISTANCE = 2;
const MAX_SUGGESTIONS = 3;

/**
 * Up to 3 candidates within edit distance 2 of the input, or where one is a prefix of the other
 * (`vsp` → `vsp1`; `vsp1.example.com` → `vsp1`), nearest first, then by name. Case-insensitive.
 * Only allowed names are suggested: a suggestion has to be something the user can type back.
 */
export function suggestNames(input: string, candidates: readonly string[]): string[] {
  const needle = input.toLowerCase();
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    if (!isAllowedName(name)) continue;
    const lower = name.toLowerCase();
    const d = distance(needle, lower);
    if (d <= MAX_DISTANCE || lower.startsWith(needle) || needle.startsWith(lower)) scored.push({ name, distance: d });
  }
  // Plain code-unit comparison, not localeCompare: the order must not depend on the host's locale.
  scored.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.name);
}

function listForMessage(names: readonly string[]): string {
  const shown = names.map(showToken);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1] ?? ''}`;
}

/** Without a fleet, VSP names are only allow-list checked (by the caller); with one, they must be in it. */
export function vspResolver(knownVsps: readonly string[] | undefined): VspResolver {
  if (knownVsps === undefined) return ok;
  return (name) => {
    if (knownVsps.includes(name)) return ok(name);
    const lower = name.toLowerCase();
    const match = knownVsps.find((known) => known.toLowerCase() === lower && isAllowedName(known));
    if (match !== undefined) return ok(match);
    const suggestions = suggestNames(name, knownVsps);
    const tail = suggestions.length === 0 ? '.' : `; did you mean ${listForMessage(suggestions)}?`;
    return fail('unknown_vsp', `${showToken(name)} is not a VSP of the fleet${tail}`, suggestions);
  };
}
