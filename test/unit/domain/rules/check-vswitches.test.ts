import { describe, expect, it } from 'vitest';
import { checkVswitches } from '../../../../src/domain/rules/check-vswitches.ts';
import { makeGuest, makeNic, makeVsp } from '../../../support/builders.ts';

describe('checkVswitches', () => {
  const target = makeVsp({ name: 'vsp2', vswitches: ['localnet', 'vlan02', 'vlan03'] });

  it.each([
    ['one NIC on a present vswitch', [makeNic('vlan02')], true, 'vsp2 has vlan02'],
    ['two NICs on one vswitch', [makeNic('vlan02'), makeNic('vlan02')], true, 'vsp2 has vlan02'],
    ['NICs on several vswitches', [makeNic('vlan02'), makeNic('localnet')], true, 'vsp2 has vlan02, localnet'],
    ['no NIC', [], true, 'vm01 has no network interfaces'],
    [
      'a missing vswitch',
      [makeNic('vlan02'), makeNic('vlan05')],
      false,
      'vsp2 lacks vswitch vlan05 (vm01 uses vlan02, vlan05)',
    ],
    [
      'two missing vswitches',
      [makeNic('vlan05'), makeNic('vlan06')],
      false,
      'vsp2 lacks vswitch vlan05, vlan06 (vm01 uses vlan05, vlan06)',
    ],
  ])('%s → ok %s', (_label, networks, ok, detail) => {
    const check = checkVswitches(makeGuest({ networks }), target, 'vsp1');
    expect(check).toMatchObject({ rule: 'vswitches', ok, detail });
    if (!ok) expect(check.fix).toContain('hpvmnet');
  });

  it('refuses when the devices were not collected', () => {
    const { networks: _networks, ...guest } = makeGuest();
    expect(checkVswitches(guest, target, 'vsp1')).toEqual({
      rule: 'vswitches',
      ok: false,
      detail: 'the network interfaces of vm01 were not collected (hpvmstatus -P vm01 -d)',
      fix: 'retry when the inventory has its device list',
    });
  });

  it('fails closed while a device row could not be read (it may be a NIC)', () => {
    const guest = makeGuest({
      unreadDevices: [{ position: 4, line: 'network:lan:0,1:vswitch', reason: 'too few fields' }],
    });
    expect(checkVswitches(guest, target, 'vsp1')).toEqual({
      rule: 'vswitches',
      ok: false,
      detail: 'a device row of vm01 on vsp1 could not be read (device 4), so its vswitches are not all known',
      fix: "check the rows with hpvmstatus -P vm01 -d; the bot cannot judge this guest's networks until it can read every row",
    });
  });
});
