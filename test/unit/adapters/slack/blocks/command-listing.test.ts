import { describe, expect, it } from 'vitest';
import { buildCommandListing } from '../../../../../src/adapters/slack/blocks/command-listing.ts';
import { commandsByHost } from '../../../../../src/adapters/slack/blocks/plan-text.ts';
import { escapeMrkdwn } from '../../../../../src/domain/grammar/slack-text.ts';
import { planMigration } from '../../../../../src/domain/plan/plan-migration.ts';
import type { Plan } from '../../../../../src/domain/plan/plan-types.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput } from '../../../../support/builders.ts';
import { show, valid } from './message-fixtures.ts';
import { evacuation } from './plan-fixtures.ts';

/** The code lines of every part, in order, as Slack shows them (a wrapped line joined again). */
function listedLines(parts: readonly { readonly blocks: readonly object[] }[]): string[] {
  const lines: string[] = [];
  for (const part of parts)
    for (const block of part.blocks) {
      const text = (block as { text?: { text?: string } }).text?.text ?? '';
      const fenced = text.split('```').filter((_, index) => index % 2 === 1);
      for (const body of fenced)
        for (const line of body.split('\n').filter((l) => l !== '')) {
          if (line.startsWith('↪ ')) lines[lines.length - 1] += line.slice('↪ '.length);
          else lines.push(line);
        }
    }
  return lines;
}

function textOf(parts: readonly { readonly blocks: readonly object[] }[]): number[] {
  return parts.map((part) =>
    part.blocks.reduce((sum, block) => sum + ((block as { text?: { text?: string } }).text?.text?.length ?? 0), 0),
  );
}

describe('buildCommandListing', () => {
  it('lists a small plan in one part', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', { guests: [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02', state: 'Off' })] }),
        makeHost('vsp3', { guests: [makeGuest({ name: 'vm03' })] }),
        makeHost('vsp2'),
      ],
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02', 'vm03'] }), input);
    const parts = buildCommandListing(plan, 'REQ-7');
    expect(parts).toHaveLength(1);
    expect(show(parts[0]!)).toMatchInlineSnapshot(`
      "text: REQ-7 — complete command listing (part 1 of 1)

      [header] REQ-7 — complete command listing (part 1 of 1)

      [section]
      *Every command line the plan runs*, per host, in run order, exactly as stored with the plan.

      [section]
      *on vsp1:*
      \`\`\`
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -s -P vm02 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -P vm02 -h vsp2
      \`\`\`
      *on vsp3:*
      \`\`\`
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm03 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -o -P vm03 -h vsp2
      \`\`\`"
    `);
  });

  describe('a 300-move evacuation', () => {
    const plan = evacuation(300, { blocked: false });
    const parts = buildCommandListing(plan, 'REQ-40');
    const expected = commandsByHost(plan).flatMap(([, lines]) => lines);

    it('is a real 300-move plan', () => {
      expect(plan.moves).toHaveLength(300);
      expect(expected.length).toBeGreaterThan(500);
    });

    it('leaves out no command line, in run order per host', () => {
      expect(listedLines(parts)).toEqual(expected.map(escapeMrkdwn));
    });

    it('takes several messages, each within every Slack limit, headed part i of k', () => {
      expect(parts.length).toBeGreaterThan(1);
      parts.forEach((part, index) => {
        valid(part);
        expect(part.blocks.length).toBeLessThanOrEqual(50);
        expect(part.blocks[0]).toMatchObject({
          type: 'header',
          text: { text: `REQ-40 — complete command listing (part ${index + 1} of ${parts.length})` },
        });
        expect(part.text).toBe(`REQ-40 — complete command listing (part ${index + 1} of ${parts.length})`);
      });
      for (const chars of textOf(parts)) expect(chars).toBeLessThanOrEqual(10_000);
    });
  });

  it('wraps a line too long for one code block instead of cutting it', () => {
    const base = evacuation(1, { blocked: false });
    const move = base.moves[0]!;
    const long = `${move.commands.migrate.line} ${'-x & <y> '.repeat(700)}`;
    const plan: Plan = {
      ...base,
      moves: [{ ...move, commands: { ...move.commands, migrate: { ...move.commands.migrate, line: long } } }],
    };
    const parts = buildCommandListing(plan, 'REQ-1').map(valid);
    expect(listedLines(parts)).toContain(escapeMrkdwn(long));
  });

  it('says so when a plan runs no command', () => {
    const plan = planMigration(makeMigrateRequest(), makePlanInput({ hosts: [makeHost('vsp1'), makeHost('vsp2')] }));
    const parts = buildCommandListing(plan, 'REQ-2').map(valid);
    expect(JSON.stringify(parts)).toContain('This plan runs no commands.');
  });
});
