/**
 * `hpvmstatus -P <vm> -d`: the guest's devices in resource syntax (docs/hpvm-output-formats.md §2).
 *
 * Fail closed: every non-blank line of the storage and network sections is a device row. A row that
 * cannot be read is an error issue AND is returned in `unread` with its position among the device rows,
 * so the guest keeps it and the rules that depend on the device list fail on it instead of passing on
 * the rows that remain (issue 9: a dropped NPIV row let the storage rule pass).
 * - `[Misc Interface Details]` (serial console, …) is read and ignored whole: nothing in it matters for moves.
 * - An unknown `[Section]` gets one warning for all its lines.
 *
 * Storage kinds read (docs/hpvm-output-formats.md §2): `disk`, `lv`, `file`, `null` (an ejected DVD);
 * `npiv` virtual HBAs `hba:avio_stor:bus,dev,vPWWN,vNWWN:npiv:/dev/fcdN` (HP Integrity VM 4.3 N-Port ID
 * Virtualization – A brief overview, p. 9); `attach`/`attach_path` tapes, changers and burners (HP Integrity
 * Virtual Machines 4.3 guide, p. 86) and a DVD backed by the host's drive (`dvd:…:disk:…`), both
 * marked `hostDevice`: the VSP's own hardware, not a SAN LUN another host can see.
 * MACs are normalised to `0x` + 12 upper-case hex digits (the `-d` spelling); the `-P` detail view's
 * `f6-fb-bf-41-78-63` spelling is accepted too, so both compare equal.
 */
import type {
  BackingKind,
  NetworkInterface,
  ParseIssue,
  ParseResult,
  StorageDevice,
  UnreadDevice,
} from '../inventory.ts';
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
  /** Device rows that could not be read, in order; empty when every row was read. */
  readonly unread: UnreadDevice[];
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
  ['npiv', 'npiv'],
]);

/** Backing stores that are the VSP's own devices (attached tapes, changers, burners). */
const ATTACHED = new Set(['attach', 'attach_path']);

const WORD = /^[A-Za-z][A-Za-z0-9_]*$/;
/** `bus,dev,target`; shorter forms are accepted because hpvm resource syntax lets trailing parts default. */
const STORAGE_ADDRESS = /^[0-9]+(?:,[0-9]+){0,2}$/;
/** NPIV: `bus,slot,vPWWN,vNWWN`; HP lets a specification skip bus and slot (the 4.3 NPIV overview, p. 9). */
const NPIV_ADDRESS = /^(?:([0-9]*),([0-9]*),)?(0x[0-9A-Fa-f]{16}),(0x[0-9A-Fa-f]{16})$/;
const NETWORK_ADDRESS = /^([0-9]+),([0-9]+)(?:,(.*))?$/;
const HEX_MAC = /^0[xX]([0-9A-Fa-f]{12})$/;
const SEPARATED_MAC = /^([0-9A-Fa-f]{2})(?:[-:]([0-9A-Fa-f]{2})){5}$/;

/** A read row, a row left out on purpose (a warning says why), or an unread row (`unreadReason`). */
type Row<T> = { readonly value?: T; readonly unreadReason?: string; readonly issues: readonly ParseIssue[] };

export function parseHpvmstatusDevices(text: string): ParseResult<GuestDevices> {
  const lines = splitOutputLines(text);
  const known = lines.some((line) => SECTIONS.has(normaliseTitle(sectionTitle(line.text) ?? '')));
  if (!known) {
    return {
      value: { storage: [], networks: [], unread: [] },
      issues: [outputIssue('error', lines, 'no [Storage|Network Interface Details] section: not hpvmstatus -d output')],
    };
  }

  const storage: StorageDevice[] = [];
  const networks: NetworkInterface[] = [];
  const unread: UnreadDevice[] = [];
  const issues: ParseIssue[] = [];
  let position = 0;
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
    if (section !== 'storage' && section !== 'network') {
      issues.push(warningAt(line, `unexpected line in ${sectionText}`));
      continue;
    }
    position += 1;
    const keep = <T>(row: Row<T>, into: T[]): void => {
      issues.push(...row.issues);
      if (row.unreadReason !== undefined) unread.push({ position, line: line.text.trim(), reason: row.unreadReason });
      else if (row.value !== undefined) into.push(row.value);
    };
    if (section === 'storage') keep(parseStorage(line), storage);
    else keep(parseNetwork(line), networks);
  }
  return { value: { storage, networks, unread }, issues };
}

/** `device:adaptor:bus,dev,target:backing:path`; the path may itself contain `:`. */
function parseStorage(line: OutputLine): Row<StorageDevice> {
  const [device = '', adaptor = '', address = '', backingText = '', ...rest] = line.text.trim().split(':');
  const path = rest.join(':').trim();
  const expected = 'expected device:adaptor:bus,dev,target:backing:path';
  if (rest.length === 0) return rowError(line, `storage row has too few fields (${expected})`);
  if (!WORD.test(device) || !WORD.test(adaptor))
    return rowError(line, `storage device/adaptor not understood (${expected})`);
  if (!WORD.test(backingText)) return rowError(line, `storage backing '${backingText}' not understood`);
  const backingKey = backingText.toLowerCase();
  if (backingKey === 'npiv') return parseNpiv(line, { device, adaptor, address, backingText, path });
  if (!STORAGE_ADDRESS.test(address)) return rowError(line, `storage address '${address}' is not bus,dev,target`);
  // An ejected medium (`null`) may have no path left; every other backing store must name one.
  if (path === '' && backingKey !== 'null') return rowError(line, 'storage row has no backing path');
  const backing = BACKINGS.get(backingKey) ?? 'other';
  // A DVD on a `disk` backing is the VSP's own drive (HP: "the VM Host CD/DVD drive is locked", 4.3 guide p. 108).
  const hostDevice = ATTACHED.has(backingKey) || (device.toLowerCase() === 'dvd' && backing === 'disk');
  const value: StorageDevice = {
    device,
    adaptor,
    bus: address,
    backing,
    backingText,
    path,
    ...(hostDevice ? { hostDevice } : {}),
  };
  return { value, issues: [] };
}

interface StorageFields {
  readonly device: string;
  readonly adaptor: string;
  readonly address: string;
  readonly backingText: string;
  readonly path: string;
}

/** `hba:avio_stor:1,1,0x50060b00006499a8,0x50060b00006499a9:npiv:/dev/fcd0`: bus and slot kept as `bus`. */
function parseNpiv(line: OutputLine, fields: StorageFields): Row<StorageDevice> {
  const match = NPIV_ADDRESS.exec(fields.address);
  if (match === null) {
    return rowError(line, `NPIV address '${fields.address}' is not bus,slot,vPWWN,vNWWN`);
  }
  if (fields.path === '') return rowError(line, 'NPIV row names no host HBA (/dev/fcdN)');
  const [, bus = '', slot = '', wwpn = '', wwnn = ''] = match;
  const value: StorageDevice = {
    device: fields.device,
    adaptor: fields.adaptor,
    bus: bus === '' && slot === '' ? '' : `${bus},${slot}`,
    backing: 'npiv',
    backingText: fields.backingText,
    path: fields.path,
    wwpn: wwpn.toLowerCase(),
    wwnn: wwnn.toLowerCase(),
  };
  return { value, issues: [] };
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

/** An unread row: the error names the line, and the caller keeps the row so the guest fails closed. */
function rowError<T>(line: OutputLine, message: string): Row<T> {
  return { unreadReason: message, issues: [errorAt(line, `${message}; kept as an unread device`)] };
}
