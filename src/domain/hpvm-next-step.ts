/**
 * The one place that turns what hpvmmigrate printed into the next step for an operator (docs/conventions.md #6).
 * Message texts are HP's documented ones (docs/hpvm-cli.md, "Messages and exit codes") where they exist; the
 * online-only refusals are matched loosely because HP's exact wording is not documented.
 */

interface KnownMessage {
  readonly pattern: RegExp;
  readonly nextStep: (match: RegExpExecArray) => string;
}

const KNOWN_MESSAGES: readonly KnownMessage[] = [
  {
    pattern: /SSH execution error/i,
    nextStep: () =>
      'The VSPs cannot run commands on each other: set up root SSH keys in both directions between source and target (HP ships secsetup for this), then check again.',
  },
  {
    pattern: /Host key verification failed/i,
    nextStep: () =>
      "The source VSP does not know the target's host key (often the -hpvm-migr alias): run `ssh <target alias> date` once as root on the source and accept the key after verifying it.",
  },
  {
    pattern: /Device (\S+) is shared\b/i,
    nextStep: (match) =>
      `Guest storage ${match[1] ?? ''} is marked shared; guests with shared devices cannot migrate. Remove or unshare the device (hpvmmodify / hpvmdevmgmt), then check again.`,
  },
  {
    pattern: /Device does not exist/i,
    nextStep: () =>
      "A disk of the guest is not visible on the target VSP: present the same SAN LUNs to the target (see the target's /var/opt/hpvm/common/command.log for the device), then check again.",
  },
  {
    pattern: /WWID does not match/i,
    nextStep: () =>
      "A device path on the target points at a different LUN: fix the LUN presentation so the guest's disks have the same WWIDs on both VSPs (target's command.log names the device).",
  },
  {
    pattern: /vswitch validation failed/i,
    nextStep: () =>
      'A vswitch the guest uses is missing or differently cabled on the target: create it with hpvmnet on the target (same name, same network), then check again.',
  },
  {
    pattern: /phase timed out|timed out/i,
    nextStep: () =>
      'The online migration was aborted and the guest keeps running on the source. Retry when the hosts and the migration network are less busy, or raise the phase timeout for this guest (hpvmmodify -x migrate_*_phase_timeout).',
  },
  {
    pattern: /Insufficient memory/i,
    nextStep: () => 'The target cannot hold the guest: choose another target or free memory on it first.',
  },
  {
    pattern: /Another online migration is in progress/i,
    nextStep: () => 'HP allows one online migration per host at a time: wait for the other migration to finish.',
  },
  {
    pattern:
      /not supported for online migration|online migration is not supported|not compatible|disabled for this guest|does not support online migration/i,
    nextStep: () =>
      'This guest cannot move online to this target: use an offline migration (downtime) or another target.',
  },
];

/** The next step for the first known message in hpvmmigrate's output, if any. */
export function hpvmNextStep(output: string): string | undefined {
  for (const known of KNOWN_MESSAGES) {
    const match = known.pattern.exec(output);
    if (match) return known.nextStep(match);
  }
  return undefined;
}

/** The lines of hpvmmigrate's output that carry its verdict (errors first), for a one-line summary. */
export function hpvmSummary(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const errors = lines.filter((line) => /ERROR|error|Unable|cannot|failed|does not|not /.test(line));
  const chosen = errors.length > 0 ? errors : lines.slice(-1);
  return chosen.slice(0, 3).join(' / ') || '(no output)';
}
