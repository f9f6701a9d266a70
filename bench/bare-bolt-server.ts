/** The bare Bolt app in its own process (the baseline of bench/ack.bench.ts): prints its URL, runs until killed. */
import { startBareBoltApp } from './bare-bolt-app.ts';

const secret = process.env.SLACK_SIGNING_SECRET;
if (!secret) throw new Error('SLACK_SIGNING_SECRET is required');
const app = await startBareBoltApp({ signingSecret: secret });
process.stdout.write(`listening ${app.url}\n`);
process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
