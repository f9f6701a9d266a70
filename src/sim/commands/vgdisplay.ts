/**
 * `vgdisplay -v`: the host's volume groups with their logical and physical volumes, in the layout of
 * test/fixtures/hpvm/vgdisplay-v-11.23.txt (a real 11.23 capture) and vgdisplay-v-lvols.txt (its LV block).
 * Only what the bot reads varies; the other fields are fixed values a real VG would print.
 */
import type { SimVolumeGroup } from '../sim-host.ts';
import { freePe } from '../sim-host.ts';
import type { CommandHandler } from './command-types.ts';
import { getopt } from './getopt.ts';
import { usageError } from './usage.ts';

export function vgdisplay(...[model, vsp, argv, io]: Parameters<CommandHandler>): Promise<number> {
  const parsed = getopt(argv, 'v');
  if (!parsed.ok) return Promise.resolve(usageError(io, 'vgdisplay', parsed.message));
  const groups = (model.host(vsp).volumeGroups ?? []).filter(
    (group) => parsed.operands.length === 0 || parsed.operands.includes(group.name),
  );
  for (const group of groups) for (const line of groupLines(group, parsed.options.has('v'))) io.out(line);
  return Promise.resolve(0);
}

function field(key: string, value: string | number, indent = ''): string {
  return `${indent}${key.padEnd(28)}${value}`;
}

function groupLines(group: SimVolumeGroup, verbose: boolean): string[] {
  const free = freePe(group);
  const lines = [
    '--- Volume groups ---',
    field('VG Name', group.name),
    field('VG Write Access', 'read/write'),
    field('VG Status', 'available'),
    field('Max LV', 255),
    field('Cur LV', group.lvols.length),
    field('Open LV', group.lvols.length),
    field('Max PV', 16),
    field('Cur PV', 1),
    field('Act PV', 1),
    field('Max PE per PV', Math.max(group.totalPe, 6000)),
    field('VGDA', 2),
    field('PE Size (Mbytes)', group.peSizeMb),
    field('Total PE', group.totalPe),
    field('Alloc PE', group.totalPe - free),
    field('Free PE', free),
    field('Total PVG', 0),
    field('Total Spare PVs', 0),
    field('Total Spare PVs in use', 0),
    '',
  ];
  if (!verbose) return lines;
  const indent = '   ';
  if (group.lvols.length > 0) {
    lines.push(`${indent}--- Logical volumes ---`);
    for (const lvol of group.lvols) {
      const extents = Math.ceil(lvol.sizeMb / group.peSizeMb);
      lines.push(
        field('LV Name', `${group.name}/${lvol.name}`, indent),
        field('LV Status', 'available/syncd', indent),
        field('LV Size (Mbytes)', lvol.sizeMb, indent),
        field('Current LE', extents, indent),
        field('Allocated PE', extents, indent),
        field('Used PV', 1, indent),
        '',
      );
    }
    lines.push('');
  }
  lines.push(
    `${indent}--- Physical volumes ---`,
    field('PV Name', `/dev/dsk/c15t7d${group.name.length % 8}`, indent),
    field('PV Status', 'available', indent),
    field('Total PE', group.totalPe, indent),
    field('Free PE', free, indent),
    field('Autoswitch', 'On', indent),
    field('Proactive Polling', 'On', indent),
    '',
  );
  return lines;
}
