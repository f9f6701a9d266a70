/** `hpvm-chatops sim`: fleet-file problems exit 2; a good fleet runs until interrupted, then closes. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { simCommand } from '../../../src/cli/commands/sim.ts';
import { parseConfig } from '../../../src/config.ts';
import { waitFor } from './ssh-kit.ts';

function testIo(): { io: CliIo; out: () => string; err: () => string; interrupt: () => void } {
  let stdout = '';
  let stderr = '';
  let interrupt = (): void => undefined;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  return {
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {}, interrupted },
    out: () => stdout,
    err: () => stderr,
    interrupt: () => interrupt(),
  };
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

describe('simCommand', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sim-cli-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [[], '--fleet is required'],
    [['--fleet', 'x.yaml', '--bogus'], "Unknown option '--bogus'"],
    [['--fleet', 'x.yaml', '--speed', '0'], "--speed must be a positive number, got '0'"],
  ])('usage error for %j', async (argv, message) => {
    const { io, err } = testIo();
    expect(await simCommand(argv, io)).toBe(2);
    expect(err()).toContain(message);
    expect(err()).toContain('usage: hpvm-chatops sim --fleet <file>');
  });

  it('prints every fleet-file problem and exits 2', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'vsps:\n  - { name: vsp1, hpvmVersion: "9.9", memoryMb: 1 }\n');
    const { io, err } = testIo();
    expect(await simCommand(['--fleet', file], io)).toBe(2);
    expect(err().split('\n')).toEqual([
      `${file}: vsps.0.hpvmVersion: Invalid option: expected one of "3.5"|"4.0"|"4.1"|"4.2"|"4.2.5"|"4.3"|"6.0"|"6.1"|"6.1.5"|"6.2"|"6.3"`,
      `${file}: vsps.0.cpu: Invalid input: expected object, received undefined`,
      `${file}: vsps.0.memoryMb: Too small: expected number to be >=1024`,
      '',
    ]);
  });

  it('starts the example fleet, writes the config, and stops when interrupted', async () => {
    const stateDir = join(dir, 'state');
    const { io, out, interrupt } = testIo();
    const running = simCommand(
      ['--fleet', 'manifests/fleet.example.yaml', '--state-dir', stateDir, '--speed', '50'],
      io,
    );
    await waitFor(() => out().includes('Ctrl-C'), 'the fleet to start');
    const lines = out().split('\n');
    expect(lines.slice(0, 4).map((line) => line.replace(/:[0-9]+ +SHA256:\S{43}$/, ':PORT  FP'))).toEqual([
      'vsp1  127.0.0.1:PORT  FP',
      'vsp2  127.0.0.1:PORT  FP',
      'vsp3  127.0.0.1:PORT  FP',
      'vsp4  127.0.0.1:PORT  FP',
    ]);
    const configPath = join(stateDir, 'config.yaml');
    expect(out()).toContain(
      `config: ${configPath}\ntry:    node bin/hpvm-chatops.js plan --config ${configPath} -- "oradb01 to vsp2"\n`,
    );
    const config = parseConfig(await readFile(configPath, 'utf8'));
    if (!config.ok) throw new Error(config.problems.join('\n'));
    const ports = config.config.fleet.map((vsp) => vsp.port);
    expect(await refused(ports[0] ?? 0)).toBe(false);
    interrupt();
    expect(await running).toBe(0);
    for (const port of ports) expect(await refused(port)).toBe(true);
  });
});
