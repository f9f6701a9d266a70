import { describe, expect, it } from 'vitest';
import { parseMigrateText } from '../../../../src/domain/grammar/parse-migrate-text.ts';
import { FORMS, FORM_ORDER, helpText } from '../../../../src/domain/grammar/usage.ts';
import type { UsageErrorCode } from '../../../../src/domain/request.ts';

/** One input per code; `satisfies` makes the compiler fail when a code is added without a case here. */
const ONE_INPUT_PER_CODE = {
  empty_input: '',
  input_too_long: 'x'.repeat(4001),
  invalid_name: 'vm;1 to vsp2',
  unknown_option: 'vm1 to vsp2 --fast',
  forbidden_option: 'vm1 to vsp2 -F',
  duplicate_option: 'vm1 to vsp2 --stop --stop',
  conflicting_options: 'vm1 to vsp2 online offline',
  missing_target: 'vm1 from vsp1',
  multiple_targets: 'vm1 to vsp2 to vsp3',
  multiple_sources: 'vm1 from vsp1 from vsp3 to vsp2',
  missing_guest: 'to vsp2',
  duplicate_guest: 'vm1 vm1 to vsp2',
  unknown_vsp: 'vm1 to vsp9',
  same_source_and_target: 'vm1 from vsp2 to vsp2',
  missing_argument: 'return',
  unexpected_argument: 'balance now',
  invalid_request_id: 'cancel 42',
  unbalanced_quote: 'vm1 to vsp2 --reason "oops',
  invalid_reason: `vm1 to vsp2 --reason ${'r'.repeat(501)}`,
} satisfies Record<UsageErrorCode, string>;

describe('usage errors teach', () => {
  it.each(Object.entries(ONE_INPUT_PER_CODE))('%s has a message, a usage line and an example', (code, text) => {
    const outcome = parseMigrateText(text, { knownVsps: ['vsp1', 'vsp2', 'vsp3'] });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.message).toMatch(/^\S.*[.?]$/);
    expect(outcome.error.usage.startsWith('/migrate')).toBe(true);
    expect(outcome.error.example.startsWith('/migrate')).toBe(true);
  });

  it('every example parses', () => {
    for (const form of FORM_ORDER) {
      const text = FORMS[form].example.replace(/^\/migrate /, '');
      expect(parseMigrateText(text).ok, form).toBe(true);
    }
  });

  it('shows a complete error for an unknown VSP', () => {
    expect(parseMigrateText('vm1 vm2 from vsp1 to vps2 --stop', { knownVsps: ['vsp1', 'vsp2', 'vsp3'] }))
      .toMatchInlineSnapshot(`
      {
        "error": {
          "code": "unknown_vsp",
          "example": "/migrate vm1 vm2 from vsp1 to vsp2 online --reason "kernel patching"",
          "input": "vm1 vm2 from vsp1 to vps2 --stop",
          "message": "\`vps2\` is not a VSP of the fleet; did you mean \`vsp2\`?",
          "suggestions": [
            "vsp2",
          ],
          "usage": "/migrate <vm> [<vm> ...] [from <vsp>] to <vsp> [online|offline] [--stop] [--start] [--delete-source] [--check] [--reason <text>]",
        },
        "ok": false,
      }
    `);
  });

  it('shows a complete error for a look-alike character', () => {
    expect(parseMigrateText('vm\u043e1 to vsp2 online')).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "invalid_name",
          "example": "/migrate vm1 vm2 from vsp1 to vsp2 online --reason "kernel patching"",
          "input": "vmо1 to vsp2 online",
          "message": "Guest name \`vmо1\` is not valid: it contains non-ASCII character U+043E (CYRILLIC SMALL LETTER O) that looks like 'o' (allowed: letters, digits, '.', '_', '-').",
          "usage": "/migrate <vm> [<vm> ...] [from <vsp>] to <vsp> [online|offline] [--stop] [--start] [--delete-source] [--check] [--reason <text>]",
        },
        "ok": false,
      }
    `);
  });
});

describe('helpText', () => {
  it('is built from the same usage lines and examples', () => {
    expect(helpText()).toMatchInlineSnapshot(`
      "*/migrate* moves HP Integrity VM guests between VSPs.

      \`/migrate <vm> [<vm> ...] [from <vsp>] to <vsp> [online|offline] [--stop] [--start] [--delete-source] [--check] [--reason <text>]\`
          Move guests to another VSP; you get a preview, and nothing runs until someone approves it. Example: \`/migrate vm1 vm2 from vsp1 to vsp2 online --reason "kernel patching"\`
      \`/migrate evacuate <vsp> [to <vsp>[,<vsp>...]]\`
          Plan moves of every guest away from a VSP before maintenance. Example: \`/migrate evacuate vsp1 to vsp2,vsp3\`
      \`/migrate return <vsp>\`
          Move the guests evacuated from a VSP back to it. Example: \`/migrate return vsp1\`
      \`/migrate balance\`
          Suggest moves that even out the load of the VSPs.
      \`/migrate status [<request>|<vm>]\`
          Show one request, the requests of one guest, or everything in flight. Example: \`/migrate status REQ-42\`
      \`/migrate list\`
          List pending and running requests.
      \`/migrate history [<vm>|<vsp>]\`
          Show past requests, all of them or those of one guest or VSP. Example: \`/migrate history vm1\`
      \`/migrate cancel <request>\`
          Cancel a request that has not started yet. Example: \`/migrate cancel REQ-42\`
      \`/migrate resolve <request> [<vm>] done|failed\`
          Approvers: settle a move whose outcome the bot could not establish; hpvmstatus on both VSPs must agree. Example: \`/migrate resolve REQ-42 vm1 done\`
      \`/migrate help\`
          Show this help.

      *Options of a move*
      • \`online\`: the guest keeps running (the default where the rules allow it)
      • \`offline\`: move the guest's configuration; the guest must be stopped, or add \`--stop\`
      • \`--stop\`: offline only: stop the running guest as part of the move (downtime)
      • \`--start\`: offline only: start the guest on the target afterwards
      • \`--delete-source\`: remove the copy on the source VSP after success
      • \`--check\`: run the checks only; nothing is moved
      • \`--reason <text>\`: why, for the audit log: in quotes, or the rest of the line

      *Notes*
      • Names (guests, VSPs): letters, digits, '.', '_', '-'; they start with a letter or digit; at most 64 characters.
      • Guests are separated by spaces or commas and come first; \`from\` and \`to\` may come in either order.
      • A first word such as \`list\` or \`status\` is a subcommand, so a guest with that name must not be named first; guests named \`to\`, \`from\`, \`online\` or \`offline\` cannot be moved from chat.
      • \`-F\` (force) is never used: the bot does not skip HP Integrity VM's safety checks."
    `);
  });

  it('/migrate help is the help form', () => {
    expect(parseMigrateText('help')).toEqual({ ok: true, request: { kind: 'help' } });
  });
});
