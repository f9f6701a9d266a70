/**
 * What each hpvmmigrate failure means and what the operator does next (docs/conventions.md #6): one table,
 * shown in docs/hpvm-output-formats.md §6 (rendered by `renderMigrateErrorTable`, and a test keeps the two
 * equal). `message` is the text as HP prints it, placeholders in angle brackets; `source` says how sure we
 * are of the wording: DOC (printed in an HP manual), CODE (captured from a real host), INF (the simulator's
 * own wording where HP documents the condition but not its text).
 */
import { readMigrateLog, type MigrateFailure } from './parse-migrate-output.ts';

export type MessageSource = 'DOC' | 'CODE' | 'INF';

export interface MigrateErrorEntry {
  /** As printed, without `hpvmmigrate: ` / `ERROR (<vm>): `; `<name>` marks a varying part. */
  readonly message: string;
  readonly source: MessageSource;
  /** Where the wording comes from. */
  readonly cite: string;
  /** Matched against a failure's reason; named groups fill the `<name>` placeholders of `nextStep`. */
  readonly pattern: RegExp;
  readonly explanation: string;
  readonly nextStep: string;
}

const RN43 = 'HPVM 4.3 Release Notes §9.2.1–9.2.2, p. 42';
const JREY = 'docs/hpvm-reference.md, "Messages and exit codes" (HPVM 3.5)';
const SSH_DOC = 'HP vPars and Integrity VM 6.1 Administrator Guide, p. 211';
const SIM = 'docs/hpvm-output-formats.md §6 (simulator)';
const PROBE_TIMEOUT_NEXT =
  "The guest keeps running on the source. On the target, run `ioscan -P ms_scan_time -C fc`: each FC HBA should probe in under 10 s (otherwise check the FC switch and zoning); then raise the guest's timeouts with `hpvmmodify -P <vm> -x tunables=ogmo=90000` and `-x migrate_frozen_phase_timeout=90` (or give it fewer NPIV HBAs) and try again.";

export const MIGRATE_ERRORS: readonly MigrateErrorEntry[] = [
  {
    message: 'SSH execution error. Make sure ssh is setup right on both source and target systems.',
    source: 'CODE',
    cite: JREY,
    pattern: /^SSH execution error\b/,
    explanation: 'root on one VSP cannot run commands on the other over SSH without a password.',
    nextStep:
      'The VSPs cannot run commands on each other: set up root SSH keys in both directions between source and target (HP ships secsetup for this), then check again.',
  },
  {
    message: 'Host key verification failed.',
    source: 'DOC',
    cite: SSH_DOC,
    pattern: /^Host key verification failed\b/,
    explanation:
      "the source VSP does not know the target's SSH host key, usually that of the `-hpvm-migr` alias, or the key changed because the target was reinstalled.",
    nextStep:
      "The source VSP does not know the target's host key (often the -hpvm-migr alias): run `ssh <target alias> date` once as root on the source and accept the key after verifying it (after a reinstall, remove the old key with `ssh-keygen -R <host>` first).",
  },
  {
    message: 'Device <dsf> is shared.  Guest with shared storage devices cannot be migrated.',
    source: 'CODE',
    cite: JREY,
    pattern: /^Device (?<device>\S+) is shared\b/,
    explanation: "a device of the guest is marked shareable (often the host's DVD); such guests cannot migrate.",
    nextStep:
      'Guest storage <device> is marked shared; guests with shared devices cannot migrate. Remove the device from the guest or unshare it (hpvmmodify / hpvmdevmgmt), then check again.',
  },
  {
    message: 'Target VM Host error - Device does not exist.',
    source: 'CODE',
    cite: JREY,
    pattern: /^Target VM Host error - Device does not exist\b/,
    explanation:
      'a backing store of the guest is not on the target: a SAN LUN not presented there, or an lvol, file or local disk that exists only on the source.',
    nextStep:
      "A disk of the guest is not visible on the target VSP: present the same SAN LUNs to the target, or copy the lvol or file store there first (the target's /var/opt/hpvm/common/command.log names the device), then check again.",
  },
  {
    message: 'Device WWID does not match.',
    source: 'CODE',
    cite: JREY,
    pattern: /^Device WWID does not match\b/,
    explanation: 'the device path on the target leads to a different LUN than on the source.',
    nextStep:
      "A device path on the target points at a different LUN: fix the LUN presentation so the guest's disks have the same WWIDs on both VSPs (target's command.log names the device).",
  },
  {
    message: 'Target VM Host error - vswitch validation failed.',
    source: 'CODE',
    cite: JREY,
    pattern: /^Target VM Host error - vswitch validation failed\b/,
    explanation: 'a vswitch of the guest is missing on the target, or is on a different network card there.',
    nextStep:
      'A vswitch the guest uses is missing or differently cabled on the target: create it with hpvmnet on the target (same name, same network), then check again.',
  },
  {
    message: 'Target VM Host error - <reason>',
    source: 'CODE',
    cite: JREY,
    pattern: /^Target VM Host error - /,
    explanation: 'the target VSP refused the guest for the reason given.',
    nextStep:
      'The target refused the guest: its reason is in /var/opt/hpvm/common/command.log on the target. Fix that, then check again.',
  },
  {
    message: 'See HPVM command log file on target VM Host for more detail.',
    source: 'CODE',
    cite: JREY,
    pattern: /^See HPVM command log file on target VM Host\b/,
    explanation: "follows a target-side failure: the detail is in the target's command log.",
    nextStep: 'Read /var/opt/hpvm/common/command.log on the target VSP for the device or network it refused.',
  },
  {
    message: 'Device <vPWWN>,<vNWWN> has no match on this HPVM server.',
    source: 'DOC',
    cite: RN43,
    pattern: /^Device \S+ has no match on this HPVM server\b/,
    explanation:
      'the guest has an NPIV HBA, and the target has no physical FC port on the same fabric that can carry it (the reason after `ERROR (<vm>): Remote message:`).',
    nextStep:
      'On the target, present a physical FC port on the same switch (fabric) with free NPIV entries, or choose another target that has one, then check again.',
  },
  {
    message: 'Remote message:',
    source: 'DOC',
    cite: RN43,
    pattern: /^Remote message:$/i,
    explanation: 'the target refused the move; its own message should follow on the next line and is missing.',
    nextStep: "Read /var/opt/hpvm/common/command.log on the target VSP for the target's message.",
  },
  {
    message: 'Target: (protocol low) header read timeout, <n> seconds',
    source: 'DOC',
    cite: RN43,
    pattern: /^Target: \(protocol low\) header read timeout\b/,
    explanation:
      'the target stopped answering during an online move and it was aborted; HP documents this when the target probes NPIV HBAs for 30 s or longer (its syslog then says "NPIV probe took too long").',
    nextStep: PROBE_TIMEOUT_NEXT,
  },
  {
    message: 'Target: could not receive message header',
    source: 'DOC',
    cite: RN43,
    pattern: /^Target: could not receive message header$/,
    explanation: 'follows the header read timeout: the online move was aborted.',
    nextStep: PROBE_TIMEOUT_NEXT,
  },
  {
    message: '<Phase> phase timed out; migration aborted. Guest continues to run on the source VM Host.',
    source: 'INF',
    cite: SIM,
    pattern: /\bphase timed out\b/i,
    explanation: 'an online phase passed its migrate_*_phase_timeout and the move was aborted.',
    nextStep:
      'The online migration was aborted and the guest keeps running on the source. Retry when the hosts and the migration network are less busy, or raise the phase timeout for this guest (hpvmmodify -x migrate_*_phase_timeout).',
  },
  {
    message: 'Migration aborted. Guest continues on the source VM Host.',
    source: 'INF',
    cite: SIM,
    pattern: /^Migration aborted\b/,
    explanation: 'hpvmmigrate was stopped before the move completed.',
    nextStep:
      'The guest keeps running on the source: check with hpvmstatus on both VSPs, then ask again when nothing else is moving.',
  },
  {
    message: 'Insufficient memory on target VM Host.',
    source: 'INF',
    cite: SIM,
    pattern: /\bInsufficient memory\b/i,
    explanation: 'the target cannot hold the guest.',
    nextStep: 'The target cannot hold the guest: choose another target or free memory on it first.',
  },
  {
    message: 'Another online migration is in progress on <host>.',
    source: 'INF',
    cite: 'HPVM 4.2.5 Release Notes §9.2.8 (condition); simulator wording',
    pattern: /\bAnother online migration is in progress\b/i,
    explanation: 'a VSP takes part in one online migration at a time.',
    nextStep: 'HP allows one online migration per host at a time: wait for the other migration to finish.',
  },
  {
    message: 'Online migration is not supported for <what>.',
    source: 'INF',
    cite: SIM,
    pattern:
      /not supported for online migration|online migration is not supported|not compatible|disabled for this guest|does not support online migration|is not supported\.$/i,
    explanation:
      'the guest or the pair of VSPs cannot do an online move (this and the other online-only refusals: not compatible, disabled for this guest, guest OS without online migration).',
    nextStep: 'This guest cannot move online to this target: use an offline migration (downtime) or another target.',
  },
];

export interface MigrateErrorExplained {
  readonly failure: MigrateFailure;
  readonly entry: MigrateErrorEntry;
  /** The entry's next step with its placeholders filled from the message. */
  readonly nextStep: string;
}

/** The table entry for one failure reason, if the bot knows it. */
export function explainMigrateError(
  reason: string,
  known: Readonly<Record<string, string>> = {},
): { entry: MigrateErrorEntry; nextStep: string } | undefined {
  for (const entry of MIGRATE_ERRORS) {
    const match = entry.pattern.exec(reason.trim());
    if (match) return { entry, nextStep: fill(entry.nextStep, { ...known, ...match.groups }) };
  }
  return undefined;
}

/** The first failure in hpvmmigrate's lines that the table knows, with its explanation and next step. */
export function explainMigrateOutput(lines: readonly string[]): MigrateErrorExplained | undefined {
  for (const failure of readMigrateLog(lines).failures) {
    const known = explainMigrateError(failure.reason, failure.vm === undefined ? {} : { vm: failure.vm });
    if (known) return { failure, ...known };
  }
  return undefined;
}

function fill(text: string, groups: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/<([a-z]+)>/g, (whole, name: string) => groups[name] ?? whole);
}

/** The table as it stands in docs/hpvm-output-formats.md §6. */
export function renderMigrateErrorTable(): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = [
    '| message (without `hpvmmigrate: ` or `ERROR (<vm>): `) | source | what it means | next step |',
    '| --- | --- | --- | --- |',
    ...MIGRATE_ERRORS.map(
      (entry) =>
        `| \`${cell(entry.message)}\` | ${entry.source}: ${cell(entry.cite)} | ${cell(entry.explanation)} | ${cell(entry.nextStep)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
