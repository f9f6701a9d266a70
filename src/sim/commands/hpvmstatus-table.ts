/**
 * `hpvmstatus` (guest table) and `hpvmstatus -r` (CPU and memory entitlement), as the fixtures print them
 * (docs/hpvm-output-formats.md §1, §3; test/fixtures/hpvm/).
 */
import { isVersion6 } from '../hpvm-versions.ts';
import { stateText, type SimGuest, type SimHost } from '../sim-host.ts';
import { formatMemory, formatPercent, formatRow, left, right, underline } from './text-table.ts';

/** 3.5/4.x: real 3.5 captures (hpvmstatus-3.5-jrey-migration.txt); 4.x printing the same is inferred. */
const TABLE_4X = [left(20), right(5), left(7), left(9), right(6), right(5), right(5), right(7), right(8)];
/** 6.x: Type after VM #, no Runsysid (V6.3 Administrator Guide §13.5, p. 221: hpvmstatus-6.3-ag-p221.txt). */
const TABLE_6X = [left(20), right(5), left(4), left(7), left(9), right(6), right(5), right(5), right(7)];
const HEADER_4X = 'Virtual Machine Name VM #  OS Type State     #VCPUs #Devs #Nets Memory  Runsysid';
const HEADER_6X = 'Virtual Machine Name VM #  Type OS Type State     #VCPUs #Devs #Nets Memory';

export const NO_GUESTS = 'No vPars or VMs currently configured';

export function renderGuestTable(host: SimHost): string[] {
  if (host.guests.length === 0) return [NO_GUESTS];
  const v6 = isVersion6(host.hpvmVersion);
  const columns = v6 ? TABLE_6X : TABLE_4X;
  const rows = host.guests.map((guest) => {
    const { config } = guest;
    const cells = [
      config.name,
      String(guest.vmNumber),
      ...(v6 ? [config.kind === 'vpar' ? 'VP' : 'SH'] : []),
      config.os,
      stateText(guest.state),
      String(config.vcpus),
      String(config.storage.length),
      String(config.networks.length),
      formatMemory(config.memoryMb),
      // Runsysid: 0 in every captured row; what else it can hold is not documented.
      ...(v6 ? [] : ['0']),
    ];
    return formatRow(columns, cells);
  });
  return ['[Virtual Machines]', v6 ? HEADER_6X : HEADER_4X, underline(columns), ...rows];
}

const RESOURCE_COLUMNS = [left(20), right(5), right(6), right(11), right(7), right(7), right(16)];
const MEMORY_COLUMNS = [left(20), right(5), ...Array.from({ length: 9 }, () => right(7)), left(5), right(7), right(8)];

/**
 * Both sections of `hpvmstatus -r` as a real HPVM 4.2 host prints them (hpvmstatus-r-4.2-jrey-mem.txt), one
 * row per running guest. Dynamic memory is not modelled: every guest prints as the capture's guests without
 * AMR do (DynMem Min 512MB, target and current = its memory, AMR DISABLED).
 */
export function renderResourceTable(guests: readonly SimGuest[]): string[] {
  const running = guests.filter((guest) => guest.state === 'On');
  const cpuRows = running.map(({ config, vmNumber }) =>
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
  const memoryRows = running.map(({ config, vmNumber }) =>
    formatRow(MEMORY_COLUMNS, [
      config.name,
      String(vmNumber),
      '512MB',
      '0MB',
      compactMemory(config.memoryMb),
      `${config.memoryMb}MB`,
      `${config.memoryMb}MB`,
      '0MB',
      compactMemory(config.memoryMb),
      '0MB',
      '0MB',
      '  0',
      '0MB',
      'DISABLED',
    ]),
  );
  return [
    '[Virtual Machine Resource Entitlement]',
    '[Virtual CPU entitlement]',
    ' Percent       Cumulative',
    'Virtual Machine Name VM #  #VCPUs Entitlement Maximum   Usage            Usage',
    underline(RESOURCE_COLUMNS),
    ...cpuRows,
    '',
    '[Virtual Machine Memory Entitlement]',
    ' DynMem  Memory   DynMem  DynMem DynMem  Comfort Total    Free   Avail    Mem    AMR     AMR',
    'Virtual Machine Name  VM #   Min   Entitle   Max    Target Current   Min   Memory  Memory  Memory  Press  Chunk   State',
    underline(MEMORY_COLUMNS),
    ...memoryRows,
  ];
}

/** `8GB` for whole gigabytes, else `1536MB`: the -r memory columns print no space before the unit. */
function compactMemory(memoryMb: number): string {
  return memoryMb % 1024 === 0 ? `${memoryMb / 1024}GB` : `${memoryMb}MB`;
}
