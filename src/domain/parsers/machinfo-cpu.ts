/**
 * The `CPU info:` section of machinfo, in its two shapes (docs/hpvm-output-formats.md §5):
 * - 11.23 is a CPUID register dump; only `Number of CPUs`, `Number of enabled CPUs`, `processor family`
 *   and `processor model` are read (enabled CPUs win: in a partition only those can run guests) and every other line of the dump is ignored by rule (it describes bus and cache features).
 * - 11.31 is a short summary; every line shape is known, so an unknown line is reported (warning).
 */
import type { CpuInfo, ParseIssue } from '../inventory.ts';
import { errorAt, warningAt, type OutputLine } from './output-lines.ts';
import { lookupProcessorModel } from './processor-models.ts';
import { parseCount } from './strict-number.ts';

export interface CpuReading {
  readonly cpu: CpuInfo;
  readonly issues: readonly ParseIssue[];
}

const NUMBER_OF_CPUS = /^Number of CPUs\s*=\s*(\S*)$/i;
const NUMBER_OF_ENABLED_CPUS = /^Number of enabled CPUs\s*=\s*([0-9]+)$/i;
const FAMILY = /^processor family:\s*(\S*)\s*(.*)$/i;
const MODEL = /^processor model:\s*(\S*)\s*(.*)$/i;

const CORES_PER_SOCKET = /^([0-9]+) cores?, [0-9]+ logical processors? per socket$/i;
const BUS_SPEED = /^[0-9.]+ [A-Za-z/]+ (?:QPI|bus), CPU version \S+$/i;
const ACTIVE_COUNT = /^Active processor count:$/i;
const SOCKETS = /^([0-9]+) sockets?$/i;
const ACTIVE_CORES = /^([0-9]+) cores? \([0-9]+ per socket\)$/i;
const LOGICAL = /^([0-9]+) logical processors? \([0-9]+ per socket\)$/i;
const LCPU = /^LCPU attribute is (?:enabled|disabled)$/i;
/** `2 Intel(R) Itanium 2 9000 series processors (…)`: a leading count of processors, i.e. sockets. */
const LEADING_COUNT = /^([0-9]+) (\D.*)$/;

function setConfigAdvice(what: string): string {
  return `${what}; set cpuFamily and cpuModel for this VSP in the fleet config`;
}

/** `anchor` (the `CPU info:` line) carries whole-section issues. */
export function readCpu1123(lines: readonly OutputLine[], anchor: OutputLine): CpuReading {
  const issues: ParseIssue[] = [];
  let cpusLine: OutputLine | undefined;
  let cores: number | undefined;
  let enabledCores: number | undefined;
  let family: number | undefined;
  let model: number | undefined;
  let familyText = '';
  let modelText = '';
  for (const line of lines) {
    const text = line.text.trim();
    const cpus = NUMBER_OF_CPUS.exec(text);
    const enabled = NUMBER_OF_ENABLED_CPUS.exec(text);
    if (enabled !== null) enabledCores = parseCount(enabled[1] ?? '');
    const familyMatch = FAMILY.exec(text);
    const modelMatch = MODEL.exec(text);
    if (cpus !== null) {
      cpusLine = line;
      cores = parseCount(cpus[1] ?? '');
    } else if (familyMatch !== null) {
      family = parseCount(familyMatch[1] ?? '');
      familyText = familyMatch[2] ?? '';
    } else if (modelMatch !== null) {
      model = parseCount(modelMatch[1] ?? '');
      modelText = modelMatch[2] ?? '';
    }
  }
  if (cpusLine === undefined) issues.push(errorAt(anchor, 'no `Number of CPUs = N` line: core count unknown'));
  else if (cores === undefined) issues.push(errorAt(cpusLine, 'Number of CPUs is not a whole number'));
  if (family === undefined || model === undefined) {
    issues.push(warningAt(anchor, setConfigAdvice('processor family/model not printed as numbers')));
  }
  const description = modelText !== '' ? modelText : familyText;
  return { cpu: cpuInfo(description, enabledCores ?? cores ?? 0, family, model), issues };
}

export function readCpu1131(lines: readonly OutputLine[], anchor: OutputLine): CpuReading {
  const issues: ParseIssue[] = [];
  const [first, ...rest] = lines;
  const firstIsSummary = first === undefined || isSummaryLine(first.text);
  const descriptionLine = firstIsSummary ? undefined : first;
  const description = descriptionLine?.text.trim() ?? '';
  let sockets = countFrom(LEADING_COUNT.exec(description.replace(/\s+/g, ' ')));
  let coresPerSocket: number | undefined;
  let activeCores: number | undefined;
  let logical: number | undefined;
  for (const line of firstIsSummary ? lines : rest) {
    const text = line.text.replace(/\s+/g, ' ').trim();
    if (ACTIVE_COUNT.test(text) || BUS_SPEED.test(text) || LCPU.test(text)) continue;
    const perSocket = countFrom(CORES_PER_SOCKET.exec(text));
    const socketCount = countFrom(SOCKETS.exec(text));
    const active = countFrom(ACTIVE_CORES.exec(text));
    const logicalCount = countFrom(LOGICAL.exec(text));
    if (perSocket !== undefined) coresPerSocket = perSocket;
    else if (socketCount !== undefined) sockets = socketCount;
    else if (active !== undefined) activeCores = active;
    else if (logicalCount !== undefined) logical = logicalCount;
    else issues.push(warningAt(line, 'unrecognised line in CPU info'));
  }

  let cores =
    activeCores ?? (sockets !== undefined && coresPerSocket !== undefined ? sockets * coresPerSocket : undefined);
  if (cores === undefined && logical !== undefined) {
    cores = logical;
    issues.push(
      warningAt(anchor, `no core count printed; using the ${logical} logical processors (too many if LCPU is on)`),
    );
  }
  if (cores === undefined) issues.push(errorAt(anchor, 'no core count found in CPU info'));

  const row = lookupProcessorModel(description);
  if (row === undefined) {
    const what = description === '' ? 'no processor description' : `processor '${description}' is not in the table`;
    issues.push(warningAt(descriptionLine ?? anchor, setConfigAdvice(`${what}: family/model unknown`)));
  }
  return { cpu: cpuInfo(description, cores ?? 0, row?.family, row?.model), issues };
}

function isSummaryLine(text: string): boolean {
  const normalised = text.replace(/\s+/g, ' ').trim();
  return [CORES_PER_SOCKET, BUS_SPEED, ACTIVE_COUNT, SOCKETS, ACTIVE_CORES, LOGICAL, LCPU].some((pattern) =>
    pattern.test(normalised),
  );
}

function countFrom(match: RegExpExecArray | null): number | undefined {
  return match === null ? undefined : parseCount(match[1] ?? '');
}

function cpuInfo(description: string, cores: number, family?: number, model?: number): CpuInfo {
  return {
    description,
    cores,
    ...(family === undefined ? {} : { family }),
    ...(model === undefined ? {} : { model }),
  };
}
