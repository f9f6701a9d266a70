import { describe, expect, it } from 'vitest';
import { hpvmNextStep, hpvmSummary } from '../../../src/domain/hpvm-next-step.ts';

describe('hpvmNextStep', () => {
  it.each([
    ['hpvmmigrate: SSH execution error. Make sure ssh is setup right on both source and target systems.', /SSH keys/],
    [
      'hpvmmigrate: Device /dev/rdsk/c1t4d0 is shared.  Guest with shared storage devices cannot be migrated.',
      /\/dev\/rdsk\/c1t4d0 is marked shared/,
    ],
    ['hpvmmigrate: Target VM Host error - Device does not exist.', /present the same SAN LUNs/],
    ['hpvmmigrate: Device WWID does not match.', /same WWIDs/],
    ['hpvmmigrate: Target VM Host error - vswitch validation failed.', /hpnet|hpvmnet/],
    ['Host key verification failed.', /accept the key/],
    ['hpvmmigrate: ERROR (vm01): Copy phase timed out; migration aborted.', /keeps running on the source/],
    ['hpvmmigrate: ERROR (vm01): Another online migration is in progress on vsp2.', /one online migration per host/],
    [
      'hpvmmigrate: ERROR (VM1): Remote message:\nDevice 0x1,0x2 has no match on this HPVM server.',
      /free NPIV entries/,
    ],
    ['Target: (protocol low) header read timeout, 30 seconds', /ioscan -P ms_scan_time -C fc/],
  ])('maps %s to an operator action', (output, expected) => {
    expect(hpvmNextStep(output)).toMatch(expected);
  });

  it('has no advice for output it does not know', () => {
    expect(hpvmNextStep('hpvmmigrate: something new')).toBeUndefined();
  });
});

describe('hpvmSummary', () => {
  it("gives failures in HP's forms as printed, at most three; other lines are not failures", () => {
    expect(hpvmSummary('a\nhpvmmigrate: ERROR (vm): x\nb\nhpvmmigrate: Unable to migrate the guest.\n')).toBe(
      'hpvmmigrate: ERROR (vm): x',
    );
  });
  it('keeps a remote message with its reason, and leaves out the pointer to the target log', () => {
    expect(
      hpvmSummary(
        'hpvmmigrate: ERROR (VM1): Remote message:\nDevice 0x1,0x2 has no match on this HPVM server.\nhpvmmigrate: See HPVM command log file on target VM Host for more detail.\n',
      ),
    ).toBe('hpvmmigrate: ERROR (VM1): Remote message: Device 0x1,0x2 has no match on this HPVM server.');
  });
  it('falls back to the last line, or says there was none', () => {
    expect(hpvmSummary('one\ntwo\n')).toBe('two');
    expect(hpvmSummary('')).toBe('(no output)');
  });
});
