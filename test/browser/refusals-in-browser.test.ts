/**
 * What the sandbox page shows when things are refused, in Debian's Chromium: a usage error only its
 * author sees (with hostile text shown as text), a self-approval refused under four eyes, someone not on
 * the approver list refused, and Escape in the confirm dialog sending nothing. Every refusal is visible to
 * the person who clicked and to nobody else; nothing moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAs, botMessage, openSandboxPage, typeInChannel, type SandboxPage } from './support/sandbox-page.ts';

describe('sandbox in the browser: refusals', () => {
  let sandbox: SandboxPage;

  beforeAll(async () => {
    sandbox = await openSandboxPage();
  }, 60_000);
  afterAll(() => sandbox?.close());

  const ephemerals = () => sandbox.page.locator('.message.ephemeral');

  it('answers an invalid command with the usage, only to its author, and shows typed markup as text', async () => {
    const { page } = sandbox;
    await typeInChannel(page, '/migrate web01 vsp3 <!channel> <img src=x onerror=alert(1)>');
    const error = ephemerals().filter({ hasText: 'Usage:' });
    await error.waitFor({ timeout: 10_000 });
    const text = await error.innerText();
    expect(text).toContain('Only visible to you');
    expect(text).toContain('✗ Guest name <!channel> is not valid: it is a Slack mention');
    expect(text).toContain('/migrate <vm> [<vm> ...]');
    expect(text).toContain('<img src=x onerror=alert(1)>'); // echoed as text …
    expect(await page.locator('.timeline img, .mention.broadcast').count()).toBe(0); // … never as markup
    expect(await page.locator('.timeline > .message:not(.ephemeral)').count()).toBe(0);

    await actAs(page, 'approver');
    expect(await ephemerals().count()).toBe(0);
    await actAs(page, 'requester');
    await ephemerals().filter({ hasText: 'Usage:' }).waitFor();
  }, 60_000);

  it('refuses a self-approval privately; Escape cancels; a non-approver is refused; nothing runs', async () => {
    const { page } = sandbox;
    await actAs(page, 'approver');
    await typeInChannel(page, '/migrate web02 to vsp3');
    const preview = botMessage(page, 'web02');
    const approve = preview.getByRole('button', { name: 'Approve' });
    await approve.waitFor({ timeout: 20_000 });

    await approve.click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await page.locator(':focus').textContent()).toBe('Approve'); // the focus is back on the button

    await approve.click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Approve|Run|Yes/ })
      .click();
    const refusal = ephemerals().filter({ hasText: 'so you cannot approve it' });
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.innerText()).toMatch(
      /Only visible to you[\s\S]*You asked for REQ-\d+, so you cannot approve it: a second person must \(four eyes\)/,
    );

    await actAs(page, 'bystander');
    expect(await ephemerals().filter({ hasText: 'cannot approve' }).count()).toBe(0);
    await approve.click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Approve|Run|Yes/ })
      .click();
    await ephemerals().filter({ hasText: 'You are not an approver' }).waitFor({ timeout: 10_000 });

    await actAs(page, 'requester');
    expect(
      await ephemerals()
        .filter({ hasText: /cannot approve|not an approver/ })
        .count(),
    ).toBe(0);
    expect(await approve.isVisible()).toBe(true); // still waiting for a real approval
    expect(await page.locator('.vsp[data-vsp="vsp2"] .guest[data-guest="web02"]').getAttribute('data-state')).toBe(
      'On',
    );
    expect(sandbox.sandbox.fleet.model.whereIs('web02')).toBe('vsp2');
    await page.screenshot({ path: 'test-results/sandbox-refusals.png' });
    expect(sandbox.pageErrors).toEqual([]);
  }, 60_000);
});
