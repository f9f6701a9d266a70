import { describe, expect, it } from 'vitest';
import type { GuestKind } from '../../../../src/domain/inventory.ts';
import type { MigrationMode } from '../../../../src/domain/request.ts';
import { checkVersionPath } from '../../../../src/domain/rules/check-version-path.ts';
import { offlineRoute } from '../../../../src/domain/rules/offline-fix.ts';
import { KNOWN_VERSIONS } from '../../../../src/domain/rules/version-paths.ts';
import { makeGuest } from '../../../support/builders.ts';

/** Written out from docs/hpvm-reference.md, "Version paths" (and the 6.x INF rows), independently of version-paths.ts. */
const ONLINE_ALLOWED = [
  '4.1>4.1', '4.1>4.2',
  '4.2>4.2', '4.2>4.2.5', '4.2>4.3',
  '4.2.5>4.2.5', '4.2.5>4.3',
  '4.3>4.3', '4.3>6.1',
  '6.1>6.1', '6.1>6.1.5', '6.1>6.2', '6.1>6.3',
  '6.1.5>6.1.5', '6.1.5>6.2', '6.1.5>6.3',
  '6.2>6.2', '6.2>6.3',
  '6.3>6.3',
]; // prettier-ignore
const VM_OFFLINE_GROUPS = [['3.5'], ['4.0'], ['4.1', '4.2', '4.2.5', '4.3', '6.1', '6.1.5', '6.2', '6.3']];
const VPAR_OFFLINE_GROUPS = [
  ['6.0', '6.1'],
  ['6.1', '6.1.5', '6.2', '6.3'],
];

const ALL = ['3.5', '4.0', '4.1', '4.2', '4.2.5', '4.3', '6.0', '6.1', '6.1.5', '6.2', '6.3'];
const pairs = ALL.flatMap((source) => ALL.map((target) => [source, target] as const));
const inOneGroup = (groups: string[][], a: string, b: string) =>
  groups.some((group) => group.includes(a) && group.includes(b));

function check(mode: MigrationMode, kind: GuestKind, source: string, target: string) {
  return checkVersionPath({
    kind,
    mode,
    offline: offlineRoute(makeGuest(), 'vsp2'),
    source: { vsp: 'vsp1', version: source },
    target: { vsp: 'vsp2', version: target },
  });
}

describe('checkVersionPath', () => {
  it('knows exactly the versions of the reference', () => {
    expect([...KNOWN_VERSIONS].sort()).toEqual([...ALL].sort());
  });

  it.each(pairs.map(([source, target]) => [source, target, ONLINE_ALLOWED.includes(`${source}>${target}`)] as const))(
    'online VM %s → %s: %s',
    (source, target, allowed) => {
      expect(check('online', 'vm', source, target).ok).toBe(allowed);
    },
  );

  it.each(pairs.map(([source, target]) => [source, target, inOneGroup(VM_OFFLINE_GROUPS, source, target)] as const))(
    'offline VM %s → %s: %s',
    (source, target, allowed) => {
      expect(check('offline', 'vm', source, target).ok).toBe(allowed);
    },
  );

  it.each(pairs.map(([source, target]) => [source, target, inOneGroup(VPAR_OFFLINE_GROUPS, source, target)] as const))(
    'offline vPar %s → %s: %s',
    (source, target, allowed) => {
      expect(check('offline', 'vpar', source, target).ok).toBe(allowed);
    },
  );

  it.each([
    ['online', 'vm', '4.3', '6.1', true, 'online HPVM 4.3 (vsp1) → 6.1 (vsp2) is a supported path', undefined],
    [
      'online',
      'vm',
      '4.3',
      '6.2',
      false,
      'online HPVM 4.3 (vsp1) → 6.2 (vsp2) is not supported (from 4.3: 4.3, 6.1)',
      'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop',
    ],
    [
      'online',
      'vm',
      '4.2',
      '4.1',
      false,
      'online HPVM 4.2 (vsp1) → 4.1 (vsp2) is not supported (from 4.2: 4.2, 4.2.5, 4.3)',
      'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop',
    ],
    [
      'online',
      'vm',
      '4.0',
      '4.0',
      false,
      'HPVM 4.0 (vsp1) has no online migration',
      'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop',
    ],
    [
      'online',
      'vm',
      '4.0',
      '4.3',
      false,
      'HPVM 4.0 (vsp1) has no online migration',
      'offline is no way out either (offline HPVM 4.0 (vsp1) → 4.3 (vsp2) is not supported for a VM): choose a target running HPVM 4.0',
    ],
    [
      'offline',
      'vm',
      '6.3',
      '4.1',
      true,
      'offline HPVM 6.3 (vsp1) → 4.1 (vsp2): both in HPVM 4.1 and later',
      undefined,
    ],
    [
      'offline',
      'vpar',
      '6.0',
      '6.1',
      true,
      'offline HPVM 6.0 (vsp1) → 6.1 (vsp2): both in vPars 6.0 and 6.1',
      undefined,
    ],
    [
      'offline',
      'vm',
      '4.0',
      '4.3',
      false,
      'offline HPVM 4.0 (vsp1) → 4.3 (vsp2) is not supported for a VM',
      'choose a target running HPVM 4.0',
    ],
    [
      'offline',
      'vpar',
      '6.0',
      '6.3',
      false,
      'offline HPVM 6.0 (vsp1) → 6.3 (vsp2) is not supported for a vPar',
      'choose a target running HPVM 6.0, 6.1',
    ],
    [
      'offline',
      'vm',
      '6.0',
      '6.1',
      false,
      'offline HPVM 6.0 (vsp1) → 6.1 (vsp2) is not supported for a VM',
      'no offline path exists from this host',
    ],
  ] as const)('%s %s %s → %s: detail and fix', (mode, kind, source, target, ok, detail, fix) => {
    const result = check(mode, kind, source, target);
    expect(result).toEqual(
      fix === undefined ? { rule: 'version-path', ok, detail } : { rule: 'version-path', ok, detail, fix },
    );
  });

  it.each(['online', 'offline'] as const)('refuses an unknown version %s', (mode) => {
    expect(check(mode, 'vm', '4.3', '6.4')).toEqual({
      rule: 'version-path',
      ok: false,
      detail: `HPVM version 6.4 (vsp2) is not in the version table (${KNOWN_VERSIONS.join(', ')})`,
      fix: 'check hpvmVersion in the fleet config',
    });
  });
});
