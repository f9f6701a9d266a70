/**
 * `machinfo` in the host's HP-UX format (docs/hpvm-output-formats.md §5): 11.23 prints the numeric
 * processor family and model, 11.31 only the processor line.
 */
import type { SimHost } from '../sim-host.ts';
import type { CommandHandler } from './command-types.ts';
import { getopt } from './getopt.ts';
import { usageError } from './usage.ts';

export function machinfo(...args: Parameters<CommandHandler>): Promise<number> {
  return Promise.resolve(showMachineInfo(...args));
}

function showMachineInfo(...[model, vsp, argv, io]: Parameters<CommandHandler>): number {
  const parsed = getopt(argv, '');
  if (!parsed.ok) return usageError(io, 'machinfo', parsed.message);
  if (parsed.operands.length > 0) return usageError(io, 'machinfo', `unexpected argument -- ${parsed.operands[0]}`);
  const host = model.host(vsp);
  for (const line of host.machinfoFormat === '11.23' ? render1123(host) : render1131(host)) io.out(line);
  return 0;
}

/** `label:` and its value right-aligned to column 28, as 11.23 machinfo lines up its CPUID block. */
function cpuid(label: string, value: number, text = ''): string {
  const head = `         ${label}:`;
  return `${head}${String(value).padStart(37 - head.length)}${text === '' ? '' : `   ${text}`}`;
}

export function render1123(host: SimHost): string[] {
  const { cpu } = host;
  return [
    'CPU info:',
    `   Number of CPUs = ${cpu.cores}`,
    '   Clock speed = 1598 MHz',
    '   Bus speed   = 533 MT/s',
    '   CPUID registers',
    '      vendor information =       "GenuineIntel"',
    '      processor serial number =  0x0000000000000000',
    '      processor version info =   0x0000000020010205',
    cpuid('architecture revision', 0),
    cpuid('processor family', cpu.family, cpu.description),
    cpuid('processor model', cpu.model, cpu.description),
    cpuid('processor revision', 5, 'stepping C2'),
    cpuid('largest CPUID reg', 4),
    `Memory = ${host.memoryMb} MB (${gigabytes(host.memoryMb)} GB)`,
    'Platform info:',
    `   model string =          "${host.platform ?? 'ia64 hp server rx8640'}"`,
    'OS info:',
    '   sysname  = HP-UX',
    '   release  = B.11.23',
  ];
}

export function render1131(host: SimHost): string[] {
  const { cpu } = host;
  const perSocket = Math.max(1, Math.floor(cpu.cores / cpu.sockets));
  return [
    'CPU info:',
    `   ${cpu.description}`,
    `   ${perSocket} cores, ${perSocket * 2} logical processors per socket`,
    '   4.79 GT/s QPI, CPU version E0',
    '          Active processor count:',
    `          ${cpu.sockets} ${cpu.sockets === 1 ? 'socket' : 'sockets'}`,
    `          ${cpu.cores} cores (${perSocket} per socket)`,
    `          ${cpu.cores * 2} logical processors (${perSocket * 2} per socket)`,
    '          LCPU attribute is enabled',
    '',
    `Memory: ${host.memoryMb} MB (${Math.round(host.memoryMb / 1024)} GB)`,
    '',
    'Firmware info:',
    '   Firmware revision:  01.01',
    '   FP SWA driver revision: 1.18',
    '   BMC firmware revision:  1.50',
    '',
    'Platform info:',
    `   Model:                  "${host.platform ?? 'ia64 hp Integrity BL870c i2'}"`,
    '',
    'OS info:',
    `   Nodename:  ${host.name}`,
    '   Release:   HP-UX B.11.31',
    '   Version:   U (unlimited-user license)',
    '   Machine:   ia64',
  ];
}

/** C's `%g`: up to 7 significant digits, no trailing zeros (`63.875`, `3.951172`). */
function gigabytes(memoryMb: number): string {
  return String(Number((memoryMb / 1024).toPrecision(7)));
}
