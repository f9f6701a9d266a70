/**
 * The sandbox as people use it, in Debian's Chromium: Dana asks for a move in the channel, Sam approves it
 * through the confirm dialog, the thread follows the move to its verified end, and the fleet panel shows
 * the guest on its new host. Screenshots of the preview and of the finished thread go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAs, botMessage, openSandboxPage, typeInChannel, type SandboxPage } from './support/sandbox-page.ts';

describe('sandbox in the browser: request, approve, watch it run', () => {
  let sandbox: SandboxPage;

  beforeAll(async () => {
    sandbox = await openSandboxPage();
  }, 60_000);
  afterAll(() => sandbox?.close());

  it('moves web01 from vsp2 to vsp3 with four eyes and shows it verified, in the thread and the fleet', async () => {
    const { page } = sandbox;
    const fleetRow = (vsp: string, guest: string) =>
      page.locator(`.vsp[data-vsp="${vsp}"] .guest[data-guest="${guest}"]`);
    expect(await fleetRow('vsp2', 'web01').getAttribute('data-state')).toBe('On');

    await typeInChannel(page, '/migrate web01 to vsp3');
    const preview = botMessage(page, 'web01');
    await preview.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 20_000 });
    const previewText = await preview.innerText();
    expect(previewText).toContain('hpvmmigrate -o -P web01 -h vsp3');
    expect(previewText).toContain('✓ hp-precheck');
    expect(previewText).toContain('@Sam'); // <@U…> drawn as the display name
    expect(previewText).not.toMatch(/<@U|&lt;|&gt;/);
    await preview.locator('.bk-header').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/sandbox-preview.png' });
    await preview.screenshot({ path: 'test-results/sandbox-preview-message.png' });

    await actAs(page, 'approver');
    await preview.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/web01/);
    await page.keyboard.press('Enter'); // the confirm button has the focus
    await dialog.waitFor({ state: 'hidden' });

    // The buttons are replaced at once by who approved; the progress goes to the thread.
    await preview.getByRole('button', { name: 'Approve' }).waitFor({ state: 'detached', timeout: 20_000 });
    await preview.locator('.replies-link').click();
    const thread = page.getByRole('complementary', { name: /Thread/ });
    await thread
      .locator('.message')
      .filter({ hasText: 'web01 now runs on vsp3 — verified' })
      .waitFor({ timeout: 60_000 });
    await preview.filter({ hasText: /Completed/ }).waitFor({ timeout: 20_000 });
    // The progress message is edited at most every 2 s (Slack's pace): its last edit says verified too.
    await thread.locator('.message').filter({ hasText: '✓ verified' }).waitFor({ timeout: 10_000 });

    await fleetRow('vsp3', 'web01').and(page.locator('[data-state="On"]')).waitFor({ timeout: 10_000 });
    expect(await fleetRow('vsp3', 'web01').innerText()).toMatch(/web01[\s\S]*On/);
    expect(await fleetRow('vsp2', 'web01').getAttribute('data-state')).toBe('NR');
    expect(sandbox.sandbox.fleet.model.whereIs('web01')).toBe('vsp3');
    await page.screenshot({ path: 'test-results/sandbox-finished.png' });

    expect(sandbox.pageErrors).toEqual([]);
    expect(sandbox.logs.join('')).not.toMatch(/"level":(40|50)/);
  }, 120_000);
});
