/**
 * How the sandbox page draws what a bot sends, in Debian's Chromium: mrkdwn (table of cases: formatting,
 * code, quotes, mentions by display name, user groups, dates, links, entities, hostile text) and every
 * Block Kit block the bot's builders use, plus checkboxes. Text never becomes markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxUser, SANDBOX_CHANNEL } from '../../src/sandbox/workspace/sandbox-identities.ts';
import { openSandboxPage, type SandboxPage } from './support/sandbox-page.ts';

/** Installed in the page: the page's own renderer on one text, returned as markup for comparison. */
const INSTALL_RENDERER = `window.renderForTest = async (text) => {
  const { renderMrkdwn } = await import('/web/mrkdwn.js');
  const people = { ${sandboxUser('approver').id}: 'Sam', ${sandboxUser('requester').id}: 'Dana' };
  const names = { user: (id) => people[id], role: () => undefined, channel: () => undefined, group: () => undefined };
  const box = document.createElement('div');
  box.append(renderMrkdwn(text, names));
  return box.innerHTML;
}`;

function render(sandbox: SandboxPage, text: string): Promise<string> {
  return sandbox.page.evaluate<string>(`window.renderForTest(${JSON.stringify(text)})`);
}

const SAM = sandboxUser('approver').id;
const mention = (name: string, id: string) => `<span class="mention" data-user="${id}">@${name}</span>`;

describe('the page draws mrkdwn and Block Kit like Slack', () => {
  let sandbox: SandboxPage;

  beforeAll(async () => {
    sandbox = await openSandboxPage();
    await sandbox.page.evaluate(INSTALL_RENDERER);
  }, 60_000);
  afterAll(() => sandbox?.close());

  it.each([
    ['*Approved* by <@' + SAM + '>', `<strong>Approved</strong> by ${mention('Sam', SAM)}`],
    ['*bold with <@' + SAM + '> inside*', `<strong>bold with ${mention('Sam', SAM)} inside</strong>`],
    ['_italic_ and ~struck~', '<em>italic</em> and <s>struck</s>'],
    ['snake_case_name and 2*3*4', 'snake_case_name and 2*3*4'],
    ['`hpvmmigrate -o -P &lt;vm&gt;`', '<code class="mrkdwn-code">hpvmmigrate -o -P &lt;vm&gt;</code>'],
    ['```\nline 1\n*not bold*\n```', '<pre class="mrkdwn-pre">line 1\n*not bold*</pre>'],
    ['a &lt;b&gt; &amp;amp; c', 'a &lt;b&gt; &amp;amp; c'],
    ['&gt; quoted\nplain', '<blockquote class="mrkdwn-quote">quoted</blockquote>plain'],
    ['<!subteam^S0OPS0001|@vm-admins> may approve', '<span class="mention">@vm-admins</span> may approve'],
    [
      '<!here> and <!channel>',
      '<span class="mention broadcast">@here</span> and <span class="mention broadcast">@channel</span>',
    ],
    ['<!date^nope^{date_num}|2025-03-01 10:30 UTC>', '<time>2025-03-01 10:30 UTC</time>'],
    [
      '<https://example.com/a_b?x=1&amp;y=2|the _docs_>',
      '<a href="https://example.com/a_b?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">the _docs_</a>',
    ],
    ['<javascript:alert(1)|click me>', 'click me'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
  ])('%j', async (text, markup) => {
    expect(await render(sandbox, text)).toBe(markup);
  });

  it('formats Slack dates in the reader’s time', async () => {
    const markup = await render(sandbox, '<!date^1700000000^{date_num} {time}|fallback>');
    expect(markup).toMatch(/^<time datetime="2023-11-14T22:13:20.000Z">2023-11-1[45] \d\d:\d\d( [AP]M)?<\/time>$/);
  });

  it('draws every block the bot uses, checkboxes, and says what it cannot draw', async () => {
    const { page } = sandbox;
    const { bot } = sandbox.sandbox.workspace.workspace;
    sandbox.sandbox.workspace.store.post({
      channel: SANDBOX_CHANNEL.id,
      user: bot.userId,
      botId: bot.botId,
      text: 'Block Kit sample',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'REQ-9: Migrate vm01 to vsp2' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Requested by* <@' + SAM + '>' },
          fields: [
            { type: 'mrkdwn', text: '*Source*\nvsp1' },
            { type: 'mrkdwn', text: '*Target*\nvsp2' },
          ],
        },
        { type: 'divider' },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'Expires _soon_' },
            { type: 'plain_text', text: '*plain*' },
          ],
        },
        {
          type: 'section',
          block_id: 'pick',
          text: { type: 'mrkdwn', text: 'Moves' },
          accessory: {
            type: 'checkboxes',
            action_id: 'moves',
            options: [
              { text: { type: 'plain_text', text: 'vm01 → vsp2' }, value: 'm1' },
              {
                text: { type: 'mrkdwn', text: '*vm02* → vsp3' },
                value: 'm2',
                description: { type: 'plain_text', text: 'offline' },
              },
            ],
            initial_options: [{ text: { type: 'plain_text', text: 'vm01 → vsp2' }, value: 'm1' }],
          },
        },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'x1', style: 'primary', text: { type: 'plain_text', text: 'Approve' } },
            { type: 'button', action_id: 'x2', style: 'danger', text: { type: 'plain_text', text: 'Reject' } },
          ],
        },
        { type: 'video', title: { type: 'plain_text', text: 'v' } },
      ],
    });
    const message = page.locator('.timeline .message').filter({ hasText: 'REQ-9' });
    await message.waitFor();
    expect(await message.locator('h3.bk-header').innerText()).toBe('REQ-9: Migrate vm01 to vsp2');
    expect(await message.locator('.bk-field').allInnerTexts()).toEqual(['Source\nvsp1', 'Target\nvsp2']);
    expect(await message.locator('.bk-text .mention').innerText()).toBe('@Sam');
    expect(await message.locator('hr.bk-divider').count()).toBe(1);
    expect(await message.locator('.bk-context').innerText()).toMatch(/Expires soon\s+\*plain\*/);
    expect(await message.getByRole('checkbox', { name: 'vm01 → vsp2' }).isChecked()).toBe(true);
    expect(await message.getByRole('checkbox', { name: /vm02 → vsp3/ }).isChecked()).toBe(false);
    expect(await message.locator('.bk-button.primary').innerText()).toBe('Approve');
    expect(await message.locator('.bk-button.danger').innerText()).toBe('Reject');
    expect(await message.locator('.bk-unsupported').innerText()).toContain('video block');
    expect(await message.locator('.message-meta').innerText()).toMatch(/hpvm-chatops\s*APP/);
    expect(sandbox.pageErrors).toEqual([]);
  });
});
