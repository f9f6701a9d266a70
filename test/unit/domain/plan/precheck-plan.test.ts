/**
 * HP's precheck as data (issue 9 item 7): the version table says which `hpvmmigrate -s` combinations the bot
 * generates, each VSP's fleet config can switch it off, and the plan says what ran and what did not.
 */
import { describe, expect, it } from 'vitest';
import { PRECHECK_SUPPORT } from '../../../../src/domain/commands/command-templates.ts';
import { decidePrecheck, type MoveOptions } from '../../../../src/domain/commands/render-move-commands.ts';
import { applyPrechecks } from '../../../../src/domain/plan/apply-prechecks.ts';
import { planMigration } from '../../../../src/domain/plan/plan-migration.ts';
import type { MigrationMode } from '../../../../src/domain/request.ts';
import type { PrecheckSetting } from '../../../../src/domain/vsp-settings.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput } from '../../../support/builders.ts';

const options = (overrides: Partial<MoveOptions> = {}): MoveOptions => ({
  stop: false,
  start: false,
  deleteSource: false,
  ...overrides,
});

describe('decidePrecheck', () => {
  it.each<[string, string, PrecheckSetting | undefined, MigrationMode, Partial<MoveOptions>, string]>([
    ['online on 4.3', '4.3', undefined, 'online', {}, 'run'],
    ['offline on 4.3', '4.3', undefined, 'offline', {}, 'run'],
    ['offline --start on 4.3', '4.3', undefined, 'offline', { start: true }, 'run -b'],
    ['offline --start on 3.5 (no -b with -s there)', '3.5', undefined, 'offline', { start: true }, 'run'],
    ['offline --start, withStart off', '4.3', { withStart: false }, 'offline', { start: true }, 'run'],
    ['online from 4.0 (no -s -o)', '4.0', undefined, 'online', {}, 'skip'],
    ['offline --stop', '4.3', undefined, 'offline', { stop: true }, 'skip'],
    ['switched off', '4.3', false, 'offline', {}, 'skip'],
    ['online switched off', '4.3', { online: false }, 'online', {}, 'skip'],
    ['offline with online switched off', '4.3', { online: false }, 'offline', {}, 'run'],
    ['switched on explicitly', '6.3', true, 'online', {}, 'run'],
  ])('%s → %s', (_label, version, precheck, mode, moveOptions, expected) => {
    const source = { name: 'vsp3', hpvmVersion: version, ...(precheck === undefined ? {} : { precheck }) };
    const decision = decidePrecheck(source, mode, options(moveOptions));
    const got = decision.run ? `run${decision.withStart ? ' -b' : ''}` : 'skip';
    expect(got).toBe(expected);
  });

  it('has a row for every HPVM version the templates know', () => {
    expect(Object.keys(PRECHECK_SUPPORT).sort()).toEqual(
      ['3.5', '4.0', '4.1', '4.2', '4.2.5', '4.3', '6.0', '6.1', '6.1.5', '6.2', '6.3'].sort(),
    );
  });

  it.each<[PrecheckSetting, MigrationMode, Partial<MoveOptions>, string]>([
    [false, 'offline', {}, 'no HP precheck: switched off for vsp3 in the config'],
    [{ online: false }, 'online', {}, 'no HP precheck: switched off for online moves from vsp3 in the config'],
    [
      true,
      'offline',
      { stop: true },
      'no HP precheck: the move stops the guest (-d), which a check before approval must not do; hpvmmigrate -d runs HP’s checks of the target before it stops the guest',
    ],
  ])('says why it does not run (%j, %s)', (precheck, mode, moveOptions, reason) => {
    expect(decidePrecheck({ name: 'vsp3', hpvmVersion: '4.3', precheck }, mode, options(moveOptions))).toEqual({
      run: false,
      reason,
    });
  });
});

describe('the plan and its preview', () => {
  it('leaves the precheck out for a VSP that switched it off, with a not-checked hp-precheck saying so', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp3', { guests: [makeGuest()], settings: { precheck: false } }), makeHost('vsp2')],
    });
    const plan = planMigration(makeMigrateRequest(), input);
    const [move] = plan.moves;
    expect(plan.ok).toBe(true);
    expect(move?.commands.precheck).toBeUndefined();
    expect(move?.checks.at(-1)).toEqual({
      rule: 'hp-precheck',
      ok: true,
      unknown: true,
      detail: 'no HP precheck: switched off for vsp3 in the config',
    });
  });

  it('leaves -b out of the precheck when withStart is off, and the passed check says what HP did not check', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', { guests: [makeGuest({ state: 'Off' })], settings: { precheck: { withStart: false } } }),
        makeHost('vsp2'),
      ],
    });
    const plan = planMigration(makeMigrateRequest({ start: true }), input);
    const [move] = plan.moves;
    expect(move?.commands.precheck?.line).toBe('/opt/hpvm/bin/hpvmmigrate -s -P vm01 -h vsp2');
    expect(move?.commands.migrate.line).toBe('/opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -b');
    const checked = applyPrechecks(plan, [{ guest: 'vm01', exitCode: 0, output: '' }], 1);
    expect(checked.moves[0]?.checks.at(-1)?.detail).toBe(
      "hpvmmigrate -s on vsp1: HP's own checks of the offline move to vsp2 ran; without -b, so HP did not check the start on vsp2 (the bot's memory-fit did): (no output)",
    );
  });

  it('says that -s -b covered the start', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ state: 'Off' })] }), makeHost('vsp2')],
    });
    const plan = applyPrechecks(
      planMigration(makeMigrateRequest({ start: true }), input),
      [{ guest: 'vm01', exitCode: 0, output: '' }],
      1,
    );
    expect(plan.moves[0]?.checks.at(-1)?.detail).toMatch(
      /^hpvmmigrate -s -b on vsp1: HP's own checks of the offline move to vsp2 and its start there ran/,
    );
  });
});
