/**
 * The `--reason` text: free text for the audit log and the preview, never part of a command line.
 * It is still checked, because approvers read it: control characters and bidi overrides could make
 * it read differently from what it is.
 */
import { describeCharacter, isSpoofingCharacter, showToken } from './characters.ts';
import { fail, ok, type Step } from './problem.ts';
import type { ReasonToken } from './tokenize.ts';

export const MAX_REASON_LENGTH = 500;

export function checkReason(token: ReasonToken): Step<string> {
  if (token.unclosedQuote !== undefined) {
    return fail('unbalanced_quote', `The reason opens a quote (${showToken(token.unclosedQuote)}) that never closes.`);
  }
  const value = token.value ?? '';
  if (value === '') return fail('missing_argument', '`--reason` needs a text, e.g. `--reason "kernel patching"`.');
  for (const ch of value) {
    if (isSpoofingCharacter(ch)) {
      return fail('invalid_reason', `The reason contains ${describeCharacter(ch)}, which could hide what it says.`);
    }
  }
  const length = Array.from(value).length;
  if (length > MAX_REASON_LENGTH) {
    return fail('invalid_reason', `The reason is ${length} characters long; at most ${MAX_REASON_LENGTH} are allowed.`);
  }
  return ok(value);
}
