/**
 * `hpvmstatus` (no options): the guest table (docs/hpvm-output-formats.md §1). Two layouts: 3.5/4.x with a
 * trailing `Runsysid` column (real 3.5 captures), and 6.x with a `Type` column after `VM #` and no Runsysid
 * (HP-UX vPars and Integrity VM V6.3 Administrator Guide, §13.5, p. 221). Column order comes from the header
 * labels, so either layout (and Runsysid or not) reads the same; rows are tokenised so a long name that
 * pushes its row right still parses.
 */
import type { Guest, GuestKind, GuestOs, GuestState, ParseIssue, ParseResult } from '../inventory.ts';
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
import { parseCount, parseMemoryMb } from './strict-number.ts';
import {
  ONE_TOKEN,
  cellsByKey,
  findUnderline,
  readColumns,
  resolveLayout,
  splitRow,
  tokenise,
  type ColumnSpec,
  type TableLayout,
} from './text-table.ts';

/** One row of the table: the guest's own columns, plus the device and NIC counts the table shows. */
export interface GuestRow extends Pick<
  Guest,
  'name' | 'vmNumber' | 'kind' | 'os' | 'state' | 'stateText' | 'vcpus' | 'memoryMb'
> {
  readonly devs: number;
  readonly nets: number;
}

type Column = 'name' | 'vmNumber' | 'type' | 'os' | 'state' | 'vcpus' | 'devs' | 'nets' | 'memory' | 'runsysid';

const COLUMNS: ReadonlyMap<string, ColumnSpec<Column>> = new Map([
  ['virtual machine name', { key: 'name', width: ONE_TOKEN }],
  ['vm #', { key: 'vmNumber', width: ONE_TOKEN }],
  ['type', { key: 'type', width: ONE_TOKEN }],
  ['os type', { key: 'os', width: ONE_TOKEN }],
  // `Off` or `On (OS)`; a third token leaves room for an undocumented state such as `On (EFI boot)`.
  ['state', { key: 'state', width: { min: 1, max: 3 } }],
  ['#vcpus', { key: 'vcpus', width: ONE_TOKEN }],
  ['#devs', { key: 'devs', width: ONE_TOKEN }],
  ['#nets', { key: 'nets', width: ONE_TOKEN }],
  ['memory', { key: 'memory', width: { min: 2, max: 2 } }],
  ['runsysid', { key: 'runsysid', width: ONE_TOKEN }],
]);

const REQUIRED: readonly Column[] = ['name', 'vmNumber', 'os', 'state', 'vcpus', 'devs', 'nets', 'memory'];
const TABLE_SECTION = 'virtual machines';
const EMPTY_HOST = /^No vPars or VMs currently configured\.?$/i;

const OS_BY_TEXT: ReadonlyMap<string, GuestOs> = new Map([
  ['HPUX', 'HPUX'],
  ['LINUX', 'LINUX'],
  ['WINDOWS', 'WINDOWS'],
  // OpenVMS's spelling is not documented (docs/hpvm-reference.md, "hpvmstatus"); OVMS is ours, the other two are plausible.
  ['OVMS', 'OVMS'],
  ['OPENVMS', 'OVMS'],
  ['VMS', 'OVMS'],
]);

const STATE_BY_TEXT: ReadonlyMap<string, GuestState> = new Map([
  ['on (os)', 'On'],
  ['off', 'Off'],
  ['off (nr)', 'NotRunnable'],
]);

export function parseHpvmstatusTable(text: string): ParseResult<GuestRow[]> {
  const lines = splitOutputLines(text);
  const underline = findUnderline(lines, 0, lines.length);
  if (underline === undefined) return withoutTable(lines);
  const header = lines[underline - 1];
  const underlineLine = lines[underline];
  if (header === undefined || underlineLine === undefined) return withoutTable(lines);

  const issues: ParseIssue[] = [...linesBeforeHeader(lines.slice(0, underline - 1))];
  const layout = resolveLayout(readColumns(header.text, underlineLine.text), (key) => COLUMNS.get(key), REQUIRED);
  if (layout.missing.length > 0) {
    issues.push(errorAt(header, `not the guest table header: missing column(s) ${layout.missing.join(', ')}`));
    return { value: [], issues };
  }
  if (layout.unknownLabels.length > 0) {
    issues.push(warningAt(header, `unknown column(s) ${layout.unknownLabels.join(', ')}, read as one word each`));
  }

  const rows: GuestRow[] = [];
  const names = new Set<string>();
  let index = underline + 1;
  while (index < lines.length) {
    const line = lines[index];
    if (line === undefined) break;
    if (sectionTitle(line.text) !== undefined) {
      // The table ends at the next section; nothing documented follows it, so the section is skipped whole.
      const end = sectionEnd(lines, index);
      const warning = skippedSectionWarning(lines, index, end, 'unexpected section after the guest table');
      if (warning !== undefined) issues.push(warning);
      index = end;
      continue;
    }
    index += 1;
    if (isBlank(line)) continue;
    const parsed = parseRow(line, layout);
    issues.push(...parsed.issues);
    if (parsed.row === undefined) continue;
    if (names.has(parsed.row.name)) {
      issues.push(errorAt(line, `duplicate guest name '${parsed.row.name}'; row ignored`));
      continue;
    }
    names.add(parsed.row.name);
    rows.push(parsed.row);
  }
  return { value: rows, issues };
}

/** No header: either the documented empty-host sentence, or output we cannot use at all. */
function withoutTable(lines: readonly OutputLine[]): ParseResult<GuestRow[]> {
  const emptyHost = lines.some((line) => EMPTY_HOST.test(line.text.trim()));
  if (!emptyHost) {
    return {
      value: [],
      issues: [outputIssue('error', lines, 'no guest table header (labels + ==== underline) found')],
    };
  }
  const issues = lines
    .filter((line) => !isBlank(line) && !EMPTY_HOST.test(line.text.trim()))
    .map((line) => warningAt(line, 'unexpected line in an empty-host answer'));
  return { value: [], issues };
}

function linesBeforeHeader(lines: readonly OutputLine[]): ParseIssue[] {
  return lines
    .filter((line) => !isBlank(line))
    .filter((line) => normaliseTitle(sectionTitle(line.text) ?? '') !== TABLE_SECTION)
    .map((line) => warningAt(line, 'unexpected line before the guest table header'));
}

interface RowResult {
  readonly row?: GuestRow;
  readonly issues: readonly ParseIssue[];
}

function parseRow(line: OutputLine, layout: TableLayout<Column>): RowResult {
  const cells = splitRow(tokenise(line.text), layout.widths);
  if (cells === undefined) return rowError(line, 'guest row does not have the columns of the header');
  const cell = cellsByKey(cells, layout.keys);
  const text = (key: Column): string => (cell.get(key) ?? []).join(' ');

  const name = text('name');
  const vmNumber = parseCount(text('vmNumber'));
  const vcpus = parseCount(text('vcpus'));
  const devs = parseCount(text('devs'));
  const nets = parseCount(text('nets'));
  const [amount = '', unit = ''] = cell.get('memory') ?? [];
  const memoryMb = parseMemoryMb(amount, unit);
  const stateText = text('state');
  const stateOk = /^[A-Za-z]/.test(stateText);
  if (
    vmNumber === undefined ||
    vcpus === undefined ||
    devs === undefined ||
    nets === undefined ||
    memoryMb === undefined ||
    !stateOk
  ) {
    const bad = [
      vmNumber === undefined ? `VM # '${text('vmNumber')}'` : undefined,
      vcpus === undefined ? `#VCPUs '${text('vcpus')}'` : undefined,
      devs === undefined ? `#Devs '${text('devs')}'` : undefined,
      nets === undefined ? `#Nets '${text('nets')}'` : undefined,
      memoryMb === undefined ? `Memory '${text('memory')}' (expected <n> GB|MB)` : undefined,
      stateOk ? undefined : `State '${stateText}'`,
    ].filter((part) => part !== undefined);
    return rowError(line, `guest row not understood: ${bad.join(', ')}`);
  }

  const issues: ParseIssue[] = [];
  const osText = text('os');
  const os = OS_BY_TEXT.get(osText.toUpperCase());
  if (os === undefined) issues.push(warningAt(line, `unknown OS Type '${osText}' for '${name}', kept as UNKNOWN`));
  const kind = guestKind(cell.get('type')?.join(' '));
  if (kind === undefined) issues.push(warningAt(line, `unknown Type '${text('type')}' for '${name}', taken as a VM`));
  const row: GuestRow = {
    name,
    vmNumber,
    kind: kind ?? 'vm',
    os: os ?? 'UNKNOWN',
    state: STATE_BY_TEXT.get(stateText.toLowerCase()) ?? 'Other',
    stateText,
    vcpus,
    devs,
    nets,
    memoryMb,
  };
  return { row, issues };
}

/** 6.x Type column: `VP` is a vPar, `SH` a (shared) VM; no column (4.x) means a VM. */
function guestKind(typeText: string | undefined): GuestKind | undefined {
  if (typeText === undefined) return 'vm';
  const upper = typeText.toUpperCase();
  if (upper === 'VP') return 'vpar';
  if (upper === 'SH') return 'vm';
  return undefined;
}

function rowError(line: OutputLine, message: string): RowResult {
  return { issues: [errorAt(line, `${message}; row ignored`)] };
}
