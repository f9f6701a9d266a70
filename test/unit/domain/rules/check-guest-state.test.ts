import { describe, expect, it } from 'vitest';
import type { GuestState } from '../../../../src/domain/inventory.ts';
import type { MigrationMode } from '../../../../src/domain/request.ts';
import { checkGuestState } from '../../../../src/domain/rules/check-guest-state.ts';
import { offlineRoute } from '../../../../src/domain/rules/offline-fix.ts';
import { makeGuest } from '../../../support/builders.ts';

describe('checkGuestState', () => {
  it.each<[MigrationMode, GuestState, boolean, boolean, string, string | undefined]>([
    ['online', 'On', false, true, 'vm01 is On (OS): it keeps running during the move', undefined],
    [
      'online',
      'Off',
      false,
      false,
      'vm01 is Off: online migration moves a running guest',
      'use offline migration: /migrate vm01 to vsp2 offline',
    ],
    [
      'online',
      'Other',
      false,
      false,
      'vm01 is On (EFI): only On or Off guests are migrated',
      'retry when vm01 is On (OS) or Off',
    ],
    ['offline', 'Off', false, true, 'vm01 is Off', undefined],
    ['offline', 'Off', true, true, 'vm01 is Off', undefined],
    ['offline', 'On', true, true, 'vm01 is On (OS): --stop stops it on the source first (DOWNTIME)', undefined],
    [
      'offline',
      'On',
      false,
      false,
      'vm01 is On (OS): an offline move needs it stopped',
      'accept the downtime with --stop: /migrate vm01 to vsp2 offline --stop',
    ],
    [
      'offline',
      'Other',
      true,
      false,
      'vm01 is On (EFI): only On or Off guests are migrated',
      'retry when vm01 is On (OS) or Off',
    ],
    [
      'offline',
      'NotRunnable',
      false,
      false,
      'vm01 is Off (NR): only On or Off guests are migrated',
      'retry when vm01 is On (OS) or Off',
    ],
  ])('%s move of a guest %s (--stop %s) → ok %s', (mode, state, stop, ok, detail, fix) => {
    const guest = makeGuest({ state });
    const check = checkGuestState(guest, mode, stop, offlineRoute(guest, 'vsp2'));
    expect(check).toEqual(
      fix === undefined ? { rule: 'guest-state', ok, detail } : { rule: 'guest-state', ok, detail, fix },
    );
  });
});
