/**
 * One rule's verdict, shown as ✓/✗ in the preview (docs/architecture.md, "Domain rules"), or as `?` when the
 * rule could not be checked (issue 9: a value the bot does not know is never shown as ✓).
 */
export const RULE_IDS = [
  'guest-located',
  'guest-lock',
  'target',
  'guest-state',
  'guest-kind',
  'guest-os',
  'online-migration-enabled',
  'storage-backing',
  'storage-copy',
  'processor',
  'version-path',
  'memory-fit',
  'vswitches',
  'hosts-free',
  'hosts-settled',
  'commands',
  'evacuate-source',
  'placement',
  'hp-precheck',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface CheckResult {
  readonly rule: RuleId;
  readonly ok: boolean;
  /** What was checked, with the actual values. */
  readonly detail: string;
  /** What the operator should do; only on failures. */
  readonly fix?: string;
  /**
   * Set on a result that does not block (`ok` stays true) but was not actually checked, because the value
   * it needs is unknown: presenters show it as not checked, never as ✓. Absent on every real verdict.
   */
  readonly unknown?: true;
}

export function passed(rule: RuleId, detail: string): CheckResult {
  return { rule, ok: true, detail };
}

export function failed(rule: RuleId, detail: string, fix?: string): CheckResult {
  return fix === undefined ? { rule, ok: false, detail } : { rule, ok: false, detail, fix };
}

/** A rule that could not be checked: it does not block, and it is not a pass either. */
export function notChecked(rule: RuleId, detail: string): CheckResult {
  return { rule, ok: true, detail, unknown: true };
}

/** Passed and actually checked: what a presenter may show as ✓. */
export function checkedOk(check: CheckResult): boolean {
  return check.ok && check.unknown !== true;
}
