/** ScriptedShell: the bot's single and batch command lines, strictness, and the controls tests use. */
import { describe, expect, it } from 'vitest';
import { SshError } from '../../../src/adapters/ssh/ssh-error.ts';
import { buildBatchLine, splitBatchOutput } from '../../../src/domain/command-batch.ts';
import { quoteShellArg } from '../../../src/domain/commands/quote-shell-arg.ts';
import { parseHpvmstatusTable } from '../../../src/domain/parsers/parse-hpvmstatus-table.ts';
import { ManualClock } from '../../support/memory/manual-clock.ts';
import { ScriptedShell } from '../../support/memory/scripted-shell.ts';
import { parseHpvmLine, unquoteShellWords } from '../../support/memory/shell-words.ts';
import { devicesLine, line, MARK, NONCE, onlineMove, smallFleet } from './scripted-fleet.ts';

function guestStates(stdout: string): Record<string, string> {
  return Object.fromEntries(parseHpvmstatusTable(stdout).value.map((row) => [row.name, row.stateText]));
}

describe('unquoteShellWords / parseHpvmLine', () => {
  it.each([
    ['/opt/hpvm/bin/hpvmstatus', ['/opt/hpvm/bin/hpvmstatus']],
    ['a -P vm01', ['a', '-P', 'vm01']],
    [`a 'b c' ${quoteShellArg("it's")} ''`, ['a', 'b c', "it's", '']],
    [quoteShellArg(`'"$(reboot)"'`), [`'"$(reboot)"'`]],
  ])('reads %s back into its words', (text, words) => {
    expect(unquoteShellWords(text)).toEqual(words);
    expect(words.map(quoteShellArg).join(' ')).toBe(text);
  });

  it.each([
    ['two spaces', 'a  b'],
    ['a leading space', ' a'],
    ['a trailing space', 'a '],
    ['the empty line', ''],
    ['a semicolon', 'a;b'],
    ['a command substitution', 'a $(reboot)'],
    ['double quotes', '"a"'],
    ['an unterminated quote', "a 'b"],
    ['needless quotes', "'vm01'"],
    ['a redirection', 'a </dev/null'],
  ])('refuses %s', (_label, text) => {
    expect(unquoteShellWords(text)).toBeUndefined();
  });

  it.each([
    ['/opt/hpvm/bin/hpvmstatus -P vm01', { command: 'hpvmstatus', argv: ['-P', 'vm01'] }],
    ['sudo -n /usr/contrib/bin/machinfo', { command: 'machinfo', argv: [] }],
    ['/somewhere/else/hpvmmigrate -o', { command: 'hpvmmigrate', argv: ['-o'] }],
    ['hpvmstatus', undefined],
    ['/bin/ls /', undefined],
    ['sudo /opt/hpvm/bin/hpvmstatus', undefined],
  ])('reads %s as an HPVM command: %j', (text, expected) => {
    expect(parseHpvmLine(text)).toEqual(expected);
  });
});

describe('ScriptedShell single and batch lines', () => {
  it('answers a rendered command line as the simulated VSP, sudo or not', async () => {
    const shell = new ScriptedShell(smallFleet());
    const plain = await shell.exec('vsp1', line('status'));
    expect(plain).toMatchObject({ exitCode: 0, stderr: '' });
    expect(guestStates(plain.stdout)).toEqual({ vm01: 'On (OS)', vm02: 'On (OS)' });
    const sudo = line('status', 'vsp1', { sudo: true });
    expect(sudo).toBe('sudo -n /opt/hpvm/bin/hpvmstatus');
    expect(await shell.exec('vsp1', sudo)).toEqual(plain);
    expect(guestStates((await shell.exec('vsp2', line('status'))).stdout)).toEqual({});
  });

  it('passes HP’s exit codes and error output through', async () => {
    const shell = new ScriptedShell(smallFleet());
    const missing = await shell.exec('vsp1', devicesLine('nosuch'));
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^hpvmstatus: .*nosuch/);
    const precheck = await shell.exec('vsp1', onlineMove('vm01').precheck!.line);
    expect(precheck).toEqual({ exitCode: 0, stdout: 'hpvmmigrate: Guest vm01 can be migrated to vsp2.\n', stderr: '' });
  });

  it('splits a batch back per command, exit codes and error output in their places', async () => {
    const shell = new ScriptedShell(smallFleet());
    const commands = [
      { key: 'status', line: line('status') },
      { key: 'g0', line: devicesLine('nosuch') },
      { key: 'machinfo', line: line('machinfo') },
    ];
    const result = await shell.exec('vsp1', buildBatchLine(commands, NONCE));
    expect(result.exitCode).toBe(0);
    const parts = splitBatchOutput(result.stdout, result.stderr, NONCE);
    expect([...parts.keys()]).toEqual(['status', 'g0', 'machinfo']);
    const alone = await shell.exec('vsp1', line('status'));
    expect(parts.get('status')).toEqual({ exitCode: alone.exitCode, stdout: alone.stdout, stderr: alone.stderr });
    expect(parts.get('g0')).toMatchObject({ exitCode: 1, stdout: '' });
    expect(parts.get('g0')?.stderr).toMatch(/nosuch/);
    expect(parts.get('machinfo')?.stdout).toMatch(/Itanium/);
    // Markers close each part on both streams, exactly as sh prints them.
    expect(result.stdout).toMatch(new RegExp(`\\n${MARK} g0 1\\n(?:.*\\n)+${MARK} machinfo 0\\n$`));
    expect(result.stderr.endsWith(`${MARK} g0\n${MARK} machinfo\n`)).toBe(true);
  });

  it.each([
    ['a command it does not emulate', '/bin/rm -rf /'],
    ['a bare command name', 'hpvmstatus'],
    ['shell syntax around a command', '/opt/hpvm/bin/hpvmstatus; reboot'],
    ['a non-canonical quote', "/opt/hpvm/bin/hpvmstatus -P 'vm01'"],
    ['a batch with a foreign part', buildBatchLine([{ key: 'x', line: 'uptime' }], NONCE)],
    ['a batch that was edited', buildBatchLine([{ key: 'x', line: line('status') }], NONCE).replace('$?', '0')],
  ])('refuses %s, naming the line', async (_label, text) => {
    const shell = new ScriptedShell(smallFleet());
    await expect(shell.exec('vsp1', text)).rejects.toThrow(`ScriptedShell does not know this line`);
    expect(shell.executed.map((executed) => executed.line)).toEqual([text]);
  });

  it('runs no part of a batch it cannot read whole', async () => {
    const shell = new ScriptedShell(smallFleet());
    const ran: string[] = [];
    shell.scriptCommand('vsp1', /hpvmstatus/, (text) => void ran.push(text));
    const batch = buildBatchLine(
      [
        { key: 'a', line: line('status') },
        { key: 'b', line: 'uptime' },
      ],
      NONCE,
    );
    await expect(shell.exec('vsp1', batch)).rejects.toThrow(/its part "uptime"/);
    expect(ran).toEqual([]);
  });

  it('hands complete lines to onStdoutLine and onStderrLine', async () => {
    const shell = new ScriptedShell(smallFleet());
    const out: string[] = [];
    const err: string[] = [];
    const result = await shell.exec('vsp1', devicesLine('nosuch'), {
      onStdoutLine: (text) => out.push(text),
      onStderrLine: (text) => err.push(text),
    });
    expect(err).toEqual(result.stderr.trimEnd().split('\n'));
    expect(out).toEqual([]);
  });
});

describe('ScriptedShell controls', () => {
  it('records every line with the VSP and the time of the given clock', async () => {
    const clock = new ManualClock();
    const shell = new ScriptedShell(smallFleet(), { clock });
    await shell.exec('vsp1', line('status'));
    clock.advance(60_000);
    await shell.exec('vsp2', line('vswitches', 'vsp2'));
    expect(shell.executed).toEqual([
      { vsp: 'vsp1', line: '/opt/hpvm/bin/hpvmstatus', at: new Date('2026-12-01T10:00:00.000Z') },
      { vsp: 'vsp2', line: '/opt/hpvm/bin/hpvmnet', at: new Date('2026-12-01T10:01:00.000Z') },
    ]);
  });

  it('refuses with a real SshError while a VSP is unreachable, and for a VSP it does not know', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.unreachable('vsp1');
    const refused = await shell.exec('vsp1', line('status')).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(SshError);
    expect(refused).toMatchObject({ code: 'connection_refused', host: 'vsp1' });
    shell.unreachable('vsp1', 'command_timeout');
    await expect(shell.exec('vsp1', line('status'))).rejects.toMatchObject({
      code: 'command_timeout',
      command: '/opt/hpvm/bin/hpvmstatus',
    });
    expect((await shell.exec('vsp2', line('status'))).exitCode).toBe(0);
    shell.reachable('vsp1');
    expect((await shell.exec('vsp1', line('status'))).exitCode).toBe(0);
    await expect(shell.exec('vsp9', line('status'))).rejects.toMatchObject({ code: 'unknown_host', host: 'vsp9' });
  });

  it('refuses connections to a VSP whose fleet entry says its SSH server refuses them', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.model.setFaults('vsp2', { sshRefused: true });
    await expect(shell.exec('vsp2', line('status'))).rejects.toMatchObject({ code: 'connection_refused' });
  });

  it('answers scripted lines first, the newest script first; a function may pass, a removed script is gone', async () => {
    const shell = new ScriptedShell(smallFleet());
    const garbage = { exitCode: 0, stdout: 'Segmentation fault (core dumped)\n', stderr: '' };
    const removeGarbage = shell.script('vsp1', /hpvmstatus$/, garbage);
    expect(await shell.exec('vsp1', line('status'))).toEqual(garbage);
    // Scripts are consulted before the emulation, even for a line the emulation would refuse.
    shell.script('vsp1', /^uptime$/, { exitCode: 0, stdout: ' 10:00 up 3 days\n', stderr: '' });
    expect((await shell.exec('vsp1', 'uptime')).stdout).toBe(' 10:00 up 3 days\n');

    let calls = 0;
    shell.script('vsp1', /hpvmstatus/, () =>
      ++calls === 1 ? { exitCode: 5, stdout: '', stderr: 'busy\n' } : undefined,
    );
    expect(await shell.exec('vsp1', line('status'))).toEqual({ exitCode: 5, stdout: '', stderr: 'busy\n' });
    expect(await shell.exec('vsp1', line('status'))).toEqual(garbage);
    removeGarbage();
    expect(guestStates((await shell.exec('vsp1', line('status'))).stdout)).toHaveProperty('vm01');
    // Scripts are per VSP.
    expect((await shell.exec('vsp2', line('status'))).stdout).not.toBe(garbage.stdout);
  });

  it('lets a script throw (a timeout) or never answer (a hang)', async () => {
    const shell = new ScriptedShell(smallFleet());
    const timeout = new SshError('command_timeout', 'command timed out', { host: 'vsp1' });
    shell.script('vsp1', /hpvmnet/, () => {
      throw timeout;
    });
    await expect(shell.exec('vsp1', line('vswitches'))).rejects.toBe(timeout);
    shell.script('vsp1', /machinfo/, () => new Promise(() => undefined));
    const hung = shell.exec('vsp1', line('machinfo'));
    const winner = await Promise.race([hung, new Promise((resolve) => setImmediate(() => resolve('still waiting')))]);
    expect(winner).toBe('still waiting');
  });

  it('scripts one command inside an otherwise emulated batch', async () => {
    const shell = new ScriptedShell(smallFleet());
    shell.scriptCommand('vsp1', /hpvmstatus -r$/, {
      exitCode: 4,
      stdout: 'half a table',
      stderr: 'hpvmstatus: Unable to open the guest database.\n',
    });
    const batch = buildBatchLine(
      [
        { key: 'status', line: line('status') },
        { key: 'resources', line: line('resourceUsage') },
      ],
      NONCE,
    );
    const result = await shell.exec('vsp1', batch);
    const parts = splitBatchOutput(result.stdout, result.stderr, NONCE);
    expect(parts.get('status')?.exitCode).toBe(0);
    // Output without a final newline runs into the marker, as in sh; splitBatchOutput keeps it as a line.
    expect(result.stdout).toContain(`half a table${MARK} resources 4\n`);
    expect(parts.get('resources')).toEqual({
      exitCode: 4,
      stdout: 'half a table\n',
      stderr: 'hpvmstatus: Unable to open the guest database.\n',
    });
  });

  it('awaits beforeExec hooks, so a test can change the fleet between two reads', async () => {
    const shell = new ScriptedShell(smallFleet());
    const seen: string[] = [];
    const remove = shell.beforeExec(async (vsp, text) => {
      seen.push(`${vsp} ${text}`);
      await Promise.resolve();
      if (seen.length === 2) shell.model.setGuestState('vsp1', 'vm02', 'Off');
    });
    expect(guestStates((await shell.exec('vsp1', line('status'))).stdout).vm02).toBe('On (OS)');
    expect(guestStates((await shell.exec('vsp1', line('status'))).stdout).vm02).toBe('Off');
    remove();
    await shell.exec('vsp1', line('status'));
    expect(seen).toHaveLength(2);
  });

  it('refuses every exec after close, like the SSH shell', async () => {
    const shell = new ScriptedShell(smallFleet());
    await shell.close();
    await expect(shell.exec('vsp1', line('status'))).rejects.toThrow('the SSH shell is closed');
  });

  it('refuses an invalid fleet with every problem', () => {
    expect(() => new ScriptedShell({ vsps: [{ name: 'vsp1' }] })).toThrow(/invalid fleet:\n.*hpvmVersion/s);
  });
});
