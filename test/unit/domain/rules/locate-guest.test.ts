import { describe, expect, it } from 'vitest';
import { locateGuest, similarGuestNames } from '../../../../src/domain/rules/locate-guest.ts';
import { makeFailure, makeGuest, makeSnapshot, makeVsp } from '../../../support/builders.ts';

const fleet = makeSnapshot([
  makeVsp({ name: 'vsp1', guests: [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02', state: 'NotRunnable' })] }),
  makeVsp({
    name: 'vsp2',
    guests: [makeGuest({ name: 'vm02', state: 'Off' }), makeGuest({ name: 'vm03', state: 'NotRunnable' })],
  }),
  makeVsp({ name: 'vsp3', guests: [makeGuest({ name: 'vm04', state: 'Other' })] }),
]);

describe('locateGuest', () => {
  it.each([
    ['vm01', undefined, 'vsp1', 'vm01 is On (OS) on vsp1'],
    ['vm01', 'vsp1', 'vsp1', 'vm01 is On (OS) on vsp1'],
    ['vm02', undefined, 'vsp2', 'vm02 is Off on vsp2'],
    ['vm04', undefined, 'vsp3', 'vm04 is On (EFI) on vsp3'],
  ])('finds the runnable copy of %s (from %s) on %s', (name, from, vsp, detail) => {
    const result = locateGuest(name, fleet, from);
    expect(result.check).toEqual({ rule: 'guest-located', ok: true, detail });
    expect(result.location?.vsp.name).toBe(vsp);
    expect(result.location?.guest.name).toBe(name);
  });

  it.each([
    ['vm01', 'vsp2', 'vm01 is on vsp1, not on vsp2', 'vm01 is on vsp1: leave out "from vsp2" or write "from vsp1"'],
    [
      'vm03',
      undefined,
      'vm03 is only seen as Off (NR) on vsp2: no runnable copy in the inventory',
      'the runnable copy is on a VSP outside the fleet config: check hpvmstatus on the other hosts',
    ],
    [
      'vm99',
      undefined,
      'vm99 is on none of the VSPs read (vsp1, vsp2, vsp3)',
      'check the guest name with /migrate list',
    ],
    ['vm1', undefined, 'vm1 is on none of the VSPs read (vsp1, vsp2, vsp3)', 'did you mean vm01?'],
    ['VM01x', undefined, 'VM01x is on none of the VSPs read (vsp1, vsp2, vsp3)', 'did you mean vm01?'],
  ])('refuses %s (from %s)', (name, from, detail, fix) => {
    const result = locateGuest(name, fleet, from);
    expect(result.check).toEqual({ rule: 'guest-located', ok: false, detail, fix });
    expect(result.location).toBeUndefined();
  });

  it('refuses a guest with two runnable copies', () => {
    const snapshot = makeSnapshot([
      makeVsp({ name: 'vsp1', guests: [makeGuest()] }),
      makeVsp({ name: 'vsp2', guests: [makeGuest({ state: 'Off' })] }),
    ]);
    const { check } = locateGuest('vm01', snapshot);
    expect(check.ok).toBe(false);
    expect(check.detail).toBe('vm01 has 2 runnable copies: vsp1 (On (OS)), vsp2 (Off)');
  });

  it('says which VSPs could not be read when the guest is not found', () => {
    const snapshot = makeSnapshot([makeVsp({ name: 'vsp1' })], [makeFailure('vsp3')]);
    expect(locateGuest('vm07', snapshot).check).toEqual({
      rule: 'guest-located',
      ok: false,
      detail: 'vm07 is on none of the VSPs read (vsp1); could not be read: vsp3 (ssh_timeout)',
      fix: 'retry when every VSP answers',
    });
  });

  it('says the VSP could not be read when only a stale copy was seen', () => {
    const snapshot = makeSnapshot(
      [makeVsp({ name: 'vsp1', guests: [makeGuest({ state: 'NotRunnable' })] })],
      [makeFailure('vsp3')],
    );
    expect(locateGuest('vm01', snapshot).check.detail).toBe(
      'vm01 is only seen as Off (NR) on vsp1: no runnable copy in the inventory; could not be read: vsp3 (ssh_timeout)',
    );
  });

  it('refuses a `from` VSP that could not be read', () => {
    const snapshot = makeSnapshot([makeVsp({ name: 'vsp1', guests: [makeGuest()] })], [makeFailure('vsp3')]);
    expect(locateGuest('vm01', snapshot, 'vsp3').check).toEqual({
      rule: 'guest-located',
      ok: false,
      detail: 'vsp3 could not be read (ssh_timeout: connect timed out after 10000 ms), so vm01 cannot be found there',
      fix: 'retry when vsp3 answers',
    });
  });
});

describe('similarGuestNames', () => {
  it('suggests close names, nearest first, then alphabetical, at most three', () => {
    expect(similarGuestNames('vm0', fleet)).toEqual(['vm01', 'vm02', 'vm03']);
    expect(similarGuestNames('database', fleet)).toEqual([]);
  });
});
