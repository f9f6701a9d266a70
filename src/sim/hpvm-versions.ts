/**
 * HPVM version facts the simulated hpvmmigrate enforces, as data (docs/hpvm-reference.md, "Version paths"). Written
 * independently of src/domain on purpose: the simulator is the oracle the bot's own rules are tested against.
 */

export const HPVM_VERSIONS = ['3.5', '4.0', '4.1', '4.2', '4.2.5', '4.3', '6.0', '6.1', '6.1.5', '6.2', '6.3'] as const;
export type HpvmVersion = (typeof HPVM_VERSIONS)[number];

export type MachinfoFormat = '11.23' | '11.31';

/** Online (OVMM) forward paths [DOC V61-RN34, IVM43-P178]; 6.x goes to the same or a newer 6.x (6.0 has no OVMM). */
const ONLINE_TARGETS: Readonly<Record<HpvmVersion, readonly HpvmVersion[]>> = {
  '3.5': [],
  '4.0': [],
  '4.1': ['4.1', '4.2'],
  '4.2': ['4.2', '4.2.5', '4.3'],
  '4.2.5': ['4.2.5', '4.3'],
  '4.3': ['4.3', '6.1'],
  '6.0': [],
  '6.1': ['6.1', '6.1.5', '6.2', '6.3'],
  '6.1.5': ['6.1.5', '6.2', '6.3'],
  '6.2': ['6.2', '6.3'],
  '6.3': ['6.3'],
};

/** Offline VM paths, forward and backward: 3.5↔3.5, 4.0↔4.0, 4.1+↔4.1+ including 6.x [DOC V61-AG-P198]. */
const OFFLINE_VM_GROUP: Readonly<Record<HpvmVersion, string>> = {
  '3.5': '3.5',
  '4.0': '4.0',
  '4.1': '4.1+',
  '4.2': '4.1+',
  '4.2.5': '4.1+',
  '4.3': '4.1+',
  '6.0': '4.1+',
  '6.1': '4.1+',
  '6.1.5': '4.1+',
  '6.2': '4.1+',
  '6.3': '4.1+',
};

/**
 * Offline vPar paths. HP documents only 6.0↔6.1 [DOC V61-AG-P198]; the 6.3 guide still allows offline vPar
 * migration, so 6.1 and later pair with each other [INF], while 6.0 pairs only with 6.0 and 6.1.
 */
const OFFLINE_VPAR_TARGETS: Readonly<Partial<Record<HpvmVersion, readonly HpvmVersion[]>>> = {
  '6.0': ['6.0', '6.1'],
  '6.1': ['6.0', '6.1', '6.1.5', '6.2', '6.3'],
  '6.1.5': ['6.1', '6.1.5', '6.2', '6.3'],
  '6.2': ['6.1', '6.1.5', '6.2', '6.3'],
  '6.3': ['6.1', '6.1.5', '6.2', '6.3'],
};

export function onlinePathAllowed(from: HpvmVersion, to: HpvmVersion): boolean {
  return ONLINE_TARGETS[from].includes(to);
}

export function offlinePathAllowed(kind: 'vm' | 'vpar', from: HpvmVersion, to: HpvmVersion): boolean {
  if (kind === 'vpar') return OFFLINE_VPAR_TARGETS[from]?.includes(to) ?? false;
  return OFFLINE_VM_GROUP[from] === OFFLINE_VM_GROUP[to];
}

/** vPars and the `Type` column of hpvmstatus exist from 6.0 on. */
export function isVersion6(version: HpvmVersion): boolean {
  return version.startsWith('6.');
}

/**
 * 3.5 ran on HP-UX 11i v2 (11.23); 4.0 and later on 11i v3 (11.31): HP's "Upgrading to Integrity VM
 * Version 4.0 from 3.X" has the VM Host's OS updated (or cold-installed) as part of moving to 4.0, and the
 * 4.0 release (September 2008) is the first on 11.31.
 */
export function defaultMachinfoFormat(version: HpvmVersion): MachinfoFormat {
  return version === '3.5' ? '11.23' : '11.31';
}

/**
 * `hpvmmigrate -o` exists from 4.1 on: the 4.0 hpvmmigrate(1M) synopsis (T2767-90141) has no `-o`, and
 * 3.5 had no online migration. On those hosts getopt refuses `-o` as an illegal option.
 */
export function hasOnlineOption(version: HpvmVersion): boolean {
  return version !== '3.5' && version !== '4.0';
}
