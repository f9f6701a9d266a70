/**
 * The migrate form: `<vm> [<vm> ...] [from <vsp>] to <vsp> [online|offline] [--stop] [--start]
 * [--delete-source] [--check] [--reason <text>]`.
 *
 * Rule for word order: the guests come first (spaces and/or commas between them) and end at the first
 * keyword (`from`, `to`, `online`, `offline`) or option. After that, clauses may come in any order:
 * `from <vsp>`, `to <vsp>`, the mode words and the options. A bare name after the guest list is an
 * error rather than a late guest, so `vm1 to vsp2 vm3` cannot silently mean two different things.
 * Consequence: guests named `to`, `from`, `online` or `offline` cannot be migrated from chat.
 */
import type { MigrateRequest, MigrationMode } from '../request.ts';
import { showToken } from './characters.ts';
import { classifyOption, keywordOf, looksLikeOption, optionProblem, type MigrateFlag } from './options.ts';
import { checkName, fail, ok, type Step, type VspResolver } from './problem.ts';
import { checkReason } from './reason.ts';
import type { Token, WordToken } from './tokenize.ts';

interface Draft {
  readonly guests: string[];
  from?: string;
  to?: string;
  mode?: MigrationMode;
  readonly flags: Set<MigrateFlag>;
  reason?: string;
  reasonGiven: boolean;
  /** The endpoint clause just read, so that `to vsp2,vsp3` is reported as a second target. */
  last?: 'from' | 'to';
}

const GUESTS_FIRST = 'guests come first, before `from`, `to` and the options';

function startsClause(token: Token): boolean {
  return token.kind !== 'word' || keywordOf(token.text) !== undefined || looksLikeOption(token.text);
}

function readGuests(tokens: readonly Token[], guests: string[]): Step<number> {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (startsClause(token)) break;
    const name = checkName(token.text, 'Guest');
    if (!name.ok) return name;
    // Exact comparison: HPVM guest names are case-sensitive, so `vm1` and `VM1` may both exist.
    if (seen.has(name.value)) return fail('duplicate_guest', `Guest ${showToken(name.value)} is named twice.`);
    seen.add(name.value);
    guests.push(name.value);
  }
  return ok(guests.length);
}

function readEndpoint(tokens: readonly Token[], i: number, keyword: 'from' | 'to', draft: Draft): Step<number> {
  if (keyword === 'to' && draft.to !== undefined) {
    return fail(
      'multiple_targets',
      'A migration has one target, but `to` is given twice; use `/migrate evacuate` to spread guests over several VSPs.',
    );
  }
  if (keyword === 'from' && draft.from !== undefined) {
    return fail('multiple_sources', '`from` is given twice; a request has at most one source VSP.');
  }
  const next = tokens[i + 1];
  if (next?.kind === 'word' && looksLikeOption(next.text)) {
    const problem = optionProblem(next.text);
    if (problem !== undefined) return { ok: false, problem };
  }
  if (next === undefined || startsClause(next)) {
    return keyword === 'to'
      ? fail('missing_target', '`to` must be followed by the VSP the guests go to.')
      : fail('missing_argument', '`from` must be followed by the VSP the guests are on.');
  }
  const name = checkName(next.text, 'VSP');
  if (!name.ok) return name;
  draft[keyword] = name.value;
  draft.last = keyword;
  return ok(i + 2);
}

function readMode(mode: MigrationMode, draft: Draft): Step<null> {
  if (draft.mode === mode) return fail('duplicate_option', `\`${mode}\` is given twice.`);
  if (draft.mode !== undefined)
    return fail('conflicting_options', '`online` and `offline` contradict each other: choose one.');
  const offlineFlag = draft.flags.has('--stop') ? '--stop' : draft.flags.has('--start') ? '--start' : undefined;
  if (mode === 'online' && offlineFlag !== undefined) return onlyOffline(offlineFlag);
  draft.mode = mode;
  return ok(null);
}

function onlyOffline(flag: '--stop' | '--start'): Step<never> {
  return fail('conflicting_options', `\`${flag}\` belongs to an offline move, so it cannot go with \`online\`.`);
}

function readFlag(word: string, draft: Draft): Step<null> {
  const problem = optionProblem(word);
  if (problem !== undefined) return { ok: false, problem };
  const option = classifyOption(word);
  // The tokenizer turns every `--reason` into a reason token; this branch only keeps the types honest.
  if (option.kind !== 'option' || option.name === '--reason') {
    return fail('missing_argument', '`--reason` needs a text, e.g. `--reason "kernel patching"`.');
  }
  const flag = option.name;
  if (draft.flags.has(flag)) return fail('duplicate_option', `\`${flag}\` is given twice.`);
  if ((flag === '--stop' || flag === '--start') && draft.mode === 'online') return onlyOffline(flag);
  draft.flags.add(flag);
  return ok(null);
}

function readStrayWord(token: WordToken, draft: Draft, last: 'from' | 'to' | undefined): Step<null> {
  const name = checkName(token.text, last === undefined ? 'Name' : 'VSP');
  if (!name.ok) return name;
  if (draft.guests.length === 0) return fail('missing_guest', `Name the guests first: ${GUESTS_FIRST}.`);
  if (token.commaBefore && last === 'to') {
    return fail(
      'multiple_targets',
      `A migration has one target, but ${showToken(name.value)} is a second one; use \`/migrate evacuate\` to spread guests over several VSPs.`,
    );
  }
  if (token.commaBefore && last === 'from') {
    return fail(
      'multiple_sources',
      `A request has at most one source VSP, but ${showToken(name.value)} is a second one.`,
    );
  }
  return fail('unexpected_argument', `Unexpected ${showToken(name.value)}: ${GUESTS_FIRST}.`);
}

function readClause(tokens: readonly Token[], i: number, draft: Draft): Step<number> {
  const token = tokens[i];
  if (token === undefined) return ok(tokens.length);
  const keyword = token.kind === 'word' ? keywordOf(token.text) : undefined;
  if (keyword === 'to' || keyword === 'from') return readEndpoint(tokens, i, keyword, draft);
  const last = draft.last;
  draft.last = undefined;
  if (token.kind === 'reason') {
    if (draft.reasonGiven) return fail('duplicate_option', '`--reason` is given twice.');
    draft.reasonGiven = true;
    const reason = checkReason(token);
    if (!reason.ok) return reason;
    draft.reason = reason.value;
    return ok(i + 1);
  }
  if (keyword !== undefined) {
    const mode = readMode(keyword, draft);
    return mode.ok ? ok(i + 1) : mode;
  }
  if (looksLikeOption(token.text)) {
    const flag = readFlag(token.text, draft);
    return flag.ok ? ok(i + 1) : flag;
  }
  const stray = readStrayWord(token, draft, last);
  return stray.ok ? ok(i + 1) : stray;
}

function finish(draft: Draft, resolveVsp: VspResolver): Step<MigrateRequest> {
  if (draft.guests.length === 0) return fail('missing_guest', `Name at least one guest to move: ${GUESTS_FIRST}.`);
  if (draft.to === undefined) return fail('missing_target', 'Say where the guests go with `to <vsp>`.');
  // Host names are case-insensitive, so `from VSP1 to vsp1` names one host twice.
  if (draft.from !== undefined && draft.from.toLowerCase() === draft.to.toLowerCase()) {
    return fail('same_source_and_target', `${showToken(draft.to)} is both the source and the target.`);
  }
  const from = draft.from === undefined ? undefined : resolveVsp(draft.from);
  if (from !== undefined && !from.ok) return from;
  const to = resolveVsp(draft.to);
  if (!to.ok) return to;
  return ok({
    kind: 'migrate',
    guests: draft.guests,
    ...(from === undefined ? {} : { from: from.value }),
    to: to.value,
    ...(draft.mode === undefined ? {} : { mode: draft.mode }),
    stop: draft.flags.has('--stop'),
    start: draft.flags.has('--start'),
    deleteSource: draft.flags.has('--delete-source'),
    checkOnly: draft.flags.has('--check'),
    ...(draft.reason === undefined ? {} : { reason: draft.reason }),
  });
}

export function parseMigrate(tokens: readonly Token[], resolveVsp: VspResolver): Step<MigrateRequest> {
  const draft: Draft = { guests: [], flags: new Set(), reasonGiven: false };
  const guests = readGuests(tokens, draft.guests);
  if (!guests.ok) return guests;
  for (let i = guests.value; i < tokens.length;) {
    const next = readClause(tokens, i, draft);
    if (!next.ok) return next;
    i = next.value;
  }
  return finish(draft, resolveVsp);
}
