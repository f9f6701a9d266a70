/**
 * `hpvmnet`: the vswitch table (docs/hpvm-output-formats.md §4). `NamePPA` is empty for a local-only
 * vswitch, so a row has one token fewer: NamePPA is the one column whose width (0 or 1 token) varies.
 */
import type { ParseIssue, ParseResult, Vswitch } from '../inventory.ts';
import { errorAt, isBlank, outputIssue, splitOutputLines, warningAt, type OutputLine } from './output-lines.ts';
import { parseCount } from './strict-number.ts';
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

type Column = 'name' | 'number' | 'state' | 'mode' | 'pnic' | 'mac' | 'ip';

const COLUMNS: ReadonlyMap<string, ColumnSpec<Column>> = new Map([
  ['name', { key: 'name', width: ONE_TOKEN }],
  ['number', { key: 'number', width: ONE_TOKEN }],
  ['state', { key: 'state', width: ONE_TOKEN }],
  ['mode', { key: 'mode', width: ONE_TOKEN }],
  ['nameppa', { key: 'pnic', width: { min: 0, max: 1 } }],
  ['mac address', { key: 'mac', width: ONE_TOKEN }],
  ['ip address', { key: 'ip', width: ONE_TOKEN }],
]);

const REQUIRED: readonly Column[] = ['name', 'number', 'state', 'pnic'];
/**
 * Checked because it is what tells an empty NamePPA from a missing cell: `lan3 N/A` read one column
 * too far left would put `lan3` in the MAC column.
 */
const MAC_CELL = /^(?:N\/A|0x[0-9A-Fa-f]{12})$/;

export function parseHpvmnet(text: string): ParseResult<Vswitch[]> {
  const lines = splitOutputLines(text);
  const underline = findUnderline(lines, 0, lines.length);
  const header = underline === undefined ? undefined : lines[underline - 1];
  const underlineLine = underline === undefined ? undefined : lines[underline];
  if (underline === undefined || header === undefined || underlineLine === undefined) {
    return {
      value: [],
      issues: [outputIssue('error', lines, 'no vswitch table header (labels + ==== underline) found')],
    };
  }
  const issues: ParseIssue[] = lines
    .slice(0, underline - 1)
    .filter((line) => !isBlank(line))
    .map((line) => warningAt(line, 'unexpected line before the vswitch table header'));
  const layout = resolveLayout(readColumns(header.text, underlineLine.text), (key) => COLUMNS.get(key), REQUIRED);
  if (layout.missing.length > 0) {
    issues.push(errorAt(header, `not the vswitch table header: missing column(s) ${layout.missing.join(', ')}`));
    return { value: [], issues };
  }
  if (layout.unknownLabels.length > 0) {
    issues.push(warningAt(header, `unknown column(s) ${layout.unknownLabels.join(', ')}, read as one word each`));
  }
  const vswitches: Vswitch[] = [];
  const names = new Set<string>();
  for (const line of lines.slice(underline + 1)) {
    if (isBlank(line)) continue;
    const vswitch = parseRow(line, layout);
    if (vswitch === undefined) {
      issues.push(errorAt(line, 'vswitch row not understood; row ignored'));
    } else if (names.has(vswitch.name)) {
      issues.push(errorAt(line, `duplicate vswitch name '${vswitch.name}'; row ignored`));
    } else {
      names.add(vswitch.name);
      vswitches.push(vswitch);
    }
  }
  return { value: vswitches, issues };
}

function parseRow(line: OutputLine, layout: TableLayout<Column>): Vswitch | undefined {
  const cells = splitRow(tokenise(line.text), layout.widths);
  if (cells === undefined) return undefined;
  const cell = cellsByKey(cells, layout.keys);
  const name = cell.get('name')?.[0];
  const number = parseCount(cell.get('number')?.join(' ') ?? '');
  const state = cell.get('state')?.[0];
  if (name === undefined || number === undefined || state === undefined || !/^[A-Za-z]/.test(state)) return undefined;
  const mac = cell.get('mac')?.[0];
  if (mac !== undefined && !MAC_CELL.test(mac)) return undefined;
  const pnic = cell.get('pnic')?.[0];
  return pnic === undefined ? { name, number, state } : { name, number, state, pnic };
}
