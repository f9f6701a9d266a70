import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  lockConflictMessage,
  refusalMessage,
  usageErrorMessage,
} from '../../../../../src/adapters/slack/blocks/ephemeral-messages.ts';
import type { ClickRefusal } from '../../../../../src/ports.ts';
import { parseMigrateText } from '../../../../../src/domain/grammar/parse-migrate-text.ts';
import type { ParseOutcome, UsageError } from '../../../../../src/domain/request.ts';
import { APPROVERS, show, valid } from './message-fixtures.ts';

function errorOf(outcome: ParseOutcome): UsageError {
  if (outcome.ok) throw new Error('expected a usage error');
  return outcome.error;
}

const FLEET = { knownVsps: ['vsp1', 'vsp2', 'vsp3'] };

describe('usageErrorMessage', () => {
  it('says what was wrong, the usage line, an example, the input echoed and a did-you-mean', () => {
    const error = errorOf(parseMigrateText('vm01 to vps2', FLEET));
    expect(show(usageErrorMessage(error))).toMatchInlineSnapshot(`
      "text: \`vps2\` is not a VSP of the fleet; did you mean \`vsp2\`?

      [section]
      ✗ *\`vps2\` is not a VSP of the fleet; did you mean \`vsp2\`?*
      *Usage:* \`/migrate &lt;vm&gt; [&lt;vm&gt; ...] [from &lt;vsp&gt;] to &lt;vsp&gt; [online|offline] [--stop] [--start] [--delete-source] [--check] [--reason &lt;text&gt;]\`
      *Example:* \`/migrate vm1 vm2 from vsp1 to vsp2 online --reason "kernel patching"\`

      [section]
      *You typed:*
      \`\`\`
      vm01 to vps2
      \`\`\`"
    `);
  });

  it('echoes a mention as text, and a ``` in the input cannot break out of the echo', () => {
    const error = errorOf(parseMigrateText('<!channel> to vsp2 ``` <@U123>', FLEET));
    const message = valid(usageErrorMessage(error));
    const text = JSON.stringify(message);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('lists suggestions the message does not already name', () => {
    const error: UsageError = {
      code: 'unknown_option',
      message: 'Unknown option `--stpo`.',
      usage: '/migrate <vm> to <vsp>',
      example: '/migrate vm1 to vsp2',
      input: 'vm01 to vsp2 --stpo',
      suggestions: ['--stop', '--start'],
    };
    expect(JSON.stringify(valid(usageErrorMessage(error)).blocks)).toContain('*Did you mean* `--stop`, `--start`?');
  });

  it('echoes at most 300 characters of a long input', () => {
    const message = valid(
      usageErrorMessage({ ...errorOf(parseMigrateText('vm01 to vsp2 -F', FLEET)), input: 'x'.repeat(5000) }),
    );
    expect(JSON.stringify(message.blocks)).toContain(`${'x'.repeat(299)}…`);
    expect(JSON.stringify(message.blocks)).not.toContain('x'.repeat(300));
  });
});

describe('refusalMessage', () => {
  const refusals: ClickRefusal[] = [
    { requestId: 'REQ-7', reason: 'self-approval' },
    { requestId: 'REQ-7', reason: 'not-approver', approvers: APPROVERS },
    { requestId: 'REQ-7', reason: 'already-approved' },
    { requestId: 'REQ-7', reason: 'expired', at: '2025-03-01T10:30:00.000Z' },
    { requestId: 'REQ-7', reason: 'superseded', changed: 'vm01 is now on vsp3' },
    { requestId: 'REQ-7', reason: 'already-handled', state: 'rejected', by: 'U0APPR2' },
    { requestId: 'REQ-7', reason: 'wrong-channel', channelId: 'C0OPS' },
    { requestId: 'REQ-7', reason: 'wrong-channel', channelId: '<!channel>' },
    {
      requestId: 'REQ-7',
      reason: 'stale-click',
      detail: 'the buttons clicked are of an older version of the preview (v1; now v3)',
    },
    { requestId: 'REQ-7', reason: 'stale-click', detail: '<!here> forged' },
    { requestId: 'REQ-7', reason: 'already-handled', state: 'needs_attention' },
  ];

  it('gives the reason for every kind of refused click', () => {
    expect(refusals.map((refusal) => valid(refusalMessage(refusal)).text).join('\n')).toMatchInlineSnapshot(`
      "✗ You asked for REQ-7, so you cannot approve it: a second person must (four eyes). Nothing was done.
      ✗ You are not an approver of REQ-7; <@U0APPR1>, <@U0APPR2> or members of <!subteam^S0OPS> may approve it. Nothing was done.
      ✗ You already approved REQ-7; it needs another approver. Nothing more was done.
      ✗ REQ-7 expired <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC>; nothing ran. Ask again with /migrate for a fresh preview.
      ✗ REQ-7 was superseded: the inventory changed since its preview (vm01 is now on vsp3). Nothing ran; use the newest preview or ask again.
      ✗ REQ-7 is already rejected by <@U0APPR2>; your click changed nothing.
      ✗ REQ-7 cannot be approved from this channel: the bot is not allowed to act here. It is handled in <#C0OPS>.
      ✗ REQ-7 cannot be approved from this channel: the bot is not allowed to act here.
      ✗ That message is not the current preview of REQ-7 (the buttons clicked are of an older version of the preview (v1; now v3)): nothing was done. Look at the latest message and click there.
      ✗ That message is not the current preview of REQ-7 (&lt;!here&gt; forged): nothing was done. Look at the latest message and click there.
      ✗ REQ-7 is already waiting for a move of unknown outcome to be settled; your click changed nothing."
    `);
  });
});

describe('lockConflictMessage', () => {
  it('names the request holding the guest, with a link when there is one', () => {
    const withLink = valid(
      lockConflictMessage({
        guest: 'vm01',
        requestId: 'REQ-12',
        state: 'pending',
        link: 'https://example.slack.com/archives/C0OPS/p1740823200000100?a=1&b=2',
      }),
    );
    expect(withLink.text).toMatchInlineSnapshot(
      `"✗ vm01 is in REQ-12 (pending) — see <https://example.slack.com/archives/C0OPS/p1740823200000100?a=1&amp;b=2|REQ-12>. A guest with an unfinished move in another request cannot be touched; wait for REQ-12 to finish or ask for it to be cancelled."`,
    );
    const withoutLink = valid(lockConflictMessage({ guest: 'vm01', requestId: 'REQ-12', state: 'running' }));
    expect(withoutLink.text).toContain('see `/migrate status REQ-12`');
  });

  it('says how a lock held by a move of unknown outcome ends', () => {
    const message = valid(lockConflictMessage({ guest: 'vm01', requestId: 'REQ-12', state: 'needs_attention' }));
    expect(message.text).toMatchInlineSnapshot(
      `"✗ vm01 is in REQ-12 (needs attention) — see \`/migrate status REQ-12\`. A guest with an unfinished move in another request cannot be touched; wait until its move of unknown outcome is settled (an approver can do it with \`/migrate resolve REQ-12\`)."`,
    );
  });

  it('does not turn a bad link into markup', () => {
    const message = valid(
      lockConflictMessage({ guest: 'vm01', requestId: 'REQ-12', state: 'pending', link: 'javascript:x|<!channel>' }),
    );
    expect(message.text).not.toContain('javascript');
  });
});

describe('errorMessage', () => {
  it('says what went wrong and what the operator should do next', () => {
    expect(
      show(
        errorMessage({
          what: 'vsp2 did not answer over SSH (connect timed out after 10000 ms)',
          nextStep: 'Check that vsp2 is up and reachable from the bot host, then run the command again.',
          reference: 'REQ-7',
        }),
      ),
    ).toMatchInlineSnapshot(`
      "text: vsp2 did not answer over SSH (connect timed out after 10000 ms)

      [section]
      ✗ *vsp2 did not answer over SSH (connect timed out after 10000 ms)*
      *Next step:* Check that vsp2 is up and reachable from the bot host, then run the command again.
      _Reference: \`REQ-7\`_"
    `);
  });
});
