/**
 * The allow-list for every name that can reach a command line: guests and VSPs (docs/architecture.md, "Chat surface").
 * A name that fails this test never leaves the grammar, and the command renderer checks it again.
 */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isAllowedName(text: string): boolean {
  return NAME_PATTERN.test(text);
}

/** Request ids as the bot prints them (`REQ-42`); matched case-insensitively in `/migrate status|cancel`. */
export const REQUEST_ID_PATTERN = /^REQ-[0-9]{1,9}$/i;
