/**
 * One sandbox (fleet, workspace, bot) and one Chromium page on it, for a browser test file; plus what a
 * person does on the page: switch who they are, type in the message box.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Page } from 'playwright-core';
import { createLogger } from '../../../src/main.ts';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/start-sandbox.ts';
import { sandboxUser, type SandboxRole } from '../../../src/sandbox/workspace/sandbox-identities.ts';
import { launchChromium } from './chromium.ts';

export interface SandboxPage {
  readonly sandbox: RunningSandbox;
  readonly page: Page;
  /** What the sandbox logged (warnings and errors). */
  readonly logs: string[];
  /** Problems the page itself reported: uncaught errors and console errors. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/** Fast simulated time, Slack's real pacing: a move takes seconds, the thread still shows each step. */
export async function openSandboxPage(options: { speedFactor?: number } = {}): Promise<SandboxPage> {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-browser-'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const sandbox = await startSandbox({
    stateDir: dir,
    port: 0,
    logger: createLogger('warn', sink),
    speedFactor: options.speedFactor ?? 60,
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await sandbox.stop();
    throw error;
  });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(sandbox.url);
  await page.locator('body[data-role="requester"]').waitFor();
  return {
    sandbox,
    page,
    logs,
    pageErrors,
    async close() {
      await browser.close();
      await sandbox.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function actAs(page: Page, role: SandboxRole): Promise<void> {
  await page.getByLabel('Acting as').selectOption(sandboxUser(role).id);
  await page.locator(`body[data-role="${role}"]`).waitFor();
}

export async function typeInChannel(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message #vm-ops' });
  await box.fill(text);
  await box.press('Enter');
}

/** The newest top-level message from the bot that contains `text`. */
export function botMessage(page: Page, text: string | RegExp) {
  return page.locator('.timeline > .message.from-app:not(.ephemeral)').filter({ hasText: text }).last();
}
