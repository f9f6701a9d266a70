import { describe, expect, it } from 'vitest';
import { lastProgress, parseMigrateOutput } from '../../../../src/domain/execution/parse-migrate-output.ts';

describe('parseMigrateOutput', () => {
  it.each([
    // The simulator's progress lines (docs/hpvm-output-formats.md §6).
    ['hpvmmigrate: Init phase: 100%', { kind: 'progress', phase: 'Init', percent: 100 }],
    ['hpvmmigrate: Copy phase: 25%', { kind: 'progress', phase: 'Copy', percent: 25 }],
    ['hpvmmigrate: I/O Quiesce phase: 100%', { kind: 'progress', phase: 'I/O Quiesce', percent: 100 }],
    ['hpvmmigrate: Frozen phase: 100%', { kind: 'progress', phase: 'Frozen', percent: 100 }],
    // The older invented dotted rendering (docs/hpvm-cli.md, "Online migration phases"), with several percentages on
    // one line: the last counts.
    ['hpvmmigrate: Copy phase ...... 37% ... 100%', { kind: 'progress', phase: 'Copy', percent: 100 }],
    ['hpvmmigrate: I/O quiesce phase 100%', { kind: 'progress', phase: 'I/O Quiesce', percent: 100 }],
    ['hpvmmigrate: Copy phase: 250%', { kind: 'error', text: 'Copy phase: 250%' }],
    // HP's confirmed success line, also with a trailing \r or blanks.
    ['hpvmmigrate: Guest migrated successfully.', { kind: 'success' }],
    ['hpvmmigrate: Guest migrated successfully.\r', { kind: 'success' }],
    // HP's confirmed failure lines (docs/hpvm-cli.md, "Messages and exit codes") and the simulator's [INF] refusals.
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
      {
        kind: 'error',
        text: 'SSH execution error. Make sure ssh is setup right on both source and target systems.',
      },
    ],
    [
      'hpvmmigrate: ERROR (vm01): Copy phase timed out; migration aborted. Guest continues to run on the source VM Host.',
      {
        kind: 'error',
        text: 'ERROR (vm01): Copy phase timed out; migration aborted. Guest continues to run on the source VM Host.',
      },
    ],
    ['hpvmmigrate: Unable to migrate the guest.', { kind: 'error', text: 'Unable to migrate the guest.' }],
    // Not failures.
    [
      'hpvmmigrate: WARNING (vm01): Insufficient memory on target VM Host.',
      { kind: 'other', text: 'hpvmmigrate: WARNING (vm01): Insufficient memory on target VM Host.' },
    ],
    [
      'hpvmmigrate: Guest vm01 can be migrated to vsp2.',
      { kind: 'other', text: 'hpvmmigrate: Guest vm01 can be migrated to vsp2.' },
    ],
    ['Host key verification failed.', { kind: 'other', text: 'Host key verification failed.' }],
    ['sh: hpvmmigrate: not found', { kind: 'other', text: 'sh: hpvmmigrate: not found' }],
    ['', { kind: 'other', text: '' }],
  ])('%j', (line, expected) => {
    expect(parseMigrateOutput(line)).toEqual(expected);
  });

  it('finds the latest progress in a batch of lines', () => {
    expect(
      lastProgress([
        'hpvmmigrate: Init phase: 100%',
        'hpvmmigrate: Copy phase: 25%',
        'hpvmmigrate: Copy phase: 50%',
        'something else',
      ]),
    ).toEqual({ phase: 'Copy', percent: 50 });
    expect(lastProgress(['hpvmmigrate: Guest migrated successfully.'])).toBeUndefined();
  });
});
