/**
 * `hpvmstatus -P <vm> -V`: the per-guest attributes the bot needs from the verbose view
 * (docs/hpvm-output-formats.md §3a). HP prints `-V` as `[Section]` titles and `Key : value` lines
 * (HP-UX vPars and Integrity VM V6.3 Administrator Guide, §13.8, p. 224); it lists `runnable_status`,
 * `modify_status` and `visible_status` (HP Integrity Virtual Machines 4.2 guide §9.1.2, p. 142; 4.3 guide
 * §8.2.3, p. 147), and `online_migration` is set per guest with `hpvmmodify -x` (4.2 Release Notes §9.2.5).
 *
 * HP prints no sample of those attribute lines, so their keys are matched tolerantly [INF]: case, `_` and
 * spacing do not matter, and a trailing `status`/`enabled` word is allowed. A value other than
 * enabled/disabled (yes/no, true/false, on/off) stays unknown with a warning; an attribute that is not
 * printed stays unknown (a warning for online migration, which a rule depends on). Everything else in
 * `-V` (devices, memory, labels) is not the bot's business and is passed over without issues.
 */
import type { ParseIssue, ParseResult } from '../inventory.ts';
import { isBlank, outputIssue, sectionTitle, splitOutputLines, warningAt, type OutputLine } from './output-lines.ts';

export interface GuestAttributes {
  /** `Virtual Machine Name`, to check the output belongs to the guest asked about. */
  readonly name?: string;
  readonly onlineMigration?: boolean;
  readonly runnable?: boolean;
  readonly registered?: boolean;
  readonly modifiable?: boolean;
  readonly visible?: boolean;
}

type Attribute = Exclude<keyof GuestAttributes, 'name'>;

/** Normalised key → attribute. `online vm migration` is VSMgr's wording ("Online VM Migration"). */
const KEYS: ReadonlyMap<string, Attribute> = new Map([
  ['online migration', 'onlineMigration'],
  ['online vm migration', 'onlineMigration'],
  ['runnable', 'runnable'],
  ['register', 'registered'],
  ['registered', 'registered'],
  ['modify', 'modifiable'],
  ['visible', 'visible'],
]);

const NAME_KEY = 'virtual machine name';
/**
 * Every HP sample of `-V` puts blanks before the colon (`Virtual Machine ID : 1`, `Guest Device type :disk`),
 * and hpvm error lines do not (`hpvmstatus: Unable to find …`): the blank tells them apart.
 */
const KEY_VALUE = /^\s*([^:]*[A-Za-z][^:]*?)\s+:\s*(.*)$/;

const TRUE_WORDS = new Set(['enabled', 'enable', 'yes', 'true', 'on']);
const FALSE_WORDS = new Set(['disabled', 'disable', 'no', 'false', 'off']);

export function parseHpvmstatusAttributes(text: string): ParseResult<GuestAttributes> {
  const lines = splitOutputLines(text);
  const pairs = lines.flatMap((line) => {
    const pair = keyValue(line);
    return pair === undefined ? [] : [pair];
  });
  if (pairs.length === 0) {
    return { value: {}, issues: [outputIssue('error', lines, 'no "Key : value" lines: not hpvmstatus -V output')] };
  }

  const issues: ParseIssue[] = [];
  const found = new Map<Attribute, boolean>();
  let name: string | undefined;
  for (const { line, key, value } of pairs) {
    if (key === NAME_KEY) {
      if (name === undefined) name = value;
      continue;
    }
    const attribute = KEYS.get(stripSuffix(key));
    if (attribute === undefined) continue;
    const flag = readFlag(value);
    if (flag === undefined) {
      issues.push(warningAt(line, `value '${value}' of ${attribute} not understood; left unknown`));
      continue;
    }
    const earlier = found.get(attribute);
    if (earlier !== undefined && earlier !== flag) {
      issues.push(warningAt(line, `${attribute} is printed twice with different values; the first is used`));
      continue;
    }
    found.set(attribute, flag);
  }
  if (!found.has('onlineMigration')) {
    issues.push(outputIssue('warning', lines, 'no online_migration attribute printed: online migration stays unknown'));
  }
  const value: { -readonly [K in keyof GuestAttributes]: GuestAttributes[K] } = {};
  if (name !== undefined) value.name = name;
  for (const [attribute, flag] of found) value[attribute] = flag;
  return { value, issues };
}

interface Pair {
  readonly line: OutputLine;
  readonly key: string;
  readonly value: string;
}

/** `Virtual Machine Name : vm001` → key `virtual machine name`; section titles and table rows are not pairs. */
function keyValue(line: OutputLine): Pair | undefined {
  if (isBlank(line) || sectionTitle(line.text) !== undefined) return undefined;
  const match = KEY_VALUE.exec(line.text);
  if (match === null) return undefined;
  const [, rawKey = '', value = ''] = match;
  return { line, key: normaliseKey(rawKey), value: value.trim() };
}

function normaliseKey(key: string): string {
  return key
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** `runnable status` → `runnable`, `online migration enabled` → `online migration`. */
function stripSuffix(key: string): string {
  return key.replace(/ (status|enabled|attribute)$/, '');
}

function readFlag(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}
