/** One rule's verdict, shown as ✓/✗ in the preview (docs/architecture.md, "Domain rules"). */
export const RULE_IDS = [
  'guest-located',
  'guest-lock',
  'target',
  'guest-state',
  'guest-kind',
  'guest-os',
  'online-migration-enabled',
  'storage-backing',
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
}

export function passed(rule: RuleId, detail: string): CheckResult {
  return { rule, ok: true, detail };
}

export function failed(rule: RuleId, detail: string, fix?: string): CheckResult {
  return fix === undefined ? { rule, ok: false, detail } : { rule, ok: false, detail, fix };
}
