/**
 * A small fleet for the ScriptedShell tests: two HPVM 4.3 VSPs (vm01 and vm02 running on vsp1, vsp2
 * empty), the bot's settings for them, and the command lines the bot would render for them.
 */
import { BUILT_IN_TEMPLATES } from '../../../src/domain/commands/command-templates.ts';
import { renderCommand } from '../../../src/domain/commands/render-command.ts';
import { renderMoveCommands, type MoveCommands } from '../../../src/domain/commands/render-move-commands.ts';
import type { VspSettings } from '../../../src/domain/vsp-settings.ts';
import { hpuxGuest, vspSpec } from '../../support/fleet-specs.ts';

export const NONCE = 'abcdef0123456789';
export const MARK = `@@hpvm-chatops-${NONCE}@@`;
export const REMOTE_DIR = '/var/tmp/hpvm-chatops';
export const TEMPLATES = BUILT_IN_TEMPLATES;

/** A fresh fleet object (the ScriptedShell validates it, as the simulator does a fleet file). */
export function smallFleet() {
  const vsp = (name: string, guests: unknown[]) => vspSpec(name, guests, { memoryMb: 65536 });
  return { linkMbPerSecond: 100, vsps: [vsp('vsp1', [hpuxGuest('vm01'), hpuxGuest('vm02')]), vsp('vsp2', [])] };
}

export function settings(name: string, overrides: Partial<VspSettings> = {}): VspSettings {
  return {
    name,
    hpvmVersion: '4.3',
    sudo: false,
    hpvmBinDir: '/opt/hpvm/bin',
    machinfoPath: '/usr/contrib/bin/machinfo',
    reservedMemoryMb: 4096,
    maintenance: false,
    ...overrides,
  };
}

export function line(
  name: 'status' | 'resourceUsage' | 'vswitches' | 'machinfo',
  vsp = 'vsp1',
  overrides: Partial<VspSettings> = {},
): string {
  return renderCommand(TEMPLATES, name, settings(vsp, overrides)).line;
}

export function devicesLine(guestName: string, vsp = 'vsp1'): string {
  return renderCommand(TEMPLATES, 'guestDevices', settings(vsp), { vm: guestName }).line;
}

export function onlineMove(guestName: string, from = 'vsp1', to = 'vsp2'): MoveCommands {
  return renderMoveCommands(TEMPLATES, {
    source: settings(from),
    target: settings(to),
    vm: guestName,
    mode: 'online',
    options: { stop: false, start: false, deleteSource: false },
  });
}
