/**
 * `hpvmstatus -r`: per-guest CPU entitlement and usage (docs/hpvm-output-formats.md §3). Only the
 * `[Virtual CPU entitlement]` table is read. The `[Virtual Machine Memory Entitlement]` section that follows
 * it (dynamic memory and AMR per guest, seen in a real HPVM 4.2 capture: test/fixtures/hpvm/
 * hpvmstatus-r-4.2-jrey-mem.txt) is expected and skipped without an issue: no rule uses it. Indented lines
 * right above the label line (` Percent   Cumulative`) are the header's first line and are understood as such.
 */
import type { ParseIssue, ParseResult } from '../inventory.ts';
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
import { parseCount, parsePercent } from './strict-number.ts';
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

export interface ResourceRow {
  readonly name: string;
  readonly vmNumber: number;
  readonly vcpus: number;
  readonly entitlementPct: number;
  readonly maximumPct: number;
  /** Percent of the guest's own vCPUs in use. */
  readonly usagePct: number;
  readonly cumulativeUsage: number;
}

type Column = 'name' | 'vmNumber' | 'vcpus' | 'entitlement' | 'maximum' | 'usage' | 'cumulative';

const REQUIRED: readonly Column[] = ['name', 'vmNumber', 'vcpus', 'entitlement', 'maximum', 'usage', 'cumulative'];
const CONTAINER_SECTION = 'virtual machine resource entitlement';
const CPU_SECTION = 'virtual cpu entitlement';
const MEMORY_SECTION = 'virtual machine memory entitlement';

function specFor(key: string, occurrence: number): ColumnSpec<Column> | undefined {
  const column = columnFor(key, occurrence);
  return column === undefined ? undefined : { key: column, width: ONE_TOKEN };
}

/** Two columns are labelled `Usage`: the first is the percent, the second the cumulative counter. */
function columnFor(key: string, occurrence: number): Column | undefined {
  if (key === 'virtual machine name') return 'name';
  if (key === 'vm #') return 'vmNumber';
  if (key === '#vcpus') return 'vcpus';
  if (key === 'entitlement') return 'entitlement';
  if (key === 'maximum') return 'maximum';
  if (key === 'usage') return occurrence === 0 ? 'usage' : occurrence === 1 ? 'cumulative' : undefined;
  return undefined;
}

export function parseHpvmstatusResources(text: string): ParseResult<ResourceRow[]> {
  const lines = splitOutputLines(text);
  const hasCpuSection = lines.some((line) => normaliseTitle(sectionTitle(line.text) ?? '') === CPU_SECTION);
  if (!hasCpuSection) {
    return { value: [], issues: [outputIssue('error', lines, 'no [Virtual CPU entitlement] section found')] };
  }

  const rows: ResourceRow[] = [];
  const issues: ParseIssue[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (line === undefined) break;
    const title = sectionTitle(line.text);
    if (title === undefined) {
      // Only lines before the first section get here; every section consumes its own lines below.
      if (!isBlank(line)) issues.push(warningAt(line, 'unexpected line before the first section'));
      index += 1;
      continue;
    }
    const end = sectionEnd(lines, index);
    const key = normaliseTitle(title);
    if (key === CPU_SECTION) {
      const section = parseCpuSection(lines, index, end);
      rows.push(...section.value);
      issues.push(...section.issues);
    } else if (key === CONTAINER_SECTION) {
      for (const other of lines.slice(index + 1, end)) {
        if (!isBlank(other)) issues.push(warningAt(other, `unexpected line in [${title}]`));
      }
    } else if (key !== MEMORY_SECTION) {
      const warning = skippedSectionWarning(lines, index, end, `unknown section [${title}]`);
      if (warning !== undefined) issues.push(warning);
    }
    index = end;
  }
  return { value: rows, issues };
}

function parseCpuSection(lines: readonly OutputLine[], start: number, end: number): ParseResult<ResourceRow[]> {
  const title = lines[start];
  const underline = findUnderline(lines, start + 1, end);
  const header = underline === undefined ? undefined : lines[underline - 1];
  const underlineLine = underline === undefined ? undefined : lines[underline];
  if (title === undefined || underline === undefined || header === undefined || underlineLine === undefined) {
    return { value: [], issues: title === undefined ? [] : [errorAt(title, 'CPU entitlement table has no header')] };
  }
  const issues: ParseIssue[] = [];
  for (const line of lines.slice(start + 1, underline - 1)) {
    if (isBlank(line) || /^\s/.test(line.text)) continue;
    issues.push(warningAt(line, 'unexpected line before the CPU entitlement header'));
  }
  const layout = resolveLayout(readColumns(header.text, underlineLine.text), specFor, REQUIRED);
  if (layout.missing.length > 0) {
    issues.push(errorAt(header, `not the CPU entitlement header: missing column(s) ${layout.missing.join(', ')}`));
    return { value: [], issues };
  }
  if (layout.unknownLabels.length > 0) {
    issues.push(warningAt(header, `unknown column(s) ${layout.unknownLabels.join(', ')}, read as one word each`));
  }
  const rows: ResourceRow[] = [];
  for (const line of lines.slice(underline + 1, end)) {
    if (isBlank(line)) continue;
    const row = parseRow(line, layout);
    if (row === undefined) {
      issues.push(errorAt(line, 'CPU entitlement row not understood; row ignored'));
      continue;
    }
    rows.push(row);
  }
  return { value: rows, issues };
}

function parseRow(line: OutputLine, layout: TableLayout<Column>): ResourceRow | undefined {
  const cells = splitRow(tokenise(line.text), layout.widths);
  if (cells === undefined) return undefined;
  const cell = cellsByKey(cells, layout.keys);
  const text = (key: Column): string => (cell.get(key) ?? []).join(' ');
  const vmNumber = parseCount(text('vmNumber'));
  const vcpus = parseCount(text('vcpus'));
  const entitlementPct = parsePercent(text('entitlement'));
  const maximumPct = parsePercent(text('maximum'));
  const usagePct = parsePercent(text('usage'));
  const cumulativeUsage = parseCount(text('cumulative'));
  if (
    vmNumber === undefined ||
    vcpus === undefined ||
    entitlementPct === undefined ||
    maximumPct === undefined ||
    usagePct === undefined ||
    cumulativeUsage === undefined
  ) {
    return undefined;
  }
  return { name: text('name'), vmNumber, vcpus, entitlementPct, maximumPct, usagePct, cumulativeUsage };
}
