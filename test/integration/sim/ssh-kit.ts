/** The plain ssh2 client against simulated VSPs, and polling with a deadline (no timing assertions). */
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { RunningFleet } from '../../../src/sim/start-fleet.ts';

export interface Outcome {
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
}

export function connect(fleet: RunningFleet, vsp: string): Promise<ssh2.Client> {
  const port = fleet.vsps.find((candidate) => candidate.name === vsp)?.port;
  if (port === undefined) throw new Error(`no VSP ${vsp}`);
  return connectPort(port, readFileSync(fleet.clientKeyFile, 'utf8'));
}

export function connectPort(port: number, privateKey: string): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('ready', () => resolve(client)).on('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'root', privateKey, readyTimeout: 5000 });
  });
}

/** Runs a line; `onStdout` sees output as it arrives. */
export function exec(client: ssh2.Client, command: string, onStdout?: (text: string) => void): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(error);
      const outcome: Outcome = { code: null, stdout: '', stderr: '' };
      stream.on('data', (chunk: Buffer) => {
        outcome.stdout += chunk.toString();
        onStdout?.(outcome.stdout);
      });
      stream.stderr.on('data', (chunk: Buffer) => (outcome.stderr += chunk.toString()));
      stream.on('exit', (code: number | null, signal?: string) => {
        outcome.code = code;
        if (signal) outcome.signal = signal;
      });
      stream.on('close', () => resolve(outcome));
    });
  });
}

/** One command on a fresh connection. */
export async function runOn(fleet: RunningFleet, vsp: string, command: string): Promise<Outcome> {
  const client = await connect(fleet, vsp);
  try {
    return await exec(client, command);
  } finally {
    client.end();
  }
}

/** Polls until `probe` returns a value that is not undefined/false, or fails after the deadline. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
