/**
 * `/migrate` text → Request or UsageError (docs/architecture.md, "Chat surface"). Pure and total: every string, however
 * hostile, yields one of the two, and every name in a Request has passed the allow-list in names.ts.
 *
 * Pipeline: unescape Slack's `&amp; &lt; &gt;` → length limit → unwrap link markup → tokens → the form
 * named by the first word (a subcommand) or else a move.
 */
import type { ParseOutcome, UsageError } from '../request.ts';
import { parseMigrate } from './parse-migrate.ts';
import { parseSubcommand, subcommandOf } from './parse-subcommands.ts';
import type { Problem } from './problem.ts';
import { truncateForEcho, unescapeSlackText, unwrapSlackLinks } from './slack-text.ts';
import { vspResolver } from './suggestions.ts';
import { tokenize } from './tokenize.ts';
import { FORMS, type CommandForm } from './usage.ts';

export interface ParseContext {
  /** The fleet's VSP names; when given, every VSP named in the text must be one of them. */
  readonly knownVsps?: readonly string[];
}

/** Slack caps slash-command text well below this; anything longer is not a command someone typed. */
export const MAX_INPUT_LENGTH = 4000;
/** How much of the input a usage error echoes back. */
export const MAX_ECHO_LENGTH = 200;

/*
 * Every field of a UsageError is text for a person, not yet escaped for Slack: usage lines contain
 * `<vsp>`, and messages quote the user's tokens (hidden characters made visible, truncated). The
 * renderer passes each field through escapeMrkdwn once. `input` is the text after unescaping, i.e.
 * what the user typed, not Slack's escaped transport form, so it is not escaped twice either.
 */
function usageError(form: CommandForm, problem: Problem, typed: string): ParseOutcome {
  const help = FORMS[form];
  const error: UsageError = {
    code: problem.code,
    message: problem.message,
    usage: help.usage,
    example: help.example,
    input: truncateForEcho(typed, MAX_ECHO_LENGTH),
    ...(problem.suggestions === undefined ? {} : { suggestions: problem.suggestions }),
  };
  return { ok: false, error };
}

export function parseMigrateText(text: string, context: ParseContext = {}): ParseOutcome {
  const typed = unescapeSlackText(text);
  if (typed.length > MAX_INPUT_LENGTH) {
    const message = `The command is ${typed.length} characters long; at most ${MAX_INPUT_LENGTH} are accepted.`;
    return usageError('migrate', { code: 'input_too_long', message }, typed);
  }
  const tokens = tokenize(unwrapSlackLinks(typed));
  if (tokens.length === 0) {
    const message = 'The command is empty; `/migrate help` lists what it can do.';
    return usageError('migrate', { code: 'empty_input', message }, typed);
  }
  const resolveVsp = vspResolver(context.knownVsps);
  const form = subcommandOf(tokens[0]);
  const step = form === undefined ? parseMigrate(tokens, resolveVsp) : parseSubcommand(form, tokens, resolveVsp);
  return step.ok ? { ok: true, request: step.value } : usageError(form ?? 'migrate', step.problem, typed);
}
