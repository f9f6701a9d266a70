import { describe, expect, it } from 'vitest';
import { checkTarget } from '../../../../src/domain/rules/check-target.ts';
import { makeFailure, makeSnapshot, makeVsp, makeVspSettings } from '../../../support/builders.ts';

const vsps = [
  makeVspSettings({ name: 'vsp1' }),
  makeVspSettings({ name: 'vsp2' }),
  makeVspSettings({ name: 'vsp3', maintenance: true }),
  makeVspSettings({ name: 'vsp4' }),
  makeVspSettings({ name: 'vsp5' }),
];
const snapshot = makeSnapshot(
  [makeVsp({ name: 'vsp1' }), makeVsp({ name: 'vsp2' }), makeVsp({ name: 'vsp3' })],
  [makeFailure('vsp4', { code: 'auth_failed', message: 'permission denied (publickey)' })],
);

describe('checkTarget', () => {
  it('passes a readable fleet VSP outside maintenance', () => {
    const result = checkTarget('vm01', 'vsp2', 'vsp1', vsps, snapshot);
    expect(result.check).toEqual({
      rule: 'target',
      ok: true,
      detail: 'vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)',
    });
    expect(result.settings?.name).toBe('vsp2');
    expect(result.inventory?.name).toBe('vsp2');
  });

  it.each([
    ['vsp1', 'vm01 is already on vsp1', 'choose another target than vsp1'],
    ['vsp9', 'vsp9 is not in the fleet config (vsp1, vsp2, vsp3, vsp4, vsp5)', 'choose a VSP of the fleet'],
    ['vsp3', 'vsp3 is in maintenance', 'choose another target, or clear maintenance for vsp3 in the fleet config'],
    ['vsp4', 'vsp4 could not be read (auth_failed: permission denied (publickey))', 'retry when vsp4 answers'],
    ['vsp5', 'vsp5 could not be read (it was not in the inventory)', 'retry when vsp5 answers'],
  ])('refuses %s', (target, detail, fix) => {
    const result = checkTarget('vm01', target, 'vsp1', vsps, snapshot);
    expect(result.check).toEqual({ rule: 'target', ok: false, detail, fix });
    expect(result.settings).toBeUndefined();
  });
});
