/** `hpvmstatus` (guest table) and `hpvmstatus -r` (CPU entitlement and usage): docs/hpvm-output-formats.md §1, §3. */
import { isVersion6 } from '../hpvm-versions.ts';
import { stateText, type SimGuest, type SimHost } from '../sim-host.ts';
import { formatMemory, formatPercent, formatRow, left, right, underline } from './text-table.ts';

const TABLE_4X = [left(20), right(5), left(7), left(9), right(6), right(5), right(5), right(7), right(8)];
const TABLE_6X = [left(20), right(5), left(4), left(7), left(9), right(6), right(5), right(5), right(7), right(8)];
const HEADER_4X = 'Virtual Machine Name VM #  OS Type State     #VCPUs #Devs #Nets Memory  Runsysid';
const HEADER_6X = 'Virtual Machine Name VM #  Type OS Type State     #VCPUs #Devs #Nets Memory  Runsysid';

export const NO_GUESTS = 'No vPars or VMs currently configured';

export function renderGuestTable(host: SimHost): string[] {
  if (host.guests.length === 0) return [NO_GUESTS];
  // The 6.x layout with a Type column is our guess [INF]; 3.5/4.x is documented [CODE].
  const v6 = isVersion6(host.hpvmVersion);
  const columns = v6 ? TABLE_6X : TABLE_4X;
  const rows = host.guests.map((guest) => {
    const { config } = guest;
    const type = v6 ? [config.kind === 'vpar' ? 'VP' : 'SH'] : [];
    return formatRow(columns, [
      config.name,
      String(guest.vmNumber),
      ...type,
      config.os,
      stateText(guest.state),
      String(config.vcpus),
      String(config.storage.length),
      String(config.networks.length),
      formatMemory(config.memoryMb),
      '0',
    ]);
  });
  return ['[Virtual Machines]', v6 ? HEADER_6X : HEADER_4X, underline(columns), ...rows];
}

const RESOURCE_COLUMNS = [left(20), right(5), right(6), right(11), right(7), right(7), right(16)];

/** One row per running guest; the undocumented memory-entitlement section is left out (docs §3). */
export function renderResourceTable(guests: readonly SimGuest[]): string[] {
  const rows = guests
    .filter((guest) => guest.state === 'On')
    .map(({ config, vmNumber }) =>
      formatRow(RESOURCE_COLUMNS, [
        config.name,
        String(vmNumber),
        String(config.vcpus),
        formatPercent(config.entitlementPct),
        formatPercent(100),
        formatPercent(config.cpuUsagePct),
        // Cumulative cycles: any steadily plausible number will do; derived so the output is deterministic.
        String(Math.round(config.vcpus * config.cpuUsagePct * 1_800_000)),
      ]),
    );
  return [
    '[Virtual Machine Resource Entitlement]',
    '[Virtual CPU entitlement]',
    '                                        Percent       Cumulative',
    'Virtual Machine Name VM #  #VCPUs Entitlement Maximum   Usage            Usage',
    underline(RESOURCE_COLUMNS),
    ...rows,
  ];
}
