import { describe, expect, it } from 'vitest';
import {
  lastProgress,
  migrateFailureSummary,
  parseMigrateOutput,
  readMigrateLog,
} from '../../../../src/domain/execution/parse-migrate-output.ts';
import { crlfWithTrailingSpaces, readFixture } from '../../../support/hpvm-fixtures.ts';

function fixtureLines(name: string): string[] {
  return readFixture(name)
    .split('\n')
    .filter((line) => line !== '');
}

describe('parseMigrateOutput', () => {
  it.each([
    // HP's progress form (4.3 Release Notes §9.2.2), and the other phases in it.
    [
      'hpvmmigrate: Frozen phase (step 23) - progress 21%',
      { kind: 'progress', phase: 'Frozen', step: 23, percent: 21 },
    ],
    ['hpvmmigrate: Init phase (step 1) - progress 100%', { kind: 'progress', phase: 'Init', step: 1, percent: 100 }],
    ['hpvmmigrate: Copy phase (step 4) - progress 50%', { kind: 'progress', phase: 'Copy', step: 4, percent: 50 }],
    [
      'hpvmmigrate: I/O quiesce phase (step 7) - progress 100%',
      { kind: 'progress', phase: 'I/O Quiesce', step: 7, percent: 100 },
    ],
    // Not a percent, and the invented forms the bot used to read: shown as they are, never errors.
    [
      'hpvmmigrate: Copy phase (step 4) - progress 250%',
      { kind: 'other', text: 'hpvmmigrate: Copy phase (step 4) - progress 250%' },
    ],
    ['hpvmmigrate: Copy phase: 50%', { kind: 'other', text: 'hpvmmigrate: Copy phase: 50%' }],
    ['hpvmmigrate: Copy phase ...... 37%', { kind: 'other', text: 'hpvmmigrate: Copy phase ...... 37%' }],
    // HP's success line, also with a trailing \r or blanks.
    ['hpvmmigrate: Guest migrated successfully.', { kind: 'success' }],
    ['hpvmmigrate: Guest migrated successfully.\r', { kind: 'success' }],
    // HP's failure sentences (docs/hpvm-reference.md, "Messages and exit codes").
    [
      'hpvmmigrate: Target VM Host error - Device does not exist.',
      { kind: 'error', text: 'Target VM Host error - Device does not exist.' },
    ],
    [
      'hpvmmigrate: See HPVM command log file on target VM Host for more detail.',
      { kind: 'error', text: 'See HPVM command log file on target VM Host for more detail.' },
    ],
    [
      'hpvmmigrate: SSH execution error. Make sure ssh is setup right on both source and target systems.',
      { kind: 'error', text: 'SSH execution error. Make sure ssh is setup right on both source and target systems.' },
    ],
    ['Host key verification failed.', { kind: 'error', text: 'Host key verification failed.' }],
    // HP's ERROR form, the multi-line remote message and the target's abort lines (4.3 Release Notes §9.2.1–9.2.2).
    [
      'hpvmmigrate: ERROR (vm01): Copy phase timed out; migration aborted.',
      { kind: 'error', text: 'Copy phase timed out; migration aborted.', vm: 'vm01' },
    ],
    [
      'hpvmmigrate: ERROR (VM1): Remote message:',
      { kind: 'error', text: 'Remote message:', vm: 'VM1', continued: true },
    ],
    [
      'Target: (protocol low) header read timeout, 30 seconds',
      { kind: 'error', text: 'Target: (protocol low) header read timeout, 30 seconds' },
    ],
    ['Target: could not receive message header', { kind: 'error', text: 'Target: could not receive message header' }],
    // Not failures: no HP error form.
    ['hpvmmigrate: Unable to migrate the guest.', { kind: 'other', text: 'hpvmmigrate: Unable to migrate the guest.' }],
    [
      'hpvmmigrate: WARNING (vm01): Insufficient memory on target VM Host.',
      { kind: 'other', text: 'hpvmmigrate: WARNING (vm01): Insufficient memory on target VM Host.' },
    ],
    [
      'hpvmmigrate: Guest vm01 can be migrated to vsp2.',
      { kind: 'other', text: 'hpvmmigrate: Guest vm01 can be migrated to vsp2.' },
    ],
    ['Target: something else', { kind: 'other', text: 'Target: something else' }],
    ['sh: hpvmmigrate: not found', { kind: 'other', text: 'sh: hpvmmigrate: not found' }],
    ['', { kind: 'other', text: '' }],
  ])('%j', (line, expected) => {
    expect(parseMigrateOutput(line)).toEqual(expected);
  });
});

describe('the hpvmmigrate fixtures', () => {
  it('an online move: every line before the success line is progress, steps and whole phases rising', () => {
    const lines = fixtureLines('hpvmmigrate-online-progress.txt');
    const parsed = lines.map(parseMigrateOutput);
    expect(parsed.at(-1)).toEqual({ kind: 'success' });
    const progress = parsed.flatMap((line) => (line.kind === 'progress' ? [line] : []));
    expect(progress).toHaveLength(lines.length - 1);
    expect(progress.map((line) => line.step)).toEqual(progress.map((_, index) => index + 1));
    expect([...new Set(progress.map((line) => line.phase))]).toEqual(['Init', 'Copy', 'I/O Quiesce', 'Frozen']);
    expect(readMigrateLog(lines)).toEqual({
      progress: { phase: 'Frozen', step: 9, percent: 100 },
      succeeded: true,
      failures: [],
    });
  });

  it('the NPIV probe timeout: progress, then the target abort lines; the summary says where it stopped', () => {
    const lines = fixtureLines('hpvmmigrate-npiv-probe-timeout.txt');
    expect(lines.map((line) => parseMigrateOutput(line).kind)).toEqual(['progress', 'error', 'error']);
    expect(migrateFailureSummary(lines)).toBe(
      'Target: (protocol low) header read timeout, 30 seconds (stopped in the Frozen phase, step 23, at 21%)',
    );
  });

  it('the NPIV remote message keeps the next line as its reason', () => {
    const lines = fixtureLines('hpvmmigrate-npiv-no-match.txt');
    expect(readMigrateLog(lines).failures).toEqual([
      {
        reason: 'Device 0x50D1438FF62CBCD8,0x50D1438FF62CBCD9 has no match on this HPVM server.',
        vm: 'VM1',
        lines,
      },
    ]);
    expect(migrateFailureSummary(lines)).toBe(
      'Device 0x50D1438FF62CBCD8,0x50D1438FF62CBCD9 has no match on this HPVM server.',
    );
  });

  it.each([
    [
      'hpvmmigrate-ssh-error.txt',
      'SSH execution error. Make sure ssh is setup right on both source and target systems.',
    ],
    [
      'hpvmmigrate-device-shared.txt',
      'Device /dev/rdsk/c1t4d0 is shared.  Guest with shared storage devices cannot be migrated.',
    ],
    ['hpvmmigrate-device-missing.txt', 'Target VM Host error - Device does not exist.'],
    ['hpvmmigrate-wwid-mismatch.txt', 'Device WWID does not match.'],
    ['hpvmmigrate-vswitch-failed.txt', 'Target VM Host error - vswitch validation failed.'],
    ['hpvmmigrate-host-key-failed.txt', 'Host key verification failed.'],
  ])('%s: the summary is the first failure, not the pointer to the log', (name, summary) => {
    const lines = fixtureLines(name);
    expect(migrateFailureSummary(lines)).toBe(summary);
    expect(readMigrateLog(lines).succeeded).toBe(false);
  });

  it('reads the offline success line, with CRLF line ends and trailing blanks too', () => {
    for (const text of [
      readFixture('hpvmmigrate-offline-success.txt'),
      crlfWithTrailingSpaces(readFixture('hpvmmigrate-offline-success.txt')),
    ]) {
      const lines = text.split('\n');
      expect(readMigrateLog(lines)).toEqual({ succeeded: true, failures: [] });
      expect(migrateFailureSummary(lines)).toBeUndefined();
    }
  });

  it('a remote message at the very end keeps its own line', () => {
    expect(readMigrateLog(['hpvmmigrate: ERROR (VM1): Remote message:']).failures).toEqual([
      { reason: 'Remote message:', vm: 'VM1', lines: ['hpvmmigrate: ERROR (VM1): Remote message:'] },
    ]);
  });
});

describe('lastProgress', () => {
  it('finds the latest progress in a batch of lines', () => {
    expect(
      lastProgress([
        'hpvmmigrate: Init phase (step 1) - progress 100%',
        'hpvmmigrate: Copy phase (step 2) - progress 25%',
        'hpvmmigrate: Copy phase (step 3) - progress 50%',
        'something else',
      ]),
    ).toEqual({ phase: 'Copy', step: 3, percent: 50 });
    expect(lastProgress(['hpvmmigrate: Guest migrated successfully.'])).toBeUndefined();
  });
});
