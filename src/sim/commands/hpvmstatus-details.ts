/**
 * `hpvmstatus -P vm` (detail blocks, docs/hpvm-cli.md, "hpvmstatus") and `hpvmstatus -P vm -d` (devices in
 * resource syntax, docs/hpvm-output-formats.md §2).
 */
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
    ...storage.map((d) => `${d.device}:${d.adaptor}:${d.bus},${d.dev},${d.target}:${d.backing}:${d.path}`),
    '',
    '[Network Interface Details]',
    ...networks.map((n) => `network:${n.adaptor}:${n.bus},${n.dev},0x${n.mac}:vswitch:${n.vswitch}`),
    '',
    '[Misc Interface Details]',
    'serial:com1::tty:console',
  ];
}
