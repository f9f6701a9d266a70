/**
 * `hpvm-chatops parse` as an operator runs it: the real bin script in a child process, its stdout JSON
 * and its exit code (DESIGN §6).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../../../bin/hpvm-chatops.js', import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('hpvm-chatops parse', () => {
  it('prints the request as JSON and exits 0', async () => {
    const result = await cli('parse', '--', 'vm01, vm02 from vsp1 to vsp2 offline --stop --reason "patch night"');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      kind: 'migrate',
      guests: ['vm01', 'vm02'],
      from: 'vsp1',
      to: 'vsp2',
      mode: 'offline',
      stop: true,
      start: false,
      deleteSource: false,
      checkOnly: false,
      reason: 'patch night',
    });
  });

  it('prints {"error":{"code","message"}} and exits 2 on a usage error, with usage and example on stderr', async () => {
    const result = await cli('parse', '--', 'vm01 to vsp2 -F');
    expect(result.code).toBe(2);
    const parsed = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(Object.keys(parsed)).toEqual(['error']);
    expect(Object.keys(parsed.error)).toEqual(['code', 'message']);
    expect(parsed.error.code).toBe('forbidden_option');
    expect(result.stderr).toContain('usage: /migrate <vm>');
    expect(result.stderr).toContain('example: /migrate');
  });

  it('treats hostile text as data: a usage error, nothing run', async () => {
    const result = await cli('parse', '--', 'vm01$(touch /tmp/pwned) to vsp2');
    expect(result.code).toBe(2);
    expect((JSON.parse(result.stdout) as { error: { code: string } }).error.code).toBe('invalid_name');
  });

  it('refuses options before -- with a hint, exit 2', async () => {
    const result = await cli('parse', 'vm01', 'to', 'vsp2', '--stop');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('put the /migrate text after --');
  });
});
