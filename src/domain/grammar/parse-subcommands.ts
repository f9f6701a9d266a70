/**
 * The forms other than a move: `evacuate`, `return`, `balance`, `status`, `list`, `history`, `cancel`,
 * `help`. Each takes exactly its arguments. The subcommand is recognised only as the first word
 * (case-insensitive), so a guest named `list` can still be moved when another guest is named first,
 * but `/migrate list to vsp2` is the list form with a stray argument.
 */
import { REQUEST_ID_PATTERN } from '../names.ts';
import type { EvacuateRequest, Request, ReturnRequest } from '../request.ts';
import { showToken } from './characters.ts';
import { keywordOf, looksLikeOption, optionProblem } from './options.ts';
import { checkName, fail, ok, type Step, type VspResolver } from './problem.ts';
import type { Token, WordToken } from './tokenize.ts';
import type { CommandForm } from './usage.ts';

export type Subcommand = Exclude<CommandForm, 'migrate'>;

const SUBCOMMANDS: ReadonlySet<string> = new Set<Subcommand>([
  'evacuate',
  'return',
  'balance',
  'status',
  'list',
  'history',
  'cancel',
  'resolve',
  'help',
]);

const TAKES: Readonly<Record<Subcommand, string>> = {
  evacuate: '`evacuate` takes one VSP, then optionally `to` and the VSPs the guests may go to',
  return: '`return` takes one VSP',
  balance: '`balance` takes no arguments',
  status: '`status` takes at most one request id or guest name',
  list: '`list` takes no arguments',
  history: '`history` takes at most one guest or VSP name',
  cancel: '`cancel` takes one request id',
  resolve: '`resolve` takes a request id, optionally a guest, then `done` or `failed`',
  help: '`help` takes no arguments',
};

export function subcommandOf(token: Token | undefined): Subcommand | undefined {
  if (token?.kind !== 'word') return undefined;
  const lower = token.text.toLowerCase();
  return SUBCOMMANDS.has(lower) ? (lower as Subcommand) : undefined;
}

/** A word that can be an argument: not an option, not `--reason`, not one of the migrate keywords. */
function isArgument(token: Token | undefined): token is WordToken {
  return token?.kind === 'word' && !looksLikeOption(token.text) && keywordOf(token.text) === undefined;
}

/** A forbidden or unknown option is reported as such wherever it stands; `-F` must always be named. */
function optionAt(token: Token | undefined): Step<never> | undefined {
  if (token?.kind !== 'word' || !looksLikeOption(token.text)) return undefined;
  const problem = optionProblem(token.text);
  return problem === undefined ? undefined : { ok: false, problem };
}

function missing(token: Token | undefined, message: string): Step<never> {
  return optionAt(token) ?? fail('missing_argument', message);
}

function unexpected(form: Subcommand, token: Token): Step<never> {
  return optionAt(token) ?? fail('unexpected_argument', `${TAKES[form]}, so ${showToken(token.text)} is unexpected.`);
}

function noMoreAfter(form: Subcommand, tokens: readonly Token[], index: number): Step<null> {
  const extra = tokens[index];
  return extra === undefined ? ok(null) : unexpected(form, extra);
}

function parseEvacuate(tokens: readonly Token[], resolveVsp: VspResolver): Step<EvacuateRequest> {
  const vspToken = tokens[1];
  if (!isArgument(vspToken)) return missing(vspToken, '`evacuate` needs the VSP to empty.');
  const vsp = checkName(vspToken.text, 'VSP');
  if (!vsp.ok) return vsp;
  const targets: string[] = [];
  let index = 2;
  const toToken = tokens[2];
  if (toToken?.kind === 'word' && keywordOf(toToken.text) === 'to') {
    // Targets may be separated by commas and/or spaces, as guests are.
    for (index = 3; isArgument(tokens[index]); index++) {
      const target = checkName((tokens[index] as WordToken).text, 'VSP');
      if (!target.ok) return target;
      if (target.value.toLowerCase() === vsp.value.toLowerCase()) {
        return fail(
          'same_source_and_target',
          `${showToken(vsp.value)} is the VSP being evacuated, so it cannot be a target.`,
        );
      }
      targets.push(target.value);
    }
    if (targets.length === 0) {
      return (
        optionAt(tokens[index]) ??
        fail('missing_target', '`to` must be followed by one or more VSPs, separated by commas.')
      );
    }
  }
  const rest = noMoreAfter('evacuate', tokens, index);
  if (!rest.ok) return rest;
  const source = resolveVsp(vsp.value);
  if (!source.ok) return source;
  const resolved = new Set<string>();
  for (const target of targets) {
    const known = resolveVsp(target);
    if (!known.ok) return known;
    // A target named twice is harmless: the allowed set is the same, so it is merged, not rejected.
    resolved.add(known.value);
  }
  return ok({ kind: 'evacuate', vsp: source.value, targets: [...resolved] });
}

function parseReturn(tokens: readonly Token[], resolveVsp: VspResolver): Step<ReturnRequest> {
  const vspToken = tokens[1];
  if (!isArgument(vspToken)) return missing(vspToken, '`return` needs the VSP whose guests come back.');
  const vsp = checkName(vspToken.text, 'VSP');
  if (!vsp.ok) return vsp;
  const rest = noMoreAfter('return', tokens, 2);
  if (!rest.ok) return rest;
  const known = resolveVsp(vsp.value);
  return known.ok ? ok({ kind: 'return', vsp: known.value }) : known;
}

/** `status REQ-42` (any case) is a request; anything else that is an allowed name is a guest. */
function parseStatus(tokens: readonly Token[]): Step<Request> {
  const subject = tokens[1];
  if (subject === undefined) return ok({ kind: 'status' });
  if (!isArgument(subject)) return unexpected('status', subject);
  const rest = noMoreAfter('status', tokens, 2);
  if (!rest.ok) return rest;
  if (REQUEST_ID_PATTERN.test(subject.text)) {
    return ok({ kind: 'status', subject: { type: 'request', id: subject.text.toUpperCase() } });
  }
  const name = checkName(subject.text, 'Name');
  return name.ok ? ok({ kind: 'status', subject: { type: 'name', name: name.value } }) : name;
}

function parseHistory(tokens: readonly Token[]): Step<Request> {
  const subject = tokens[1];
  if (subject === undefined) return ok({ kind: 'history' });
  if (!isArgument(subject)) return unexpected('history', subject);
  const rest = noMoreAfter('history', tokens, 2);
  if (!rest.ok) return rest;
  const name = checkName(subject.text, 'Name');
  return name.ok ? ok({ kind: 'history', name: name.value }) : name;
}

function parseCancel(tokens: readonly Token[]): Step<Request> {
  const id = tokens[1];
  if (!isArgument(id)) return missing(id, '`cancel` needs the id of the request, e.g. `REQ-42`.');
  if (!REQUEST_ID_PATTERN.test(id.text)) {
    return fail('invalid_request_id', `${showToken(id.text)} is not a request id; ids look like \`REQ-42\`.`);
  }
  const rest = noMoreAfter('cancel', tokens, 2);
  return rest.ok ? ok({ kind: 'cancel', requestId: id.text.toUpperCase() }) : rest;
}

const OUTCOMES = ['done', 'failed'] as const;

function parseResolve(tokens: readonly Token[]): Step<Request> {
  const id = tokens[1];
  if (!isArgument(id)) return missing(id, '`resolve` needs the id of the request, e.g. `REQ-42`.');
  if (!REQUEST_ID_PATTERN.test(id.text)) {
    return fail('invalid_request_id', `${showToken(id.text)} is not a request id; ids look like \`REQ-42\`.`);
  }
  const outcomeAt = (token: Token | undefined) =>
    token?.kind === 'word' ? OUTCOMES.find((outcome) => outcome === token.text.toLowerCase()) : undefined;
  let index = 2;
  let guest: string | undefined;
  if (outcomeAt(tokens[index]) === undefined && isArgument(tokens[index])) {
    const name = checkName((tokens[index] as WordToken).text, 'Guest');
    if (!name.ok) return name;
    guest = name.value;
    index += 1;
  }
  const outcome = outcomeAt(tokens[index]);
  if (outcome === undefined) {
    return tokens[index] === undefined
      ? missing(undefined, '`resolve` needs the outcome: `done` (the guest moved) or `failed` (it did not).')
      : unexpected('resolve', tokens[index] as Token);
  }
  const rest = noMoreAfter('resolve', tokens, index + 1);
  if (!rest.ok) return rest;
  return ok({ kind: 'resolve', requestId: id.text.toUpperCase(), ...(guest === undefined ? {} : { guest }), outcome });
}

export function parseSubcommand(form: Subcommand, tokens: readonly Token[], resolveVsp: VspResolver): Step<Request> {
  switch (form) {
    case 'evacuate':
      return parseEvacuate(tokens, resolveVsp);
    case 'return':
      return parseReturn(tokens, resolveVsp);
    case 'status':
      return parseStatus(tokens);
    case 'history':
      return parseHistory(tokens);
    case 'cancel':
      return parseCancel(tokens);
    case 'resolve':
      return parseResolve(tokens);
    case 'balance':
    case 'list':
    case 'help': {
      const rest = noMoreAfter(form, tokens, 1);
      return rest.ok ? ok({ kind: form }) : rest;
    }
  }
}
