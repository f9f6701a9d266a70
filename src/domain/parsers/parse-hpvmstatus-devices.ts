/**
 * `hpvmstatus -P <vm> -d`: the guest's devices in resource syntax (docs/hpvm-output-formats.md §2).
 *
 * Rules for lines that are not devices:
 * - `[Misc Interface Details]` (serial console, …) is read and ignored whole: nothing in it matters for moves.
 * - In the storage and network sections a line with a `:` is a device row (error if it cannot be read,
 *   and it is not returned); a line without one is not a device at all (warning).
 * - An unknown `[Section]` gets one warning for all its lines.
 * MACs are normalised to `0x` + 12 upper-case hex digits (the `-d` spelling); the `-P` detail view's
 * `f6-fb-bf-41-78-63` spelling is accepted too, so both compare equal.
 */
import type { BackingKind, NetworkInterface, ParseIssue, ParseResult, StorageDevice } from '../inventory.ts';
import {
  errorAt,
  isBlank,
  normaliseTitle,
  outputIssue,
  sectionEnd,
  sectionTitle,
  skippedSectionWarning,
  splitOutputLines,
  warningAt,
  type OutputLine,
} from './output-lines.ts';

export interface GuestDevices {
  readonly storage: StorageDevice[];
  readonly networks: NetworkInterface[];
}

type Section = 'devices' | 'storage' | 'network' | 'misc';

const SECTIONS: ReadonlyMap<string, Section> = new Map([
  ['virtual machine devices', 'devices'],
  ['storage interface details', 'storage'],
  ['network interface details', 'network'],
  ['misc interface details', 'misc'],
]);

const BACKINGS: ReadonlyMap<string, BackingKind> = new Map([
  ['disk', 'disk'],
  ['lv', 'lv'],
  ['file', 'file'],
  ['null', 'null'],
]);

const WORD = /^[A-Za-z][A-Za-z0-9_]*$/;
/** `bus,dev,target`; shorter forms are accepted because hpvm resource syntax lets trailing parts default. */
const STORAGE_ADDRESS = /^[0-9]+(?:,[0-9]+){0,2}$/;
const NETWORK_ADDRESS = /^([0-9]+),([0-9]+)(?:,(.*))?$/;
const HEX_MAC = /^0[xX]([0-9A-Fa-f]{12})$/;
const SEPARATED_MAC = /^([0-9A-Fa-f]{2})(?:[-:]([0-9A-Fa-f]{2})){5}$/;

type Row<T> = { readonly value?: T; readonly issues: readonly ParseIssue[] };

export function parseHpvmstatusDevices(text: string): ParseResult<GuestDevices> {
  const lines = splitOutputLines(text);
  const known = lines.some((line) => SECTIONS.has(normaliseTitle(sectionTitle(line.text) ?? '')));
  if (!known) {
    return {
      value: { storage: [], networks: [] },
      issues: [outputIssue('error', lines, 'no [Storage|Network Interface Details] section: not hpvmstatus -d output')],
    };
  }

  const storage: StorageDevice[] = [];
  const networks: NetworkInterface[] = [];
  const issues: ParseIssue[] = [];
  let section: Section | undefined;
  let sectionText = 'no section';
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (line === undefined) break;
    const title = sectionTitle(line.text);
    if (title !== undefined) {
      section = SECTIONS.get(normaliseTitle(title));
      if (section === undefined) {
        const end = sectionEnd(lines, index);
        const warning = skippedSectionWarning(lines, index, end, `unknown section [${title}]`);
        if (warning !== undefined) issues.push(warning);
        index = end;
        continue;
      }
      sectionText = `[${title}]`;
      index += 1;
      continue;
    }
    index += 1;
    if (isBlank(line) || section === 'misc') continue;
    if ((section !== 'storage' && section !== 'network') || !line.text.includes(':')) {
      issues.push(warningAt(line, `unexpected line in ${sectionText}`));
      continue;
    }
    if (section === 'storage') {
      const row = parseStorage(line);
      issues.push(...row.issues);
      if (row.value !== undefined) storage.push(row.value);
    } else {
      const row = parseNetwork(line);
      issues.push(...row.issues);
      if (row.value !== undefined) networks.push(row.value);
    }
  }
  return { value: { storage, networks }, issues };
}

/** `device:adaptor:bus,dev,target:backing:path`; the path may itself contain `:`. */
function parseStorage(line: OutputLine): Row<StorageDevice> {
  const [device = '', adaptor = '', address = '', backingText = '', ...rest] = line.text.trim().split(':');
  const path = rest.join(':').trim();
  const expected = 'expected device:adaptor:bus,dev,target:backing:path';
  if (rest.length === 0) return rowError(line, `storage row has too few fields (${expected})`);
  if (!WORD.test(device) || !WORD.test(adaptor))
    return rowError(line, `storage device/adaptor not understood (${expected})`);
  if (!STORAGE_ADDRESS.test(address)) return rowError(line, `storage address '${address}' is not bus,dev,target`);
  if (!WORD.test(backingText)) return rowError(line, `storage backing '${backingText}' not understood`);
  // An ejected medium (`null`) may have no path left; every other backing store must name one.
  if (path === '' && backingText !== 'null') return rowError(line, 'storage row has no backing path');
  const backing = BACKINGS.get(backingText.toLowerCase()) ?? 'other';
  return { value: { device, adaptor, bus: address, backing, backingText, path }, issues: [] };
}

/** `network:adaptor:bus,dev,mac:vswitch:<name>`, optionally followed by `:portid:<n>`. */
function parseNetwork(line: OutputLine): Row<NetworkInterface> {
  const fields = line.text.trim().split(':');
  const [device = '', adaptor = '', address = '', kind = '', vswitch = '', ...rest] = fields;
  const expected = 'expected network:adaptor:bus,dev,mac:vswitch:<name>';
  const portIdOk = rest.length === 0 || (rest.length === 2 && rest[0] === 'portid' && /^[0-9]+$/.test(rest[1] ?? ''));
  if (fields.length < 5 || !portIdOk) return rowError(line, `network row has the wrong fields (${expected})`);
  if (device !== 'network' || !WORD.test(adaptor)) return rowError(line, `network row not understood (${expected})`);
  const addressMatch = NETWORK_ADDRESS.exec(address);
  if (addressMatch === null) return rowError(line, `network address '${address}' is not bus,dev,mac`);
  if (!/^\S+$/.test(vswitch)) return rowError(line, 'network row has no vswitch name');
  if (kind !== 'vswitch') {
    return { issues: [warningAt(line, `network interface of type '${kind}' is not a vswitch NIC; not modelled`)] };
  }
  const macText = addressMatch[3] ?? '';
  const mac = normaliseMac(macText);
  const issues =
    mac === undefined && macText !== '' ? [warningAt(line, `MAC address '${macText}' not understood; left out`)] : [];
  return { value: mac === undefined ? { adaptor, vswitch } : { adaptor, vswitch, mac }, issues };
}

/** `0xb20eba14e76c` / `b2-0e-ba-14-e7-6c` → `0xB20EBA14E76C`. */
export function normaliseMac(text: string): string | undefined {
  const hex = HEX_MAC.exec(text)?.[1] ?? (SEPARATED_MAC.test(text) ? text.replace(/[-:]/g, '') : undefined);
  return hex === undefined ? undefined : `0x${hex.toUpperCase()}`;
}

function rowError<T>(line: OutputLine, message: string): Row<T> {
  return { issues: [errorAt(line, `${message}; row ignored`)] };
}
