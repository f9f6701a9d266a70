/**
 * `bdf`: mounted file systems with `kbytes used avail %used Mounted on` (HP-UX bdf(1M), the BSD-style `df`).
 * A device name too long for its column is printed alone and the figures follow on the next line; both
 * forms are read. The sample this follows is reconstructed (no HP-printed bdf output was found:
 * test/fixtures/hpvm/bdf-wrapped.txt says so) [INF].
 *
 * Never throws. A row whose figures do not read is dropped with an error: a file system of unknown room can
 * take no copy.
 */
import type { FileSystemInfo, ParseIssue, ParseResult } from '../inventory.ts';
import { errorAt, isBlank, outputIssue, splitOutputLines, warningAt, type OutputLine } from './output-lines.ts';
import { parseCount } from './strict-number.ts';

const HEADER = /^Filesystem\s+kbytes\s+used\s+avail\s+%used\s+Mounted on$/;

export function parseBdf(text: string): ParseResult<FileSystemInfo[]> {
  const lines = splitOutputLines(text);
  const issues: ParseIssue[] = [];
  const value: FileSystemInfo[] = [];
  const start = lines.findIndex((line) => HEADER.test(line.text.trim()));
  if (start < 0) {
    if (lines.some((line) => !isBlank(line))) issues.push(outputIssue('error', lines, 'bdf printed no header line'));
    return { value, issues };
  }
  let pending: OutputLine | undefined;
  for (const line of lines.slice(start + 1)) {
    if (isBlank(line)) continue;
    const tokens = line.text.trim().split(/\s+/);
    if (pending === undefined && tokens.length === 1) {
      pending = line;
      continue;
    }
    const device = pending === undefined ? tokens.shift() : pending.text.trim();
    const at = pending ?? line;
    pending = undefined;
    const row = readRow(device ?? '', tokens);
    if (row === undefined) issues.push(errorAt(at, 'not a bdf row (device kbytes used avail %used mount point)'));
    else value.push(row);
  }
  if (pending !== undefined)
    issues.push(warningAt(pending, 'device name without the line of figures that should follow'));
  return { value, issues };
}

function readRow(device: string, tokens: readonly string[]): FileSystemInfo | undefined {
  const [kbytes, used, avail, percent, ...mount] = tokens;
  const values = [kbytes, used, avail].map((token) => parseCount(token ?? ''));
  const [k, u, a] = values;
  if (k === undefined || u === undefined || a === undefined) return undefined;
  if (!/^[0-9]{1,3}%$/.test(percent ?? '') || mount.length === 0 || device === '') return undefined;
  return { device, kbytes: k, usedKb: u, availKb: a, mountedOn: mount.join(' ') };
}
