/**
 * `vgdisplay -v`: volume groups, their logical volumes and free extents, to know the room on a copy's target
 * (docs/hpvm-reference.md, "Offline moves that copy storage"). Field names are HP-UX's: `VG Name`, `PE Size (Mbytes)`,
 * `Total PE`, `Free PE` (pvdisplay(1M), HP-UX 10.20 and 11i v3 reference, same names in vgdisplay's VG block)
 * and, under `--- Logical volumes ---`, `LV Name` and `LV Size (Mbytes)` (lvdisplay(1M), HP-UX Reference 11i v3
 * 07/02, vol. 3, p. 473). The block layout (key left-justified, value after a run of spaces, `--- … ---` section
 * lines, LV and PV blocks possibly indented) follows a real 11.23 capture (test/fixtures/hpvm/vgdisplay-v-11.23.txt).
 *
 * Never throws. A VG without a readable `PE Size` or `Free PE` is dropped with an error (its room is unknown,
 * so no copy can be planned into it); an LV whose size cannot be read is kept without a size, because a
 * name that is taken must still block a copy onto it.
 */
import type { ParseIssue, ParseResult, VolumeGroupInfo } from '../inventory.ts';
import { errorAt, isBlank, outputIssue, splitOutputLines, warningAt, type OutputLine } from './output-lines.ts';
import { parseCount } from './strict-number.ts';

type Section = 'vg' | 'lv' | 'pv' | 'other';

const SECTION = /^\s*---\s*(.+?)\s*---\s*$/;
/** Key, then at least two spaces (or a tab), then the value. Keys are words with spaces and `(Mbytes)`. */
const FIELD = /^\s*([A-Za-z][A-Za-z ()/-]*?)(?:\s{2,}|\t)\s*(\S.*)$/;

interface OpenVg {
  readonly line: OutputLine;
  name: string;
  peSizeMb?: number;
  totalPe?: number;
  freePe?: number;
  lvols: { name: string; sizeMb?: number; line: OutputLine }[];
}

export function parseVgdisplay(text: string): ParseResult<VolumeGroupInfo[]> {
  const lines = splitOutputLines(text);
  const issues: ParseIssue[] = [];
  const groups: OpenVg[] = [];
  let section: Section = 'other';
  let current: OpenVg | undefined;

  for (const line of lines) {
    if (isBlank(line)) continue;
    const heading = SECTION.exec(line.text)?.[1]?.toLowerCase();
    if (heading !== undefined) {
      section = heading.startsWith('volume group')
        ? 'vg'
        : heading.startsWith('logical volume')
          ? 'lv'
          : heading.startsWith('physical volume')
            ? 'pv'
            : 'other';
      continue;
    }
    const field = FIELD.exec(line.text);
    if (field === null) {
      issues.push(warningAt(line, 'not a vgdisplay field line; ignored'));
      continue;
    }
    const key = (field[1] ?? '').trim();
    const value = (field[2] ?? '').trim();
    if (section === 'vg') {
      if (key === 'VG Name') {
        current = { line, name: value, lvols: [] };
        groups.push(current);
        continue;
      }
      if (current === undefined) continue;
      if (key === 'PE Size (Mbytes)') current.peSizeMb = number(line, key, value, issues);
      else if (key === 'Total PE') current.totalPe = number(line, key, value, issues);
      else if (key === 'Free PE') current.freePe = number(line, key, value, issues);
    } else if (section === 'lv' && current !== undefined) {
      if (key === 'LV Name') current.lvols.push({ name: value, line });
      else if (key === 'LV Size (Mbytes)') {
        const lvol = current.lvols[current.lvols.length - 1];
        const size = number(line, key, value, issues);
        if (lvol === undefined) issues.push(warningAt(line, 'LV size before any LV Name; ignored'));
        else if (size !== undefined) lvol.sizeMb = size;
      }
    }
  }

  const value: VolumeGroupInfo[] = [];
  for (const group of groups) {
    if (!/^\/[A-Za-z0-9._/+-]+$/.test(group.name)) {
      issues.push(errorAt(group.line, `volume group name ${JSON.stringify(group.name)} is not a device path; dropped`));
      continue;
    }
    if (group.peSizeMb === undefined || group.freePe === undefined || group.peSizeMb === 0) {
      issues.push(
        errorAt(group.line, `volume group ${group.name} has no readable PE Size or Free PE; its room is unknown`),
      );
      continue;
    }
    for (const lvol of group.lvols.filter((candidate) => candidate.sizeMb === undefined)) {
      issues.push(errorAt(lvol.line, `logical volume ${lvol.name} has no readable size`));
    }
    value.push({
      name: group.name,
      peSizeMb: group.peSizeMb,
      ...(group.totalPe === undefined ? {} : { totalPe: group.totalPe }),
      freePe: group.freePe,
      lvols: group.lvols.map((lvol) =>
        lvol.sizeMb === undefined ? { name: lvol.name } : { name: lvol.name, sizeMb: lvol.sizeMb },
      ),
    });
  }
  if (groups.length === 0 && lines.some((line) => !isBlank(line))) {
    issues.push(outputIssue('warning', lines, 'vgdisplay printed no volume group'));
  }
  return { value, issues };
}

function number(line: OutputLine, key: string, text: string, issues: ParseIssue[]): number | undefined {
  const value = parseCount(text.split(/\s+/)[0] ?? '');
  if (value === undefined) issues.push(errorAt(line, `${key} is not a whole number`));
  return value;
}
