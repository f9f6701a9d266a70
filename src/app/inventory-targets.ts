import type { TemplateTable } from '../domain/commands/command-templates.ts';
import { renderCommand } from '../domain/commands/render-command.ts';
import type { VspSettings } from '../domain/vsp-settings.ts';
import type { InventoryTarget } from './collect-inventory.ts';

/** The inventory command lines of one VSP, rendered from its HPVM version's templates. */
export function inventoryTarget(vsp: VspSettings, templates: TemplateTable): InventoryTarget {
  const line = (name: 'status' | 'resourceUsage' | 'vswitches' | 'machinfo'): string =>
    renderCommand(templates, name, vsp).line;
  return {
    name: vsp.name,
    hpvmVersion: vsp.hpvmVersion,
    ...(vsp.cpuFamily === undefined ? {} : { cpuFamily: vsp.cpuFamily }),
    ...(vsp.cpuModel === undefined ? {} : { cpuModel: vsp.cpuModel }),
    commands: {
      status: line('status'),
      resources: line('resourceUsage'),
      vswitches: line('vswitches'),
      machinfo: line('machinfo'),
      devices: (guest) => renderCommand(templates, 'guestDevices', vsp, { vm: guest }).line,
      ...(templates[vsp.hpvmVersion]?.guestAttributes === undefined
        ? {}
        : { attributes: (guest: string) => renderCommand(templates, 'guestAttributes', vsp, { vm: guest }).line }),
      // Room for storage copies; a version without these templates (an operator's override) skips them.
      ...(templates[vsp.hpvmVersion]?.volumeGroups === undefined
        ? {}
        : { volumeGroups: renderCommand(templates, 'volumeGroups', vsp).line }),
      ...(templates[vsp.hpvmVersion]?.fileSystems === undefined
        ? {}
        : { fileSystems: renderCommand(templates, 'fileSystems', vsp).line }),
    },
  };
}
