import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../../../src/adapters/slack/blocks/preview-message.ts';
import { applyPrechecks } from '../../../../../src/domain/plan/apply-prechecks.ts';
import { planMigration } from '../../../../../src/domain/plan/plan-migration.ts';
import { makeMigrateRequest, makePlanInput } from '../../../../support/builders.ts';
import { blockKitProblems } from '../../../../support/block-kit-validator.ts';
import { APPROVERS, makeRequestRecord, NOW } from './message-fixtures.ts';

const HOSTILE = '<!channel> <@U1> &lt;';

describe('user and host text in the preview', () => {
  const plan = planMigration(makeMigrateRequest({ reason: HOSTILE }), makePlanInput());
  const message = buildPreview({
    request: makeRequestRecord({ text: `vm01 to vsp2 --reason "${HOSTILE}"`, reason: HOSTILE }),
    plan,
    approvers: APPROVERS,
    now: NOW,
  });
  const intro = message.blocks[1]?.type === 'section' ? (message.blocks[1].text?.text ?? '') : '';

  it('is shown, not triggered: escaped exactly once', () => {
    expect(intro).toContain('*Reason:* &lt;!channel&gt; &lt;@U1&gt; &amp;lt;');
    expect(intro).not.toContain('&amp;amp;');
    expect(intro).not.toContain('<!channel>');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('keeps the only real mentions to the requester and the approvers', () => {
    const mentions = JSON.stringify(message).match(/<(?:@|!(?!date))[^>]*>/g) ?? [];
    expect(new Set(mentions)).toEqual(new Set(['<@U0REQ>', '<@U0APPR1>', '<@U0APPR2>', '<!subteam^S0OPS>']));
  });
});

describe('hpvmmigrate output in a failed pre-check', () => {
  const output = 'hpvmmigrate: ERROR (vsp2): ``` <!here> vswitch validation failed ```';
  const plan = applyPrechecks(
    planMigration(makeMigrateRequest(), makePlanInput()),
    [{ guest: 'vm01', exitCode: 1, output }],
    1,
  );
  const message = buildPreview({ request: makeRequestRecord(), plan, approvers: APPROVERS, now: NOW });
  const text = JSON.stringify(message.blocks);

  it('is escaped and cannot open or close a code block', () => {
    expect(plan.blocked[0]?.checks.at(-1)?.rule).toBe('hp-precheck');
    expect(blockKitProblems(message)).toEqual([]);
    expect(text).toContain('&lt;!here&gt; vswitch validation failed');
    expect(text).not.toContain('<!here>');
    expect(text).toContain('`\u200B`\u200B`');
  });
});
