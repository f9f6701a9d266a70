/**
 * The parsers' internal result: a value, or a problem (code + one-sentence message). The entry point
 * turns a problem into a UsageError by adding the usage line, example and echoed input of the form.
 */
import { isAllowedName } from '../names.ts';
import type { UsageErrorCode } from '../request.ts';
import { describeCharacter, showToken } from './characters.ts';

export interface Problem {
  readonly code: UsageErrorCode;
  readonly message: string;
  readonly suggestions?: readonly string[];
}

export type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export function ok<T>(value: T): Step<T> {
  return { ok: true, value };
}

export function fail(
  code: UsageErrorCode,
  message: string,
  suggestions?: readonly string[],
): { ok: false; problem: Problem } {
  const problem: Problem = suggestions === undefined ? { code, message } : { code, message, suggestions };
  return { ok: false, problem };
}

/** Checks a VSP name against the fleet, returning the fleet's spelling; identity when there is no fleet. */
export type VspResolver = (name: string) => Step<string>;

const ALLOWED_CHARACTER = /^[A-Za-z0-9._-]$/;
const SLACK_MENTION = /^<[@!#]/;

/** Why a token is not an allowed name (names.ts), as a clause; undefined when it is allowed. */
export function nameProblem(token: string): string | undefined {
  if (isAllowedName(token)) return undefined;
  if (token === '') return 'it is empty';
  if (SLACK_MENTION.test(token)) return 'it is a Slack mention, not a host or guest name';
  for (const ch of token) {
    if (!ALLOWED_CHARACTER.test(ch)) {
      return `it contains ${describeCharacter(ch)} (allowed: letters, digits, '.', '_', '-')`;
    }
  }
  // Only ASCII from here on, so length in UTF-16 units is the length in characters.
  if (!/^[A-Za-z0-9]/.test(token)) return `it starts with '${token.charAt(0)}' (a name starts with a letter or digit)`;
  return `it is ${token.length} characters long (at most 64)`;
}

export type NameRole = 'Guest' | 'VSP' | 'Name';

/** The allow-list check every name goes through before it can become part of a request. */
export function checkName(token: string, role: NameRole): Step<string> {
  const problem = nameProblem(token);
  if (problem === undefined) return ok(token);
  const subject = role === 'Name' ? 'Name' : `${role} name`;
  return fail('invalid_name', `${subject} ${showToken(token)} is not valid: ${problem}.`);
}
