/**
 * `vgdisplay -v`: the host's volume groups with their logical and physical volumes, as the samples print them:
 * on HP-UX 11.23 flush left and ending with the PV block (test/fixtures/hpvm/vgdisplay-v-11.23.txt, a real
 * capture), on 11.31 with the LV and PV blocks indented by three spaces, each ending with a blank line
 * (vgdisplay-v-lvols.txt, derived [INF]). Only what the bot reads and what the fleet file gives varies; the
 * other fields are fixed values a real VG would print.
 */
import type { SimHost, SimVolumeGroup } from '../sim-host.ts';
import { freePe } from '../sim-host.ts';
import type { CommandHandler } from './command-types.ts';
import { getopt } from './getopt.ts';
import { usageError } from './usage.ts';

interface Layout {
  readonly indent: string;
  /** The blank line that closes the PV block (11.31); the 11.23 capture ends without it. */
  readonly closePv: boolean;
}

export function vgdisplay(...[model, vsp, argv, io]: Parameters<CommandHandler>): Promise<number> {
  const parsed = getopt(argv, 'v');
  if (!parsed.ok) return Promise.resolve(usageError(io, 'vgdisplay', parsed.message));
  const host = model.host(vsp);
  // A VG is named by its path or, as in the capture's `vgdisplay -v vg_vmtest`, by the name under /dev.
  const named = new Set(parsed.operands.map((operand) => (operand.startsWith('/') ? operand : `/dev/${operand}`)));
  const groups = (host.volumeGroups ?? []).filter((group) => named.size === 0 || named.has(group.name));
  const verbose = parsed.options.has('v');
  const layout = layoutOf(host);
  groups.forEach((group, index) => {
    if (verbose && index > 0) io.out('');
    for (const line of groupLines(group, verbose, layout)) io.out(line);
  });
  return Promise.resolve(0);
}

function layoutOf(host: Pick<SimHost, 'machinfoFormat'>): Layout {
  return host.machinfoFormat === '11.23' ? { indent: '', closePv: false } : { indent: '   ', closePv: true };
}

function field(key: string, value: string | number, indent = ''): string {
  return `${indent}${key.padEnd(28)}${value}`;
}

function groupLines(group: SimVolumeGroup, verbose: boolean, { indent, closePv }: Layout): string[] {
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
    field('Max PE per PV', group.maxPePerPv ?? Math.max(group.totalPe, 6000)),
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
  const pv = group.physicalVolume ?? { name: `/dev/dsk/c15t7d${group.name.length % 8}`, alternateLinks: [] };
  lines.push(
    `${indent}--- Physical volumes ---`,
    field('PV Name', pv.name, indent),
    // The capture pads the path to 17 columns before the words.
    ...pv.alternateLinks.map((link) => field('PV Name', `${link.padEnd(16)} Alternate Link`, indent)),
    field('PV Status', 'available', indent),
    field('Total PE', group.totalPe, indent),
    field('Free PE', free, indent),
    field('Autoswitch', 'On', indent),
    field('Proactive Polling', 'On', indent),
    ...(closePv ? [''] : []),
  );
  return lines;
}
