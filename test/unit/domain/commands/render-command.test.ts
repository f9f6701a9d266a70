import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../../src/domain/commands/command-error.ts';
import {
  BUILT_IN_TEMPLATES,
  HPVM_VERSIONS,
  TEMPLATE_NAMES,
  TEMPLATE_SPECS,
  mergeTemplates,
  supportsOnlineMigration,
  type TemplateTable,
} from '../../../../src/domain/commands/command-templates.ts';
import { isForceFlag, renderCommand, type CommandTarget } from '../../../../src/domain/commands/render-command.ts';
import { renderMoveCommands, type MoveCommands } from '../../../../src/domain/commands/render-move-commands.ts';
import { ONLINE_VERSION_PATHS } from '../../../../src/domain/rules/version-paths.ts';
import type { VspSettings } from '../../../../src/domain/vsp-settings.ts';
import { makeVspSettings } from '../../../support/builders.ts';

/** Every template of the host's version, rendered, as `name: line` (migrateOffline with all three flags too). */
function renderAll(host: VspSettings, target: CommandTarget, templates: TemplateTable = BUILT_IN_TEMPLATES): string {
  const lines = TEMPLATE_NAMES.filter((name) => !TEMPLATE_SPECS[name].flag).map(
    (name) => `${name}: ${renderCommand(templates, name, host, { vm: 'vm01', target }).line}`,
  );
  const all = renderCommand(templates, 'migrateOffline', host, {
    vm: 'vm01',
    target,
    flags: ['optionStop', 'optionStart', 'optionDeleteSource'],
  });
  return [...lines, `migrateOffline --stop --start --delete-source: ${all.line}`].join('\n');
}

function captureError(run: () => unknown): CommandError {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected a CommandError');
}

const target = { name: 'vsp2' };

describe('renderCommand', () => {
  it('renders every HPVM 4.1 command', () => {
    expect(renderAll(makeVspSettings({ hpvmVersion: '4.1' }), target)).toMatchInlineSnapshot(`
      "precheckOnline: /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      precheckOffline: /opt/hpvm/bin/hpvmmigrate -s -P vm01 -h vsp2
      migrateOnline: /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      migrateOffline: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2
      status: /opt/hpvm/bin/hpvmstatus
      guestDevices: /opt/hpvm/bin/hpvmstatus -P vm01 -d
      guestAttributes: /opt/hpvm/bin/hpvmstatus -P vm01 -V
      resourceUsage: /opt/hpvm/bin/hpvmstatus -r
      vswitches: /opt/hpvm/bin/hpvmnet
      machinfo: /usr/contrib/bin/machinfo
      start: /opt/hpvm/bin/hpvmstart -P vm01
      volumeGroups: /usr/sbin/vgdisplay -v
      fileSystems: /usr/bin/bdf
      migrateOffline --stop --start --delete-source: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -d -b -D"
    `);
  });

  it('renders every HPVM 4.3 command', () => {
    expect(renderAll(makeVspSettings({ hpvmVersion: '4.3' }), target)).toMatchInlineSnapshot(`
      "precheckOnline: /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      precheckOffline: /opt/hpvm/bin/hpvmmigrate -s -P vm01 -h vsp2
      migrateOnline: /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      migrateOffline: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2
      status: /opt/hpvm/bin/hpvmstatus
      guestDevices: /opt/hpvm/bin/hpvmstatus -P vm01 -d
      guestAttributes: /opt/hpvm/bin/hpvmstatus -P vm01 -V
      resourceUsage: /opt/hpvm/bin/hpvmstatus -r
      vswitches: /opt/hpvm/bin/hpvmnet
      machinfo: /usr/contrib/bin/machinfo
      start: /opt/hpvm/bin/hpvmstart -P vm01
      volumeGroups: /usr/sbin/vgdisplay -v
      fileSystems: /usr/bin/bdf
      migrateOffline --stop --start --delete-source: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -d -b -D"
    `);
  });

  it('renders every HPVM 6.1 command', () => {
    expect(renderAll(makeVspSettings({ hpvmVersion: '6.1' }), target)).toMatchInlineSnapshot(`
      "precheckOnline: /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      precheckOffline: /opt/hpvm/bin/hpvmmigrate -s -P vm01 -h vsp2
      migrateOnline: /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      migrateOffline: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2
      status: /opt/hpvm/bin/hpvmstatus
      guestDevices: /opt/hpvm/bin/hpvmstatus -P vm01 -d
      guestAttributes: /opt/hpvm/bin/hpvmstatus -P vm01 -V
      resourceUsage: /opt/hpvm/bin/hpvmstatus -r
      vswitches: /opt/hpvm/bin/hpvmnet
      machinfo: /usr/contrib/bin/machinfo
      start: /opt/hpvm/bin/hpvmstart -P vm01
      volumeGroups: /usr/sbin/vgdisplay -v
      fileSystems: /usr/bin/bdf
      migrateOffline --stop --start --delete-source: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -d -b -D"
    `);
  });

  it('prefixes sudo -n and uses the configured paths', () => {
    const host = makeVspSettings({
      hpvmVersion: '4.3',
      sudo: true,
      hpvmBinDir: '/usr/local/hpvm/bin',
      machinfoPath: '/usr/bin/machinfo',
    });
    expect(renderAll(host, target)).toMatchInlineSnapshot(`
      "precheckOnline: sudo -n /usr/local/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      precheckOffline: sudo -n /usr/local/hpvm/bin/hpvmmigrate -s -P vm01 -h vsp2
      migrateOnline: sudo -n /usr/local/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      migrateOffline: sudo -n /usr/local/hpvm/bin/hpvmmigrate -P vm01 -h vsp2
      status: sudo -n /usr/local/hpvm/bin/hpvmstatus
      guestDevices: sudo -n /usr/local/hpvm/bin/hpvmstatus -P vm01 -d
      guestAttributes: sudo -n /usr/local/hpvm/bin/hpvmstatus -P vm01 -V
      resourceUsage: sudo -n /usr/local/hpvm/bin/hpvmstatus -r
      vswitches: sudo -n /usr/local/hpvm/bin/hpvmnet
      machinfo: sudo -n /usr/bin/machinfo
      start: sudo -n /usr/local/hpvm/bin/hpvmstart -P vm01
      volumeGroups: sudo -n /usr/sbin/vgdisplay -v
      fileSystems: sudo -n /usr/bin/bdf
      migrateOffline --stop --start --delete-source: sudo -n /usr/local/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -d -b -D"
    `);
  });

  it('targets the migration-network alias when the target has one', () => {
    expect(renderAll(makeVspSettings({ hpvmVersion: '6.1' }), { name: 'vsp2', migrationHost: 'vsp2-hpvm-migr' }))
      .toMatchInlineSnapshot(`
        "precheckOnline: /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2-hpvm-migr
        precheckOffline: /opt/hpvm/bin/hpvmmigrate -s -P vm01 -h vsp2-hpvm-migr
        migrateOnline: /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2-hpvm-migr
        migrateOffline: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2-hpvm-migr
        status: /opt/hpvm/bin/hpvmstatus
        guestDevices: /opt/hpvm/bin/hpvmstatus -P vm01 -d
        guestAttributes: /opt/hpvm/bin/hpvmstatus -P vm01 -V
        resourceUsage: /opt/hpvm/bin/hpvmstatus -r
        vswitches: /opt/hpvm/bin/hpvmnet
        machinfo: /usr/contrib/bin/machinfo
        start: /opt/hpvm/bin/hpvmstart -P vm01
        volumeGroups: /usr/sbin/vgdisplay -v
        fileSystems: /usr/bin/bdf
        migrateOffline --stop --start --delete-source: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2-hpvm-migr -d -b -D"
      `);
  });

  it('returns the host it runs on and the argv behind the line', () => {
    const command = renderCommand(BUILT_IN_TEMPLATES, 'migrateOnline', makeVspSettings({ name: 'vsp7', sudo: true }), {
      vm: 'vm01',
      target,
    });
    expect(command).toEqual({
      host: 'vsp7',
      argv: ['sudo', '-n', '/opt/hpvm/bin/hpvmmigrate', '-o', '-P', 'vm01', '-h', 'vsp2'],
      line: 'sudo -n /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2',
    });
  });

  it.each(['vm01;reboot', '-F', '$(id)', 'a b', '', 'x'.repeat(65)])('refuses the guest name %j', (vm) => {
    const error = captureError(() =>
      renderCommand(BUILT_IN_TEMPLATES, 'migrateOnline', makeVspSettings(), { vm, target }),
    );
    expect(error.code).toBe('invalid_name');
    expect(error.context).toMatchObject({ placeholder: 'vm', value: vm });
  });

  it('refuses a target alias that fails the name pattern', () => {
    const error = captureError(() =>
      renderCommand(BUILT_IN_TEMPLATES, 'migrateOnline', makeVspSettings(), {
        vm: 'vm01',
        target: { name: 'vsp2', migrationHost: 'vsp2;id' },
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_name', context: { placeholder: 'target', value: 'vsp2;id' } });
  });

  it('refuses a bin directory a shell could misread', () => {
    const error = captureError(() =>
      renderCommand(BUILT_IN_TEMPLATES, 'status', makeVspSettings({ hpvmBinDir: '/opt/$(id)' })),
    );
    expect(error).toMatchObject({ code: 'invalid_path', context: { placeholder: 'bin' } });
  });

  it.each(['3.5', '4.0', '6.0'])('has no online migration for HPVM %s', (version) => {
    const error = captureError(() =>
      renderCommand(BUILT_IN_TEMPLATES, 'migrateOnline', makeVspSettings({ hpvmVersion: version }), {
        vm: 'vm01',
        target,
      }),
    );
    expect(error).toMatchObject({ code: 'missing_template', context: { version, template: 'migrateOnline' } });
  });

  it('refuses an unknown version', () => {
    const error = captureError(() =>
      renderCommand(BUILT_IN_TEMPLATES, 'status', makeVspSettings({ hpvmVersion: '6.4' })),
    );
    expect(error).toMatchObject({ code: 'unsupported_version', context: { version: '6.4' } });
  });

  it('refuses a template that needs a value the caller did not give', () => {
    const error = captureError(() => renderCommand(BUILT_IN_TEMPLATES, 'start', makeVspSettings()));
    expect(error).toMatchObject({ code: 'missing_value', context: { placeholder: 'vm' } });
  });

  it('never renders -F, even from a table that slipped past validation', () => {
    const templates = mergeTemplates(BUILT_IN_TEMPLATES, {
      '4.3': { migrateOnline: ['{bin}/hpvmmigrate', '-o', '-F', '-P', '{vm}', '-h', '{target}'] },
    });
    const error = captureError(() =>
      renderCommand(templates, 'migrateOnline', makeVspSettings(), { vm: 'vm01', target }),
    );
    expect(error).toMatchObject({ code: 'forbidden_flag', context: { token: '-F' } });
  });

  it.each([
    ['-F', true],
    ['-gF', true],
    ['-Fs', true],
    ['--force', true],
    ['-f', false],
    ['-o', false],
    ['{bin}/hpvmstop', false],
  ])('isForceFlag(%j) is %s', (token, expected) => {
    expect(isForceFlag(token)).toBe(expected);
  });
});

describe('built-in templates', () => {
  it('contain no -F anywhere', () => {
    const tokens = Object.values(BUILT_IN_TEMPLATES).flatMap((templates) => Object.values(templates).flat());
    expect(tokens.filter(isForceFlag)).toEqual([]);
  });

  it('offer online migration exactly where the version table has online paths', () => {
    const online = HPVM_VERSIONS.filter((version) => supportsOnlineMigration(BUILT_IN_TEMPLATES, version));
    expect(online).toEqual(Object.keys(ONLINE_VERSION_PATHS));
  });

  it('have every non-online template for every version', () => {
    for (const version of HPVM_VERSIONS) {
      // optionCopyStorage is per version like online migration: only 4.0's synopsis documents -m … -C.
      const names = TEMPLATE_NAMES.filter((name) => !TEMPLATE_SPECS[name].online && name !== 'optionCopyStorage');
      expect(
        names.filter((name) => BUILT_IN_TEMPLATES[version]?.[name] === undefined),
        version,
      ).toEqual([]);
    }
  });
});

/** `key: host: line` per command, for snapshots. */
function describeCommands(commands: MoveCommands): Record<string, string> {
  const keys = ['precheck', 'migrate', 'verifySource', 'verifyTarget'] as const;
  return Object.fromEntries(
    keys.map((key) => [key, commands[key] ? `${commands[key].host}: ${commands[key].line}` : '(none)']),
  );
}

describe('renderMoveCommands', () => {
  const source = makeVspSettings({ name: 'vsp1', hpvmVersion: '4.3' });
  const targetHost = makeVspSettings({ name: 'vsp2', hpvmVersion: '6.1', sudo: true, migrationHost: 'vsp2-hpvm-migr' });

  it('renders an online move: -o everywhere, -D appended, stop/start ignored', () => {
    const commands = renderMoveCommands(BUILT_IN_TEMPLATES, {
      source,
      target: targetHost,
      vm: 'vm01',
      mode: 'online',
      options: { stop: true, start: true, deleteSource: true },
    });
    expect(describeCommands(commands)).toMatchInlineSnapshot(`
      {
        "migrate": "vsp1: /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2-hpvm-migr -D",
        "precheck": "vsp1: /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2-hpvm-migr",
        "verifySource": "vsp1: /opt/hpvm/bin/hpvmstatus",
        "verifyTarget": "vsp2: sudo -n /opt/hpvm/bin/hpvmstatus",
      }
    `);
  });

  it('renders an offline move with -d -b -D in that order; the precheck checks the same move without -D', () => {
    const commands = renderMoveCommands(BUILT_IN_TEMPLATES, {
      source,
      target: targetHost,
      vm: 'vm01',
      mode: 'offline',
      options: { stop: true, start: true, deleteSource: true },
    });
    expect(describeCommands(commands)).toMatchInlineSnapshot(`
      {
        "migrate": "vsp1: /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2-hpvm-migr -d -b -D",
        "precheck": "(none)",
        "verifySource": "vsp1: /opt/hpvm/bin/hpvmstatus",
        "verifyTarget": "vsp2: sudo -n /opt/hpvm/bin/hpvmstatus",
      }
    `);
  });
});
