import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '../../../../src/domain/commands/command-templates.ts';
import { renderCommand } from '../../../../src/domain/commands/render-command.ts';
import { validateTemplateOverrides } from '../../../../src/domain/commands/validate-template-overrides.ts';
import { makeVspSettings } from '../../../support/builders.ts';

describe('validateTemplateOverrides', () => {
  it('accepts a valid override and merges it over the built-ins', () => {
    const { templates, problems } = validateTemplateOverrides({
      '4.3': { migrateOnline: '/usr/local/bin/hpvmmigrate-wrapper  -o -P {vm} -h {target}' },
    });
    expect(problems).toEqual([]);
    expect(templates['4.3']?.migrateOnline).toEqual([
      '/usr/local/bin/hpvmmigrate-wrapper',
      '-o',
      '-P',
      '{vm}',
      '-h',
      '{target}',
    ]);
    expect(templates['4.3']?.migrateOffline).toEqual(BUILT_IN_TEMPLATES['4.3']?.migrateOffline);
    expect(templates['4.2']).toEqual(BUILT_IN_TEMPLATES['4.2']);
    const line = renderCommand(templates, 'migrateOnline', makeVspSettings(), {
      vm: 'vm01',
      target: { name: 'vsp2' },
    }).line;
    expect(line).toBe('/usr/local/bin/hpvmmigrate-wrapper -o -P vm01 -h vsp2');
  });

  it.each([
    ['volumeGroups', '{vgdisplay} -v'],
    ['fileSystems', '{bdf}'],
    ['volumeGroups', '/opt/lvm/bin/vgdisplay -v'],
    ['optionCopyStorage', '-m {storage} -C'],
    ['guestAttributes', '{bin}/hpvmstatus -P {vm} -V'],
  ])('accepts %s: %s (the storage commands start with the path the VSP config gives)', (name, text) => {
    const { templates, problems } = validateTemplateOverrides({ '6.3': { [name]: text } });
    expect(problems).toEqual([]);
    expect(templates['6.3']?.[name as 'volumeGroups']).toEqual(text.split(' '));
  });

  it('refuses {vgdisplay} where it has no value', () => {
    expect(validateTemplateOverrides({ '4.3': { status: '{vgdisplay} -v' } }).problems).toEqual([
      'commandTemplates.4.3.status: token 1 "{vgdisplay}": placeholder {vgdisplay} has no value in status',
    ]);
  });

  it('accepts no overrides', () => {
    expect(validateTemplateOverrides({})).toEqual({ templates: BUILT_IN_TEMPLATES, problems: [] });
  });

  it.each([
    [{ '5.0': { status: '{bin}/hpvmstatus' } }, 'commandTemplates.5.0: unknown HPVM version'],
    [{ '4.3': { migrate: '{bin}/hpvmmigrate -P {vm} -h {target}' } }, 'commandTemplates.4.3.migrate: unknown template'],
    [
      { '4.3': { status: '{bin}/hpvmstatus {host}' } },
      'commandTemplates.4.3.status: token 2 "{host}": unknown placeholder {host}',
    ],
    [
      { '4.3': { status: '{bin}/hpvmstatus -P {vm}' } },
      'commandTemplates.4.3.status: token 3 "{vm}": placeholder {vm} has no value in status',
    ],
    [
      { '4.3': { migrateOffline: '{bin}/hpvmmigrate -F -P {vm} -h {target}' } },
      'commandTemplates.4.3.migrateOffline: token 2 "-F": -F (force) is never allowed',
    ],
    [{ '4.3': { optionStop: '-dF' } }, 'commandTemplates.4.3.optionStop: token 1 "-dF": -F (force) is never allowed'],
    [{ '4.3': { status: '' } }, 'commandTemplates.4.3.status: empty template'],
    [{ '4.3': { status: '   ' } }, 'commandTemplates.4.3.status: empty template'],
    [
      { '4.3': { migrateOnline: '{bin}/hpvmmigrate -o -P {vm}' } },
      'commandTemplates.4.3.migrateOnline: must use {target}',
    ],
    [
      { '4.3': { precheckOnline: '{bin}/hpvmmigrate -s -o -h {target}' } },
      'commandTemplates.4.3.precheckOnline: must use {vm}',
    ],
    [
      { '4.0': { migrateOnline: '{bin}/hpvmmigrate -o -P {vm} -h {target}' } },
      'commandTemplates.4.0.migrateOnline: HPVM 4.0 has no online migration',
    ],
    [{ '4.3': { status: 'hpvmstatus' } }, 'commandTemplates.4.3.status: must start with an absolute command path'],
    [{ '4.3': { optionStart: 'boot' } }, 'commandTemplates.4.3.optionStart: a flag template holds options only'],
    [{ '4.3': { status: '{bin}/hpvmstatus {bin' } }, 'commandTemplates.4.3.status: token 2 "{bin": unbalanced { or }'],
  ])('reports %j', (raw, expected) => {
    const { problems } = validateTemplateOverrides(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it.each([';', '|', '&', '$', '`', '(', ')', '<', '>', '\n', "'", '"', '\\', '*', '\t'])(
    'reports the shell metacharacter %j',
    (character) => {
      const { problems, templates } = validateTemplateOverrides({
        '4.3': { status: `{bin}/hpvmstatus a${character}b` },
      });
      expect(problems).toEqual([
        `commandTemplates.4.3.status: token 2 ${JSON.stringify(`a${character}b`)}: contains the shell metacharacter ${JSON.stringify(character)}`,
      ]);
      expect(templates['4.3']?.status).toEqual(BUILT_IN_TEMPLATES['4.3']?.status);
    },
  );

  it('reports every problem at once and keeps the valid overrides', () => {
    const { problems, templates } = validateTemplateOverrides({
      '9.9': { status: '{bin}/hpvmstatus' },
      '4.3': {
        migrateOnline: '{bin}/hpvmmigrate -o -F -P {vm};id',
        status: '/usr/local/bin/hpvmstatus',
        bogus: 'x',
      },
      '6.1': { machinfo: '{machinfo} -v' },
    });
    expect(problems).toMatchInlineSnapshot(`
      [
        "commandTemplates.9.9: unknown HPVM version (known: 3.5, 4.0, 4.1, 4.2, 4.2.5, 4.3, 6.0, 6.1, 6.1.5, 6.2, 6.3)",
        "commandTemplates.4.3.migrateOnline: token 3 "-F": -F (force) is never allowed",
        "commandTemplates.4.3.migrateOnline: token 5 "{vm};id": contains the shell metacharacter ";"",
        "commandTemplates.4.3.migrateOnline: must use {target}",
        "commandTemplates.4.3.bogus: unknown template (known: precheckOnline, precheckOffline, migrateOnline, migrateOffline, optionStop, optionStart, optionDeleteSource, status, guestDevices, guestAttributes, resourceUsage, vswitches, machinfo, start, volumeGroups, fileSystems, optionCopyStorage)",
      ]
    `);
    expect(templates['4.3']?.status).toEqual(['/usr/local/bin/hpvmstatus']);
    expect(templates['4.3']?.migrateOnline).toEqual(BUILT_IN_TEMPLATES['4.3']?.migrateOnline);
    expect(templates['6.1']?.machinfo).toEqual(['{machinfo}', '-v']);
  });
});
