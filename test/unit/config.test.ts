import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { PLACEHOLDERS, TEMPLATE_NAMES } from '../../src/domain/commands/command-templates.ts';

const EXAMPLE = readFileSync(new URL('../../manifests/config.example.yaml', import.meta.url), 'utf8');
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('parseConfig', () => {
  it('accepts the example config and fills the defaults', () => {
    const result = parseConfig(EXAMPLE);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.fleet[0]).toMatchObject({
      port: 22,
      sudo: false,
      hpvmBinDir: '/opt/hpvm/bin',
      reservedMemoryMb: 4096,
    });
    expect(result.config.migration).toEqual({
      maxParallelMigrations: 1,
      linkMbPerSecond: 100,
      offlineMoveSeconds: 60,
      storageCopyMbPerSecond: 40,
      remoteDir: '/var/tmp/hpvm-chatops',
    });
    expect(result.templates['4.3']?.migrateOnline).toEqual(['{bin}/hpvmmigrate', '-o', '-P', '{vm}', '-h', '{target}']);
  });

  it('loads the per-VSP precheck, storageMap, vgdisplayPath and bdfPath the example shows', () => {
    const result = parseConfig(EXAMPLE);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.fleet[0]?.precheck).toBe(true);
    expect(result.config.fleet[1]).toMatchObject({
      storageMap: { '/dev/vg01/rvm07disk1': '/dev/vg_guests/rvm07disk1' },
      vgdisplayPath: '/usr/sbin/vgdisplay',
      bdfPath: '/usr/bin/bdf',
    });
  });

  it('loads the commented commandTemplates example once it is uncommented', () => {
    const example = EXAMPLE.split('\n')
      .filter((line) => line.startsWith('#   '))
      .map((line) => line.replace(/^# {3}/, '  '));
    expect(example.length).toBeGreaterThan(0);
    const result = parseConfig(EXAMPLE.replace('commandTemplates: {}', `commandTemplates:\n${example.join('\n')}`));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.templates['6.3']?.optionCopyStorage).toEqual(['-m', '{storage}', '-C']);
  });

  it.each([
    ['manifests/config.example.yaml', EXAMPLE],
    ['README.md', README],
  ])('%s names every command template and placeholder', (_file, text) => {
    for (const name of TEMPLATE_NAMES) expect(text).toMatch(new RegExp(`\\b${name}\\b`));
    for (const placeholder of PLACEHOLDERS) expect(text).toContain(`{${placeholder}}`);
  });

  it('reports every problem at once as path: message', () => {
    const result = parseConfig(`
fleet:
  - name: "vsp1;reboot"
    address: a
    hostKeySha256: nope
    hpvmVersion: "5.0"
  - name: vsp2
    address: b
    hostKeySha256: SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    hpvmVersion: "4.3"
    colour: blue
ssh: { maxConcurrentHosts: 0 }
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^fleet\.0\.name: must match/),
      expect.stringMatching(/^fleet\.0\.hostKeySha256: must look like SHA256:/),
      expect.stringMatching(/^fleet\.0\.hpvmVersion: must be one of 3\.5, 4\.0/),
      expect.stringMatching(/^fleet\.1: Unrecognized key: "colour"/),
      expect.stringMatching(/^ssh\.maxConcurrentHosts: /),
    ]);
  });

  it.each([
    ['absent', '', true],
    ['off', 'precheck: false', false],
    ['off for online moves', 'precheck: { online: false }', { online: false, withStart: true }],
    ['without -b', 'precheck: { withStart: false }', { online: true, withStart: false }],
  ])('reads the per-VSP precheck setting (%s)', (_label, line, expected) => {
    const result = parseConfig(`
fleet:
  - name: vsp3
    address: a
    hostKeySha256: SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    hpvmVersion: "4.3"
    ${line}
`);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.fleet[0]?.precheck).toEqual(expected);
  });

  it('refuses an unknown precheck key', () => {
    const result = parseConfig(`
fleet:
  - name: vsp3
    address: a
    hostKeySha256: SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    hpvmVersion: "4.3"
    precheck: { withStop: true }
`);
    expect(result.ok).toBe(false);
  });

  it('refuses a command template override with -F or shell syntax', () => {
    const result = parseConfig(
      `${EXAMPLE.replace('commandTemplates: {}', 'commandTemplates:\n  "4.3":\n    migrateOnline: "{bin}/hpvmmigrate -o -F -P {vm} -h {target}"\n    status: "{bin}/hpvmstatus; reboot"')}`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/commandTemplates\.4\.3\.migrateOnline: .*-F/);
    expect(result.problems.join('\n')).toMatch(/commandTemplates\.4\.3\.status: .*shell/);
  });

  it('reports YAML syntax errors instead of throwing', () => {
    const result = parseConfig('fleet: [');
    expect(result.ok).toBe(false);
  });
});

describe('readEnv', () => {
  it('runs the sandbox without Slack credentials', async () => {
    const { readEnv } = await import('../../src/config.ts');
    expect(readEnv({})).toEqual({
      ok: true,
      env: { slack: { kind: 'sandbox' }, dbFile: 'hpvm-chatops.db', port: 3000, host: '0.0.0.0', logLevel: 'info' },
    });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', CONFIG_FILE: 'c.yaml' }, 'http'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', CONFIG_FILE: 'c.yaml' }, 'socket'],
  ])('picks the Slack mode from %j', async (env, mode) => {
    const { readEnv } = await import('../../src/config.ts');
    const result = readEnv(env);
    expect(result.ok && result.env.slack.kind).toBe(mode);
  });

  it('reports every problem at once', async () => {
    const { readEnv } = await import('../../src/config.ts');
    const both = readEnv({ SLACK_BOT_TOKEN: 'xoxb-1', PORT: 'eighty', CONFIG_FILE: 'c.yaml' });
    expect(both.ok).toBe(false);
    expect(!both.ok && both.problems).toEqual([
      expect.stringMatching(/^PORT: /),
      'SLACK_SIGNING_SECRET: required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
    expect(readEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual({
      ok: false,
      problems: [
        'SLACK_SIGNING_SECRET: required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
        'CONFIG_FILE: required when Slack credentials are set (the fleet and the approval policy)',
      ],
    });
    expect(readEnv({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: '' })).toEqual({
      ok: false,
      problems: ['SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set'],
    });
  });
});

describe('balancing config', () => {
  it('reports a bad cron expression, time zone and quiet hours at once', () => {
    const result = parseConfig(
      `${EXAMPLE}\nbalancing:\n  cron: "every minute"\n  timezone: Mars/Olympus\n  quietHours: { from: "25:00", to: "06:00" }\n`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^balancing\.cron: must be a cron expression/),
      expect.stringMatching(/^balancing\.timezone: must be an IANA time zone/),
      expect.stringMatching(/^balancing\.quietHours\.from: must be HH:MM/),
    ]);
  });
});
