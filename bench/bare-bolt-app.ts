/**
 * The benchmark's baseline: a Bolt app that does nothing but verify the signature and ack `/migrate`.
 * Its latency is Bolt's own cost (HTTPReceiver: raw body, HMAC check, parse, dispatch, ack), so the bot's
 * figure minus this one is what our handler adds before the ack.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

export interface BareBoltApp {
  /** The events endpoint: `http://127.0.0.1:PORT/slack/events`. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startBareBoltApp(options: { readonly signingSecret: string }): Promise<BareBoltApp> {
  const receiver = new HTTPReceiver({ signingSecret: options.signingSecret, logLevel: LogLevel.ERROR });
  // botId + botUserId: Bolt skips auth.test, so the app never calls a Web API.
  const app = new App({
    receiver,
    token: 'xoxb-bare-bench-token',
    botId: 'B0BARE001',
    botUserId: 'U0BARE001',
    logLevel: LogLevel.ERROR,
  });
  app.command('/migrate', async ({ ack }) => {
    await ack();
  });
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      // The load generator keeps connections alive; without this, stop() waits for them to idle out.
      server.closeAllConnections();
      await app.stop();
    },
  };
}
