import { describe, expect, it } from 'vitest';
import { ExecutionError } from '../../../../src/domain/execution/execution-error.ts';
import { moveDir, parseMoveDir } from '../../../../src/domain/execution/move-dir.ts';
import { parseCleanupOutput, renderCleanup } from '../../../../src/domain/execution/render-cleanup.ts';
import { parseStartOutput, renderDetachedStart } from '../../../../src/domain/execution/render-detached-start.ts';
import { parseFollowOutput, renderFollow, utf8ByteLength } from '../../../../src/domain/execution/render-follow.ts';

const BASE = '/var/tmp/hpvm-chatops';
const DIR = `${BASE}/REQ-42/0`;
const NONCE = 'abcdef0123456789';
const MARK = `@@hpvm-chatops-${NONCE}@@`;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExecutionError);
    return (error as ExecutionError).code;
  }
  return undefined;
}

describe('renderDetachedStart', () => {
  it('renders the once-only detached start around the plan’s migrate line', () => {
    const line = renderDetachedStart({
      remoteDir: BASE,
      requestId: 'REQ-42',
      moveIndex: 0,
      migrateLine: '/opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2-hpvm-migr',
    });
    expect(line).toMatchInlineSnapshot(
      `"trap '' HUP; mkdir -p /var/tmp/hpvm-chatops/REQ-42/0 && cd /var/tmp/hpvm-chatops/REQ-42/0 && if mkdir started 2>/dev/null; then nohup /bin/sh -c '(/opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2-hpvm-migr); echo $? >exit.status.tmp && mv exit.status.tmp exit.status' </dev/null >migrate.log 2>&1 & echo $! >pid.tmp && mv pid.tmp pid && echo "started $!"; elif [ -d started ]; then echo already-started; else echo "cannot create /var/tmp/hpvm-chatops/REQ-42/0/started" >&2; exit 1; fi"`,
    );
  });

  it('embeds a migrate line that has quoted arguments of its own as one quoted word', () => {
    const line = renderDetachedStart({
      remoteDir: BASE,
      requestId: 'REQ-7',
      moveIndex: 3,
      migrateLine: "sudo -n /opt/hpvm/bin/hpvmmigrate -P 'odd name' -h vsp2",
    });
    expect(line).toContain(
      `nohup /bin/sh -c '(sudo -n /opt/hpvm/bin/hpvmmigrate -P '"'"'odd name'"'"' -h vsp2); echo $? >exit.status.tmp && mv exit.status.tmp exit.status' </dev/null`,
    );
  });

  it.each([
    ['relative', 'var/tmp'],
    ['dot-dot segment', '/var/tmp/../etc'],
    ['dot segment', '/var/./tmp'],
    ['trailing slash', '/var/tmp/'],
    ['double slash', '/var//tmp'],
    ['root', '/'],
    ['empty', ''],
    ['space', '/var/tmp/a b'],
    ['command substitution', '/var/tmp/$(reboot)'],
    ['quote', "/var/tmp/it's"],
  ])('refuses a remote directory that is %s', (_label, remoteDir) => {
    expect(
      codeOf(() => renderDetachedStart({ remoteDir, requestId: 'REQ-1', moveIndex: 0, migrateLine: 'true' })),
    ).toBe('invalid_remote_path');
  });

  it.each([
    ['req-1', 0],
    ['REQ-', 0],
    ['REQ-1;reboot', 0],
    ['../REQ-1', 0],
    ['REQ-1', -1],
    ['REQ-1', 1.5],
    ['REQ-1', 10000],
    ['REQ-1', Number.NaN],
  ])('refuses request id %s / move index %s', (requestId, moveIndex) => {
    expect(codeOf(() => moveDir({ remoteDir: BASE, requestId, moveIndex }))).toBe('invalid_argument');
  });

  it('refuses an empty migrate line', () => {
    expect(
      codeOf(() => renderDetachedStart({ remoteDir: BASE, requestId: 'REQ-1', moveIndex: 0, migrateLine: ' ' })),
    ).toBe('invalid_argument');
  });

  it.each([
    ['started 4711\n', { kind: 'started', pid: 4711 }],
    ['already-started\n', { kind: 'already-started' }],
    ['', undefined],
    ['started\n', undefined],
    ['nohup: cannot run\n', undefined],
  ])('reads the start answer %j', (stdout, expected) => {
    expect(parseStartOutput(stdout)).toEqual(expected);
  });
});

describe('renderFollow / parseFollowOutput', () => {
  it('reads the status first, then the log from the byte after the offset, in one batch', () => {
    expect(renderFollow(DIR, 120, NONCE)).toMatchInlineSnapshot(
      `"if [ -f /var/tmp/hpvm-chatops/REQ-42/0/exit.status ]; then cat /var/tmp/hpvm-chatops/REQ-42/0/exit.status; elif [ ! -d /var/tmp/hpvm-chatops/REQ-42/0/started ]; then echo missing; elif [ ! -f /var/tmp/hpvm-chatops/REQ-42/0/pid ] || kill -0 "$(cat /var/tmp/hpvm-chatops/REQ-42/0/pid)" 2>/dev/null; then echo running; elif [ -f /var/tmp/hpvm-chatops/REQ-42/0/exit.status ]; then cat /var/tmp/hpvm-chatops/REQ-42/0/exit.status; else echo vanished; fi </dev/null; echo "@@hpvm-chatops-abcdef0123456789@@ status $?"; echo "@@hpvm-chatops-abcdef0123456789@@ status" >&2; tail -c +121 /var/tmp/hpvm-chatops/REQ-42/0/migrate.log && echo @end-of-log </dev/null; echo "@@hpvm-chatops-abcdef0123456789@@ log $?"; echo "@@hpvm-chatops-abcdef0123456789@@ log" >&2"`,
    );
  });

  function output(status: string, log: string | undefined, logExit = 0): [string, string] {
    const logPart = log === undefined ? '' : `${log}@end-of-log\n`;
    return [
      `${status}\n${MARK} status 0\n${logPart}${MARK} log ${logExit}\n`,
      `${MARK} status\n${logExit === 0 ? '' : 'tail: cannot open\n'}${MARK} log\n`,
    ];
  }

  it('hands on complete lines only while running, and counts bytes, not characters', () => {
    const [stdout, stderr] = output('running', 'hpvmmigrate: Copy phase: 25%\nünïcödé ✓\nhalf a li');
    const chunk = parseFollowOutput(stdout, stderr, NONCE, 10);
    expect(chunk.status).toEqual({ kind: 'running' });
    expect(chunk.lines).toEqual(['hpvmmigrate: Copy phase: 25%', 'ünïcödé ✓']);
    expect(chunk.newOffset).toBe(10 + utf8ByteLength('hpvmmigrate: Copy phase: 25%\nünïcödé ✓\n'));
    expect(chunk.newOffset).toBe(10 + 29 + 16);
  });

  it('hands on the unterminated last line once the run has exited', () => {
    const [stdout, stderr] = output('1', 'hpvmmigrate: Unable to migrate the guest.');
    const chunk = parseFollowOutput(stdout, stderr, NONCE, 0);
    expect(chunk.status).toEqual({ kind: 'exited', exitCode: 1 });
    expect(chunk.lines).toEqual(['hpvmmigrate: Unable to migrate the guest.']);
    expect(chunk.newOffset).toBe(41);
  });

  it('reports a log that cannot be read yet without lines', () => {
    const [stdout, stderr] = output('running', undefined, 1);
    expect(parseFollowOutput(stdout, stderr, NONCE, 0)).toEqual({
      status: { kind: 'running' },
      lines: [],
      newOffset: 0,
      logError: 'tail: cannot open',
    });
  });

  it.each(['missing', 'vanished'] as const)('reads the status %s', (status) => {
    const [stdout, stderr] = output(status, '');
    expect(parseFollowOutput(stdout, stderr, NONCE, 5).status).toEqual({ kind: status });
  });

  it.each([
    ['cut short', `running\n${MARK} status 0\nhpvm`],
    ['unknown status', `perhaps\n${MARK} status 0\n@end-of-log\n${MARK} log 0\n`],
    ['no end mark', `running\n${MARK} status 0\nhpvm\n${MARK} log 0\n`],
  ])('refuses output that is %s', (_label, stdout) => {
    expect(codeOf(() => parseFollowOutput(stdout, '', NONCE, 0))).toBe('unexpected_output');
  });

  it.each([
    [`${BASE}/REQ-42`, 0],
    [`${BASE}/REQ-42/0/..`, 0],
    ['/REQ-42/0', 0],
    [DIR, -1],
    [DIR, 0.5],
  ])('refuses folder %s at offset %s', (dir, offset) => {
    expect(codeOf(() => renderFollow(dir, offset, NONCE))).toMatch(/^invalid_/);
  });
});

describe('renderCleanup', () => {
  it('removes the move folder (and the request folder once empty) unless the move still runs', () => {
    expect(renderCleanup(DIR, BASE)).toMatchInlineSnapshot(
      `"if [ -d /var/tmp/hpvm-chatops/REQ-42/0/started ] && [ ! -f /var/tmp/hpvm-chatops/REQ-42/0/exit.status ] && [ -f /var/tmp/hpvm-chatops/REQ-42/0/pid ] && kill -0 "$(cat /var/tmp/hpvm-chatops/REQ-42/0/pid)" 2>/dev/null; then echo still-running; else rm -rf /var/tmp/hpvm-chatops/REQ-42/0 && { rmdir /var/tmp/hpvm-chatops/REQ-42 2>/dev/null || :; } && echo removed; fi"`,
    );
  });

  it.each([
    ['another base', '/var/tmp/other/REQ-42/0'],
    ['the base itself', BASE],
    ['the request folder', `${BASE}/REQ-42`],
    ['a deeper folder', `${BASE}/REQ-42/0/started`],
    ['a dot-dot escape', `${BASE}/REQ-42/../../..`],
    ['a lower-case id', `${BASE}/req-42/0`],
    ['a padded index', `${BASE}/REQ-42/00`],
  ])('refuses %s', (_label, dir) => {
    expect(codeOf(() => renderCleanup(dir, BASE))).toBe('invalid_remote_path');
  });

  it('reads the cleanup answer', () => {
    expect(parseCleanupOutput('removed\n')).toBe('removed');
    expect(parseCleanupOutput('still-running\n')).toBe('still-running');
    expect(parseCleanupOutput('rm: cannot remove\n')).toBeUndefined();
  });
});

describe('moveDir / parseMoveDir', () => {
  it('round-trips', () => {
    expect(moveDir({ remoteDir: BASE, requestId: 'REQ-42', moveIndex: 0 })).toBe(DIR);
    expect(parseMoveDir(DIR, BASE)).toEqual({ remoteDir: BASE, requestId: 'REQ-42', moveIndex: 0 });
  });
});
