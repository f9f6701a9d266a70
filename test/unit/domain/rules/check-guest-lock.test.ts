import { describe, expect, it } from 'vitest';
import { checkGuestLock } from '../../../../src/domain/rules/check-guest-lock.ts';
import { checkHostsFree } from '../../../../src/domain/rules/check-hosts-free.ts';
import { offlineRoute } from '../../../../src/domain/rules/offline-fix.ts';
import { makeGuest } from '../../../support/builders.ts';

describe('checkGuestLock', () => {
  const busy = new Map([['vm01', 'REQ-12']]);

  it.each([
    ['vm02', { rule: 'guest-lock', ok: true, detail: 'vm02 is in no other pending or running request' }],
    [
      'vm01',
      {
        rule: 'guest-lock',
        ok: false,
        detail: 'vm01 is in REQ-12',
        fix: 'wait until REQ-12 has finished, or cancel it: /migrate cancel REQ-12',
      },
    ],
  ])('%s', (guest, expected) => {
    expect(checkGuestLock(guest, busy)).toEqual(expected);
  });
});

describe('checkHostsFree', () => {
  it.each([
    [[], true, 'no online migration in flight on vsp1 or vsp2'],
    [['vsp3'], true, 'no online migration in flight on vsp1 or vsp2'],
    [['vsp1'], false, 'vsp1 already takes part in an online migration (one per host at a time)'],
    [['vsp2'], false, 'vsp2 already takes part in an online migration (one per host at a time)'],
    [['vsp1', 'vsp2'], false, 'vsp1 and vsp2 already take part in an online migration (one per host at a time)'],
  ])('busy %j → ok %s', (busy, ok, detail) => {
    const check = checkHostsFree('vsp1', offlineRoute(makeGuest(), 'vsp2'), new Set(busy));
    expect(check).toMatchObject({ rule: 'hosts-free', ok, detail });
    if (!ok)
      expect(check.fix).toBe(
        'retry when it has finished, or use offline migration (downtime): /migrate vm01 to vsp2 offline --stop',
      );
  });
});
