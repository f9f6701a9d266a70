import { describe, expect, it } from 'vitest';
import { parseMigrateText, type ParseContext } from '../../../../src/domain/grammar/parse-migrate-text.ts';
import type {
  MigrateRequest,
  ParseOutcome,
  Request,
  UsageError,
  UsageErrorCode,
} from '../../../../src/domain/request.ts';

function move(fields: Partial<MigrateRequest> & Pick<MigrateRequest, 'guests' | 'to'>): MigrateRequest {
  return { kind: 'migrate', stop: false, start: false, deleteSource: false, checkOnly: false, ...fields };
}

function requestOf(outcome: ParseOutcome): Request {
  if (!outcome.ok) throw new Error(`expected a request, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.request;
}

export function errorOf(outcome: ParseOutcome): UsageError {
  if (outcome.ok) throw new Error(`expected a usage error, got ${JSON.stringify(outcome.request)}`);
  return outcome.error;
}

const FLEET: ParseContext = { knownVsps: ['vsp1', 'vsp2', 'vsp3', 'VSP10', 'bl870c-a'] };

describe('parseMigrateText: requests', () => {
  it.each<[string, Request]>([
    ['vm1 to vsp2', move({ guests: ['vm1'], to: 'vsp2' })],
    ['vm1 vm2 vm3 to vsp2', move({ guests: ['vm1', 'vm2', 'vm3'], to: 'vsp2' })],
    ['vm1,vm2 vm3 to vsp2', move({ guests: ['vm1', 'vm2', 'vm3'], to: 'vsp2' })],
    ['vm1, vm2 ,vm3, to vsp2', move({ guests: ['vm1', 'vm2', 'vm3'], to: 'vsp2' })],
    ['vm1 from vsp1 to vsp2', move({ guests: ['vm1'], from: 'vsp1', to: 'vsp2' })],
    ['vm1 to vsp2 from vsp1', move({ guests: ['vm1'], from: 'vsp1', to: 'vsp2' })],
    ['vm1 From vsp1 TO vsp2 ONLINE', move({ guests: ['vm1'], from: 'vsp1', to: 'vsp2', mode: 'online' })],
    ['vm1 to vsp2 online --delete-source', move({ guests: ['vm1'], to: 'vsp2', mode: 'online', deleteSource: true })],
    ['vm1 online to vsp2', move({ guests: ['vm1'], to: 'vsp2', mode: 'online' })],
    [
      'vm1 to vsp2 offline --stop --start --delete-source --check',
      move({
        guests: ['vm1'],
        to: 'vsp2',
        mode: 'offline',
        stop: true,
        start: true,
        deleteSource: true,
        checkOnly: true,
      }),
    ],
    ['vm1 to vsp2 --STOP', move({ guests: ['vm1'], to: 'vsp2', stop: true })],
    ['vm1 to vsp2 —stop –start', move({ guests: ['vm1'], to: 'vsp2', stop: true, start: true })],
    ['vm1 to vsp2 --reason "kernel patching"', move({ guests: ['vm1'], to: 'vsp2', reason: 'kernel patching' })],
    [
      "vm1 to vsp2 --reason 'kernel patching' --check",
      move({ guests: ['vm1'], to: 'vsp2', reason: 'kernel patching', checkOnly: true }),
    ],
    [
      'vm1 to vsp2 --reason “smart quotes” offline',
      move({ guests: ['vm1'], to: 'vsp2', reason: 'smart quotes', mode: 'offline' }),
    ],
    ['vm1 to vsp2 --reason ‘it’s late’', move({ guests: ['vm1'], to: 'vsp2', reason: 'it’s late' })],
    ["vm1 to vsp2 --reason 'it's late'", move({ guests: ['vm1'], to: 'vsp2', reason: "it's late" })],
    [
      'vm1 to vsp2 --reason host   upgrade,\n  see OPS-1 --stop',
      move({ guests: ['vm1'], to: 'vsp2', reason: 'host upgrade, see OPS-1 --stop' }),
    ],
    ['vm1 to vsp2 --reason="a b" --check', move({ guests: ['vm1'], to: 'vsp2', reason: 'a b', checkOnly: true })],
    ['  vm1\tto\nvsp2  ', move({ guests: ['vm1'], to: 'vsp2' })],
    ['vm1\u00a0to\u3000vsp2', move({ guests: ['vm1'], to: 'vsp2' })],
    ['vm1 to <http://vsp2.example|vsp2.example>', move({ guests: ['vm1'], to: 'vsp2.example' })],
    ['vm1 to <http://vsp2.example/>', move({ guests: ['vm1'], to: 'vsp2.example' })],
    ['vm1 to <https://vsp2.example>', move({ guests: ['vm1'], to: 'vsp2.example' })],
    [
      'vm1 to vsp2 --reason ticket &lt;OPS-1&gt; &amp; more',
      move({ guests: ['vm1'], to: 'vsp2', reason: 'ticket <OPS-1> & more' }),
    ],
    ['VM1 vm1 to vsp2', move({ guests: ['VM1', 'vm1'], to: 'vsp2' })],
    [`${'a'.repeat(64)} to vsp2`, move({ guests: ['a'.repeat(64)], to: 'vsp2' })],
    ['9lives to vsp2', move({ guests: ['9lives'], to: 'vsp2' })],
    ['vm1 list to vsp2', move({ guests: ['vm1', 'list'], to: 'vsp2' })],
    ['evacuate vsp1', { kind: 'evacuate', vsp: 'vsp1', targets: [] }],
    ['EVACUATE vsp1 to vsp2,vsp3', { kind: 'evacuate', vsp: 'vsp1', targets: ['vsp2', 'vsp3'] }],
    ['evacuate vsp1 to vsp2, vsp3 vsp2', { kind: 'evacuate', vsp: 'vsp1', targets: ['vsp2', 'vsp3'] }],
    ['return vsp1', { kind: 'return', vsp: 'vsp1' }],
    ['balance', { kind: 'balance' }],
    ['status', { kind: 'status' }],
    ['status req-42', { kind: 'status', subject: { type: 'request', id: 'REQ-42' } }],
    ['status vm1', { kind: 'status', subject: { type: 'name', name: 'vm1' } }],
    ['status REQ-abc', { kind: 'status', subject: { type: 'name', name: 'REQ-abc' } }],
    ['list', { kind: 'list' }],
    ['history', { kind: 'history' }],
    ['history vsp1', { kind: 'history', name: 'vsp1' }],
    ['cancel Req-7', { kind: 'cancel', requestId: 'REQ-7' }],
    ['Help', { kind: 'help' }],
  ])('%j', (text, expected) => {
    expect(requestOf(parseMigrateText(text))).toEqual(expected);
  });

  it.each<[string, Request]>([
    ['vm1 from VSP1 to Vsp2', move({ guests: ['vm1'], from: 'vsp1', to: 'vsp2' })],
    ['vm1 to vsp10', move({ guests: ['vm1'], to: 'VSP10' })],
    ['evacuate BL870C-A to vsp1,VSP1', { kind: 'evacuate', vsp: 'bl870c-a', targets: ['vsp1'] }],
    ['return vsp3', { kind: 'return', vsp: 'vsp3' }],
    ['history not-a-vsp', { kind: 'history', name: 'not-a-vsp' }],
  ])('%j with a fleet: VSPs take the fleet spelling', (text, expected) => {
    expect(requestOf(parseMigrateText(text, FLEET))).toEqual(expected);
  });
});

describe('parseMigrateText: usage errors', () => {
  it.each<[string, UsageErrorCode, string]>([
    ['', 'empty_input', '`/migrate help`'],
    [' \n\t , ', 'empty_input', 'empty'],
    ['x'.repeat(4001), 'input_too_long', '4001 characters'],
    ['vm1 to', 'missing_target', '`to` must be followed'],
    ['vm1 vm2', 'missing_target', '`to <vsp>`'],
    ['vm1 from vsp1 --stop', 'missing_target', '`to <vsp>`'],
    ['vm1 to --stop', 'missing_target', '`to` must be followed'],
    ['vm1 to vsp2 to vsp3', 'multiple_targets', 'given twice'],
    ['vm1 to vsp2 to vsp2', 'multiple_targets', 'given twice'],
    ['vm1 to vsp2,vsp3', 'multiple_targets', '`vsp3` is a second one'],
    ['vm1 from vsp1 from vsp3 to vsp2', 'multiple_sources', 'given twice'],
    ['vm1 from vsp1, vsp3 to vsp2', 'multiple_sources', '`vsp3`'],
    ['vm1 from to vsp2', 'missing_argument', '`from` must be followed'],
    ['to vsp2', 'missing_guest', 'guests'],
    ['online vm1 to vsp2', 'missing_guest', 'guests first'],
    ['vm1 vm2 vm1 to vsp2', 'duplicate_guest', '`vm1` is named twice'],
    ['vm1 from vsp1 to vsp1', 'same_source_and_target', '`vsp1` is both'],
    ['vm1 from VSP1 to vsp1', 'same_source_and_target', 'both'],
    ['vm1 to vsp2 online offline', 'conflicting_options', 'choose one'],
    ['vm1 to vsp2 online --stop', 'conflicting_options', '`--stop` belongs to an offline move'],
    ['vm1 to vsp2 --start online', 'conflicting_options', '`--start`'],
    ['vm1 to vsp2 online online', 'duplicate_option', '`online` is given twice'],
    ['vm1 to vsp2 --check --check', 'duplicate_option', '`--check`'],
    ['vm1 to vsp2 --stop —stop', 'duplicate_option', '`--stop`'],
    ['vm1 to vsp2 --reason "a" --reason "b"', 'duplicate_option', '`--reason`'],
    ['vm1 to vsp2 --now', 'unknown_option', '`--now`'],
    ['vm1 to vsp2 -o', 'unknown_option', 'did you mean `online`'],
    ['vm1 to vsp2 -D', 'unknown_option', 'did you mean `--delete-source`'],
    ['vm1 to vsp2 --offline', 'unknown_option', 'did you mean `offline`'],
    ['vm1 to vsp2 -F', 'forbidden_option', 'never used'],
    ['vm1 to vsp2 --force', 'forbidden_option', 'safety checks'],
    ['vm1 to vsp2 —FORCE', 'forbidden_option', 'never used'],
    ['vm1 to vsp2 -oF', 'forbidden_option', 'never used'],
    ['-F vm1 to vsp2', 'forbidden_option', 'never used'],
    ['vm1 to -F', 'forbidden_option', 'never used'],
    ['evacuate vsp1 -F', 'forbidden_option', 'never used'],
    ['vm1 to vsp2 vm3', 'unexpected_argument', 'guests come first'],
    ['vm1 to vsp2 --reason', 'missing_argument', 'needs a text'],
    ['vm1 to vsp2 --reason ""', 'missing_argument', 'needs a text'],
    ['vm1 to vsp2 --reason "unclosed', 'unbalanced_quote', '(`"`)'],
    ["vm1 to vsp2 --reason 'it's", 'unbalanced_quote', "(`'`)"],
    ['vm1 to vsp2 --reason “smart', 'unbalanced_quote', '(`“`)'],
    [`vm1 to vsp2 --reason ${'r'.repeat(501)}`, 'invalid_reason', '501 characters'],
    ['vm1 to vsp2 --reason bell\u0007', 'invalid_reason', 'U+0007'],
    ['vm1 to vsp2 --reason safe\u202Eevil', 'invalid_reason', 'RIGHT-TO-LEFT OVERRIDE'],
    ['evacuate', 'missing_argument', 'needs the VSP'],
    ['evacuate to vsp2', 'missing_argument', 'needs the VSP'],
    ['evacuate vsp1 vsp2', 'unexpected_argument', '`vsp2` is unexpected'],
    ['evacuate vsp1 to', 'missing_target', 'one or more VSPs'],
    ['evacuate vsp1 to vsp2 --stop', 'unexpected_argument', '`--stop` is unexpected'],
    ['evacuate vsp1 to vsp2,VSP1', 'same_source_and_target', 'cannot be a target'],
    ['return', 'missing_argument', 'needs the VSP'],
    ['return vsp1 to vsp2', 'unexpected_argument', '`return` takes one VSP'],
    ['balance now', 'unexpected_argument', '`balance` takes no arguments'],
    ['list all', 'unexpected_argument', '`list` takes no arguments'],
    ['list to vsp2', 'unexpected_argument', '`to` is unexpected'],
    ['help migrate', 'unexpected_argument', '`help` takes no arguments'],
    ['status vm1 vm2', 'unexpected_argument', '`vm2` is unexpected'],
    ['status --reason x', 'unexpected_argument', '`--reason` is unexpected'],
    ['history vm1 vsp1', 'unexpected_argument', '`vsp1` is unexpected'],
    ['status vm;1', 'invalid_name', "contains ';'"],
    ['history .hidden', 'invalid_name', "starts with '.'"],
    ['history ../etc', 'invalid_name', "contains '/'"],
    ['cancel', 'missing_argument', 'needs the id'],
    ['cancel 42', 'invalid_request_id', '`REQ-42`'],
    ['cancel REQ-1234567890', 'invalid_request_id', 'not a request id'],
    ['cancel REQ-1 REQ-2', 'unexpected_argument', '`REQ-2` is unexpected'],
  ])('%j → %s', (text, code, fragment) => {
    const error = errorOf(parseMigrateText(text));
    expect(error.code).toBe(code);
    expect(error.message).toContain(fragment);
  });

  it.each<[string, string]>([
    ['evacuate vsp1 to vsp2', '/migrate evacuate <vsp> [to <vsp>[,<vsp>...]]'],
    ['return', '/migrate return <vsp>'],
    ['balance x', '/migrate balance'],
    ['status a b', '/migrate status [<request>|<vm>]'],
    ['list x', '/migrate list'],
    ['history a b', '/migrate history [<vm>|<vsp>]'],
    ['cancel x', '/migrate cancel <request>'],
    ['help x', '/migrate help'],
    [
      'vm1',
      '/migrate <vm> [<vm> ...] [from <vsp>] to <vsp> [online|offline] [--stop] [--start] [--delete-source] [--check] [--reason <text>]',
    ],
  ])('%j shows the usage line of the form attempted', (text, usage) => {
    const outcome = parseMigrateText(text, { knownVsps: ['vsp1'] });
    expect(errorOf(outcome).usage).toBe(usage);
  });
});
