/**
 * `machinfo` on HP-UX 11.23 (`key = value`, numeric family/model) and 11.31 (`Key: value`, a processor
 * description instead): docs/hpvm-output-formats.md §5.
 *
 * Sections are the unindented `Title:` lines. Rules for lines the parser does not need:
 * - `Cache info…`, `Firmware info`, `Platform info` are ignored whole;
 * - in `OS info` only the release is read, the rest is ignored;
 * - in `CPU info` see machinfo-cpu.ts;
 * - an unknown section gets one warning for all its lines; a line outside any section gets a warning.
 * The format is taken from the shape (`Number of CPUs =` / `Memory =` mean 11.23); a release that says
 * otherwise is reported, since the shape is what the parser can actually read.
 */
import type { CpuInfo, ParseIssue, ParseResult } from '../inventory.ts';
import { readCpu1123, readCpu1131 } from './machinfo-cpu.ts';
import {
  errorAt,
  isBlank,
  outputIssue,
  sectionEnd,
  skippedSectionWarning,
  splitOutputLines,
  warningAt,
  type OutputLine,
} from './output-lines.ts';
import { parseCount } from './strict-number.ts';

export type MachinfoFormat = '11.23' | '11.31';

export interface Machinfo {
  readonly cpu: CpuInfo;
  readonly memoryMb: number;
  /** `B.11.23` / `B.11.31`, from OS info; undefined when not printed. */
  readonly osRelease?: string;
  readonly format: MachinfoFormat;
}

type Section = 'top' | 'cpu' | 'os' | 'ignored';

const SECTION_TITLE = /^([A-Za-z][A-Za-z ()]*):$/;
const MEMORY_LINE = /^Memory\s*[=:]/i;
const MEMORY = /^Memory\s*[=:]\s*(\S+)\s*MB(?:\s|$)/i;
const RELEASE_LINE = /^(?:release\s*=|Release:)/i;
const RELEASE = /\b(B\.[0-9]{2}\.[0-9]{2})\b/;
const SHAPE_11_23 = /^(?:\s*Number of CPUs\s*=|Memory\s*=)/i;

function sectionKind(title: string): Section | undefined {
  const key = title.replace(/\s+/g, ' ').trim().toLowerCase();
  if (key === 'cpu info') return 'cpu';
  if (key === 'os info') return 'os';
  if (key.startsWith('cache info') || key === 'firmware info' || key === 'platform info') return 'ignored';
  return undefined;
}

function isSectionStart(text: string): boolean {
  return SECTION_TITLE.test(text) || MEMORY_LINE.test(text);
}

export function parseMachinfo(text: string): ParseResult<Machinfo> {
  const lines = splitOutputLines(text);
  const format: MachinfoFormat = lines.some((line) => SHAPE_11_23.test(line.text)) ? '11.23' : '11.31';
  const issues: ParseIssue[] = [];
  const cpuLines: OutputLine[] = [];
  let cpuTitle: OutputLine | undefined;
  let memoryMb: number | undefined;
  let memorySeen = false;
  let osRelease: string | undefined;
  let section: Section = 'top';
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (line === undefined) break;
    index += 1;
    if (isBlank(line)) continue;
    if (MEMORY_LINE.test(line.text)) {
      section = 'top';
      if (memorySeen) {
        issues.push(warningAt(line, 'second Memory line ignored'));
        continue;
      }
      memorySeen = true;
      memoryMb = parseCount(MEMORY.exec(line.text)?.[1] ?? '');
      if (memoryMb === undefined) issues.push(errorAt(line, 'Memory line not understood (expected `N MB`)'));
      continue;
    }
    const title = SECTION_TITLE.exec(line.text)?.[1];
    if (title !== undefined) {
      const kind = sectionKind(title);
      if (kind === undefined || (kind === 'cpu' && cpuTitle !== undefined)) {
        const end = sectionEnd(lines, index - 1, isSectionStart);
        const reason = kind === undefined ? `unknown section '${title}'` : `second '${title}' section`;
        const warning = skippedSectionWarning(lines, index - 1, end, reason);
        if (warning !== undefined) issues.push(warning);
        index = end;
        continue;
      }
      if (kind === 'cpu') cpuTitle = line;
      section = kind;
      continue;
    }
    if (section === 'cpu') cpuLines.push(line);
    else if (section === 'os' && RELEASE_LINE.test(line.text.trim())) osRelease = RELEASE.exec(line.text)?.[1];
    else if (section === 'top') issues.push(warningAt(line, 'unexpected line outside any machinfo section'));
  }

  const cpu = readCpu(format, cpuLines, cpuTitle, lines, issues);
  if (!memorySeen) issues.push(outputIssue('error', lines, 'no `Memory = N MB` / `Memory: N MB` line'));
  const releaseFormat = osRelease === 'B.11.23' ? '11.23' : osRelease === 'B.11.31' ? '11.31' : undefined;
  if (releaseFormat !== undefined && releaseFormat !== format) {
    issues.push(outputIssue('warning', lines, `release ${osRelease} but the output has the ${format} shape`));
  }
  const value: Machinfo = { cpu, memoryMb: memoryMb ?? 0, format, ...(osRelease === undefined ? {} : { osRelease }) };
  return { value, issues };
}

function readCpu(
  format: MachinfoFormat,
  cpuLines: readonly OutputLine[],
  cpuTitle: OutputLine | undefined,
  lines: readonly OutputLine[],
  issues: ParseIssue[],
): CpuInfo {
  if (cpuTitle === undefined) {
    issues.push(outputIssue('error', lines, 'no `CPU info:` section'));
    return { description: '', cores: 0 };
  }
  const reading = format === '11.23' ? readCpu1123(cpuLines, cpuTitle) : readCpu1131(cpuLines, cpuTitle);
  issues.push(...reading.issues);
  return reading.cpu;
}
