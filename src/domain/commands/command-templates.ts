/**
 * Every HPVM command line the bot can generate, as data keyed by HPVM version (docs/architecture.md, "Domain rules").
 * Only flags tagged DOC or CODE in docs/hpvm-reference.md, "hpvmmigrate flags" appear; the operator can replace any template
 * per version in the config file (validate-template-overrides.ts).
 *
 * A template is an argv array. A token may contain placeholders, substituted at render time:
 * `{bin}` the VSP's hpvmBinDir, `{machinfo}` its machinfoPath, `{vm}` the guest, `{target}` the
 * target VSP as `-h` wants it (its migrationHost alias when set, else its name).
 */

export type Placeholder = 'bin' | 'machinfo' | 'vm' | 'target' | 'vgdisplay' | 'bdf' | 'storage';
export const PLACEHOLDERS: readonly Placeholder[] = ['bin', 'machinfo', 'vm', 'target', 'vgdisplay', 'bdf', 'storage'];

export type TemplateName =
  | 'precheckOnline'
  | 'precheckOffline'
  | 'migrateOnline'
  | 'migrateOffline'
  | 'optionStop'
  | 'optionStart'
  | 'optionDeleteSource'
  | 'status'
  | 'guestDevices'
  | 'guestAttributes'
  | 'resourceUsage'
  | 'vswitches'
  | 'machinfo'
  | 'start'
  | 'volumeGroups'
  | 'fileSystems'
  | 'optionCopyStorage';

export type Template = readonly string[];
export type VersionTemplates = Readonly<Partial<Record<TemplateName, Template>>>;
/** Version (`4.3`) → its templates. A version without `migrateOnline` cannot migrate online. */
export type TemplateTable = Readonly<Record<string, VersionTemplates>>;

export interface TemplateSpec {
  /** Placeholders that have a value when this template is rendered. */
  readonly allowed: readonly Placeholder[];
  /** Placeholders the template must use, or it would act on the wrong guest or host. */
  readonly required: readonly Placeholder[];
  /** Flag templates are appended to a migrate line; they are not commands of their own. */
  readonly flag: boolean;
  readonly online: boolean;
  readonly description: string;
}

const MIGRATION: Pick<TemplateSpec, 'allowed' | 'required' | 'flag'> = {
  allowed: ['bin', 'vm', 'target'],
  required: ['vm', 'target'],
  flag: false,
};
const FLAG: Pick<TemplateSpec, 'allowed' | 'required' | 'flag' | 'online'> = {
  allowed: [],
  required: [],
  flag: true,
  online: false,
};
const HOST_COMMAND: Pick<TemplateSpec, 'allowed' | 'required' | 'flag' | 'online'> = {
  allowed: ['bin', 'machinfo'],
  required: [],
  flag: false,
  online: false,
};

export const TEMPLATE_SPECS: Readonly<Record<TemplateName, TemplateSpec>> = {
  precheckOnline: {
    ...MIGRATION,
    online: true,
    description: 'feasibility check of an online move (hpvmmigrate -s -o)',
  },
  precheckOffline: {
    ...MIGRATION,
    online: false,
    description: 'feasibility check of an offline move (hpvmmigrate -s)',
  },
  migrateOnline: { ...MIGRATION, online: true, description: 'online migration (hpvmmigrate -o)' },
  migrateOffline: { ...MIGRATION, online: false, description: 'offline migration (hpvmmigrate)' },
  optionStop: { ...FLAG, description: 'appended to migrateOffline for --stop' },
  optionStart: { ...FLAG, description: 'appended to migrateOffline for --start' },
  optionDeleteSource: { ...FLAG, description: 'appended to a migrate line for --delete-source' },
  status: { ...HOST_COMMAND, description: 'guest table (hpvmstatus)' },
  guestDevices: {
    allowed: ['bin', 'machinfo', 'vm'],
    required: ['vm'],
    flag: false,
    online: false,
    description: 'devices of one guest (hpvmstatus -P vm -d)',
  },
  guestAttributes: {
    allowed: ['bin', 'machinfo', 'vm'],
    required: ['vm'],
    flag: false,
    online: false,
    description: 'attributes of one guest: online_migration, runnable status (hpvmstatus -P vm -V)',
  },
  resourceUsage: { ...HOST_COMMAND, description: 'CPU usage (hpvmstatus -r)' },
  vswitches: { ...HOST_COMMAND, description: 'vswitch table (hpvmnet)' },
  machinfo: { ...HOST_COMMAND, description: 'processor and memory (machinfo)' },
  start: {
    allowed: ['bin', 'vm'],
    required: ['vm'],
    flag: false,
    online: false,
    description: 'start a guest (hpvmstart -P vm)',
  },
  volumeGroups: {
    allowed: ['vgdisplay'],
    required: [],
    flag: false,
    online: false,
    description: 'volume groups, logical volumes and free extents (vgdisplay -v)',
  },
  fileSystems: { allowed: ['bdf'], required: [], flag: false, online: false, description: 'file systems (bdf)' },
  optionCopyStorage: {
    allowed: ['storage'],
    required: ['storage'],
    flag: true,
    online: false,
    description: 'appended to migrateOffline once per store to copy (hpvmmigrate -m storage-resource -C)',
  },
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATE_SPECS) as readonly TemplateName[];

/*
 * No stop template on purpose: the only documented stop lines are `hpvmstop -P vm -g -F` and
 * `hpvmstop -P vm -F` (CODE OSVC); `-F` is never generated, and whether `hpvmstop -g` without `-F`
 * prompts for confirmation is not documented (a prompt would hang a non-interactive SSH session).
 * Stopping a guest for an offline move is `hpvmmigrate -d` instead (DOC V63-AG-P199).
 */
const INVENTORY: VersionTemplates = {
  status: ['{bin}/hpvmstatus'], // CODE JREY-MIG, OSVC
  guestDevices: ['{bin}/hpvmstatus', '-P', '{vm}', '-d'], // CODE JREY-VNIC
  // DOC: 3.x guide p. 121, 4.2 guide §9.1.2 p. 142, 4.3 guide §8.2.3 p. 147, V6.3 guide §13.8 p. 224 all show -V.
  guestAttributes: ['{bin}/hpvmstatus', '-P', '{vm}', '-V'],
  resourceUsage: ['{bin}/hpvmstatus', '-r'], // CODE JREY-MEM
  vswitches: ['{bin}/hpvmnet'], // CODE JREY-NEW, cfg2html
  machinfo: ['{machinfo}'], // CODE FACTER fixtures
  start: ['{bin}/hpvmstart', '-P', '{vm}'], // CODE OSVC; DOC IVM42-P169
  // Room for storage copies (docs/hpvm-reference.md, "Offline moves that copy storage"): HP-UX LVM and bdf, at the
  // paths the VSP config gives ({vgdisplay} /usr/sbin/vgdisplay, {bdf} /usr/bin/bdf by default).
  volumeGroups: ['{vgdisplay}', '-v'],
  fileSystems: ['{bdf}'],
};

/**
 * Copying a store during an offline move: `[-m storage-resource [-C] [-t]]...` is in the synopsis of HP's
 * hpvmmigrate(1M) for Integrity VM 4.0 (T2767-90141, "Integrity VM Manpages") — the only version whose
 * synopsis was retrieved. What -C does is not in the retrieved text: reading it as "copy the contents"
 * is INF, supported by the 4.2 guide (§10.2.1, p. 169: offline migration moves "configuration information,
 * and optionally local disk contents"). `{storage}` is a resource statement for the target
 * (`disk:avio_stor:0,1,0:lv:/dev/vg01/rlvol1`, the hpvmcreate/hpvmmodify syntax, 4.3 guide §6.2.2.3), INF too.
 * Other versions do not get it: the preview refuses with the manual steps, and an operator who has checked
 * the man page of a later version adds `optionCopyStorage` for it in commandTemplates. `-t` is never generated.
 */
const STORAGE_COPY: VersionTemplates = { optionCopyStorage: ['-m', '{storage}', '-C'] };

const OFFLINE: VersionTemplates = {
  // `-s` is DOC in the 4.0 synopsis and the 6.1/6.3 guides. renderMoveCommands appends the move's
  // -d/-b (never -D) so the check covers the move that will run.
  precheckOffline: ['{bin}/hpvmmigrate', '-s', '-P', '{vm}', '-h', '{target}'],
  migrateOffline: ['{bin}/hpvmmigrate', '-P', '{vm}', '-h', '{target}'], // CODE JREY-MIG
  optionStop: ['-d'], // DOC V63-AG-P199: checks on the target run before the guest is stopped
  optionStart: ['-b'], // DOC IVM42-P169
  // DOC IVM42-P169 for offline; with -o it is INF (docs/hpvm-reference.md, "hpvmmigrate flags").
  optionDeleteSource: ['-D'],
};

const ONLINE: VersionTemplates = {
  // `-s` combined with `-o` is INF: HP documents -s as "check if a guest can be migrated" without
  // saying whether it honours -o. Kept because an online check without -o would test the wrong move;
  // override precheckOnline per version if a host rejects the combination.
  precheckOnline: ['{bin}/hpvmmigrate', '-s', '-o', '-P', '{vm}', '-h', '{target}'],
  migrateOnline: ['{bin}/hpvmmigrate', '-o', '-P', '{vm}', '-h', '{target}'], // CODE OSVC, DOC IVM42-P169
};

const WITHOUT_ONLINE: VersionTemplates = { ...INVENTORY, ...OFFLINE };
const WITH_ONLINE: VersionTemplates = { ...INVENTORY, ...OFFLINE, ...ONLINE };

/**
 * Online migration (OVMM) starts with 4.1 and, in the 6.x line, with 6.1 (DOC V61-RN34, V61-AG-P198).
 * 3.5 had none (CODE JREY-MIG); 4.0 predates OVMM; 6.0 is vPars 6.0, and vPars migrate offline only.
 * `-s` for 3.5 is INF (only the 4.0 synopsis lists it).
 */
export const BUILT_IN_TEMPLATES: TemplateTable = {
  '3.5': WITHOUT_ONLINE,
  '4.0': { ...WITHOUT_ONLINE, ...STORAGE_COPY },
  '4.1': WITH_ONLINE,
  '4.2': WITH_ONLINE,
  '4.2.5': WITH_ONLINE,
  '4.3': WITH_ONLINE,
  '6.0': WITHOUT_ONLINE,
  '6.1': WITH_ONLINE,
  '6.1.5': WITH_ONLINE,
  '6.2': WITH_ONLINE,
  '6.3': WITH_ONLINE,
};

export const HPVM_VERSIONS = Object.keys(BUILT_IN_TEMPLATES) as readonly string[];

/** Which `hpvmmigrate -s` combinations the bot generates for a version (render-move-commands.ts decides). */
export interface PrecheckSupport {
  /** `-s` alone: check an offline move. */
  readonly offline: boolean;
  /** `-s -o`: check an online move. */
  readonly online: boolean;
  /** `-s … -b`: include the start on the target (its memory) in the check. */
  readonly withStart: boolean;
}

/*
 * `-s` is DOC in the 4.0 synopsis and the 6.1/6.3 guides ("To check if a guest can be migrated to the target
 * VSP, use the hpvmmigrate -s option", V61-AG-P198); for 3.5 and 4.1–4.3 it is INF (the same command between
 * those releases). `-s` with `-o` and `-s` with `-b` are INF everywhere: HP never shows either combination.
 * They stay on because a check without them tests another move than the one that runs; a VSP whose
 * hpvmmigrate rejects one is switched off in the fleet config (`precheck:` per VSP), not here.
 */
const PRECHECK_OFFLINE_ONLY: PrecheckSupport = { offline: true, online: false, withStart: true };
const PRECHECK_ALL: PrecheckSupport = { offline: true, online: true, withStart: true };

export const PRECHECK_SUPPORT: Readonly<Record<string, PrecheckSupport>> = {
  // 3.5: only `-P`/`-h` are seen in a capture (JREY-MIG); `-b` with `-s` is left out rather than guessed.
  '3.5': { offline: true, online: false, withStart: false },
  '4.0': PRECHECK_OFFLINE_ONLY,
  '4.1': PRECHECK_ALL,
  '4.2': PRECHECK_ALL,
  '4.2.5': PRECHECK_ALL,
  '4.3': PRECHECK_ALL,
  '6.0': PRECHECK_OFFLINE_ONLY,
  '6.1': PRECHECK_ALL,
  '6.1.5': PRECHECK_ALL,
  '6.2': PRECHECK_ALL,
  '6.3': PRECHECK_ALL,
};

/** hpvmmigrate on this version copies storage during an offline move (see STORAGE_COPY). */
export function supportsStorageCopy(templates: TemplateTable, version: string): boolean {
  return templates[version]?.optionCopyStorage !== undefined;
}

export function supportsOnlineMigration(templates: TemplateTable, version: string): boolean {
  return templates[version]?.migrateOnline !== undefined;
}

/** Built-ins with whole templates replaced by the operator's (per version, per template name). */
export function mergeTemplates(base: TemplateTable, overrides: TemplateTable): TemplateTable {
  const merged: Record<string, VersionTemplates> = { ...base };
  for (const [version, templates] of Object.entries(overrides)) {
    merged[version] = { ...merged[version], ...templates };
  }
  return merged;
}
