/**
 * `hpvmstatus -P vm` (detail blocks, docs/hpvm-reference.md, "hpvmstatus"), `hpvmstatus -P vm -d` (devices in
 * resource syntax, docs/hpvm-output-formats.md §2) and `hpvmstatus -P vm -V` (attributes, §3a).
 */
import { createHash } from 'node:crypto';
import type { SimGuest } from '../sim-host.ts';
import { stateText } from '../sim-host.ts';
import { formatMemory, formatPercent, formatRow, left, right, underline } from './text-table.ts';

const DETAIL_COLUMNS = [left(20), right(5), left(7), left(8)];
const CPU_COLUMNS = [right(6), right(11), right(7)];
const DEVICE_COLUMNS = [left(7), left(10), right(3), right(3), right(3), right(3), right(3), left(9), left(25)];
const NETWORK_COLUMNS = [left(9), left(10), left(10), left(7), right(3), right(3), right(3), left(17)];
const DEVICE_HEADER = [
  'Guest                                 Physical',
  'Device  Adaptor    Bus Dev Ftn Tgt Lun Storage   Device',
  underline(DEVICE_COLUMNS),
];
const CONSOLE_ROW = formatRow(DEVICE_COLUMNS, ['serial', 'com1', '', '', '', '', '', 'tty', 'console']);

export function renderGuestDetails(guest: SimGuest): string[] {
  const { config } = guest;
  return [
    '[Virtual Machine Details]',
    'Virtual Machine Name VM #  OS Type State',
    underline(DETAIL_COLUMNS),
    formatRow(DETAIL_COLUMNS, [config.name, String(guest.vmNumber), config.os, stateText(guest.state)]),
    '',
    '[Authorized Administrators]',
    'Oper Groups:',
    'Admin Groups:',
    'Oper Users:',
    'Admin Users:',
    '',
    '[Virtual CPU Details]',
    '#vCPUs Entitlement Maximum',
    underline(CPU_COLUMNS),
    formatRow(CPU_COLUMNS, [String(config.vcpus), formatPercent(config.entitlementPct), formatPercent(100)]),
    '',
    '[Memory Details]',
    'Total    Reserved',
    'Memory   Memory',
    '=======  ========',
    // Reserved memory is printed as HP's sample shows it; what HP puts there is not documented [GAP].
    `${formatMemory(config.memoryMb).padStart(7)}  ${'64 MB'.padStart(8)}`,
    '',
    '[Storage Interface Details]',
    ...DEVICE_HEADER,
    ...config.storage.map((device) =>
      formatRow(DEVICE_COLUMNS, [
        device.device,
        device.adaptor,
        String(device.bus),
        String(device.dev),
        '0',
        String(device.target),
        '0',
        device.backing,
        device.path,
      ]),
    ),
    '',
    '[Network Interface Details]',
    'Interface Adaptor    Name/Num   PortNum Bus Dev Ftn Mac Address',
    underline(NETWORK_COLUMNS),
    ...config.networks.map((network, index) =>
      formatRow(NETWORK_COLUMNS, [
        'vswitch',
        network.adaptor,
        network.vswitch,
        String(index + 1),
        String(network.bus),
        String(network.dev),
        '0',
        (network.mac.toLowerCase().match(/../g) ?? []).join('-'),
      ]),
    ),
    '',
    '[Misc Interface Details]',
    ...DEVICE_HEADER,
    CONSOLE_ROW,
  ];
}

export function renderGuestDevices(guest: SimGuest): string[] {
  const { storage, networks } = guest.config;
  return [
    '[Virtual Machine Devices]',
    '',
    '[Storage Interface Details]',
    ...storage.map((d) => `${d.device}:${d.adaptor}:${storageAddress(d)}:${d.backing}:${d.path}`),
    '',
    '[Network Interface Details]',
    ...networks.map((n) => `network:${n.adaptor}:${n.bus},${n.dev},0x${n.mac}:vswitch:${n.vswitch}`),
    '',
    '[Misc Interface Details]',
    'serial:com1::tty:console',
  ];
}

/** `bus,dev,target`; an NPIV HBA prints `bus,slot,vPWWN,vNWWN` (HP Integrity VM 4.3 NPIV overview, p. 9). */
function storageAddress(device: SimGuest['config']['storage'][number]): string {
  if (device.backing === 'npiv') return `${device.bus},${device.dev},${device.wwpn ?? ''},${device.wwnn ?? ''}`;
  return `${device.bus},${device.dev},${device.target}`;
}

/**
 * `hpvmstatus -P vm -V`, the part the bot reads: HP's `[Virtual Machines Details]` key : value lines
 * (V6.3 Administrator Guide §13.8, p. 224), then the attribute lines HP says -V lists (4.2 guide §9.1.2,
 * 4.3 guide §8.2.3) in the spelling hpvmmodify -x takes them [INF: HP prints no sample of them]. A copy left
 * behind by a migration is unregistered: not runnable, not modifiable, not visible (4.2 Release Notes §9.2.3).
 */
export function renderGuestAttributes(guest: SimGuest): string[] {
  const { config } = guest;
  const registered = guest.state === 'NR' ? 'disabled' : 'enabled';
  return [
    '[Virtual Machines Details]',
    `Virtual Machine Name : ${config.name}`,
    `Virtual Machine UUID : ${guestUuid(config.name)}`,
    `Virtual Machine ID : ${guest.vmNumber}`,
    `runnable_status : ${registered}`,
    `modify_status : ${registered}`,
    `visible_status : ${registered}`,
    `online_migration : ${config.onlineMigration}`,
  ];
}

/** Stable per guest name, in HP's UUID spelling (`24a7bfa4-b1b2-11e2-8400-b499ba6430e0`). */
export function guestUuid(name: string): string {
  const hex = createHash('sha256').update(`uuid#${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
