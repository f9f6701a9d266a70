import { describe, expect, it } from 'vitest';
import { planMigration, planReturn } from '../../../../src/domain/plan/plan-migration.ts';
import type { Plan } from '../../../../src/domain/plan/plan-types.ts';
import { guestFootprintMb } from '../../../../src/domain/rules/target-memory.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput, makeVspSettings } from '../../../support/builders.ts';

function failedRules(plan: Plan, guest: string): string[] {
  return (
    plan.blocked
      .find((entry) => entry.guest === guest)
      ?.checks.filter((check) => !check.ok)
      .map((check) => check.rule) ?? []
  );
}

describe('planMigration', () => {
  it('plans a single online move', () => {
    const plan = planMigration(makeMigrateRequest(), makePlanInput());
    expect(plan.ok).toBe(true);
    expect(plan.blocked).toEqual([]);
    expect(plan.rounds).toEqual([[0]]);
    const [move] = plan.moves;
    expect(move).toMatchObject({
      source: 'vsp1',
      target: 'vsp2',
      mode: 'online',
      downtime: false,
      options: { stop: false, start: false, deleteSource: false },
      estimatedSeconds: 41 + 30,
    });
    expect(move?.checks.map((check) => [check.rule, check.ok])).toEqual([
      ['guest-located', true],
      ['guest-lock', true],
      ['target', true],
      ['guest-state', true],
      ['guest-kind', true],
      ['guest-os', true],
      ['online-migration-enabled', true],
      ['storage-backing', true],
      ['processor', true],
      ['version-path', true],
      ['memory-fit', true],
      ['vswitches', true],
      ['hosts-settled', true],
      ['hosts-free', true],
    ]);
    expect(move?.commands.migrate.line).toBe('/opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2');
    expect(move?.commands.precheck?.line).toBe('/opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2');
    expect(plan.estimatedSeconds).toBe(71);
  });

  it('plans an offline move of a running guest with --stop --start --delete-source', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ os: 'LINUX' })] }), makeHost('vsp2')],
    });
    const plan = planMigration(
      makeMigrateRequest({ mode: 'offline', stop: true, start: true, deleteSource: true }),
      input,
    );
    expect(plan.ok).toBe(true);
    const [move] = plan.moves;
    expect(move).toMatchObject({
      mode: 'offline',
      downtime: true,
      options: { stop: true, start: true, deleteSource: true },
      estimatedSeconds: 60,
    });
    expect(move?.commands.migrate.line).toBe('/opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -d -b -D');
    // Stopping the guest is not something a check before approval may risk: no precheck for this move.
    expect(move?.commands.precheck).toBeUndefined();
    expect(move?.checks.map((check) => check.rule)).toEqual([
      'guest-located',
      'guest-lock',
      'target',
      'guest-state',
      'storage-backing',
      'version-path',
      'memory-fit',
      'vswitches',
      'hosts-settled',
      'hp-precheck',
    ]);
    expect(move?.checks.at(-1)).toMatchObject({ ok: true, unknown: true });
  });

  it('leaves -d out for a guest that is already off, and needs no memory without --start', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ state: 'Off', memoryMb: 999_999 })] }), makeHost('vsp2')],
    });
    const plan = planMigration(makeMigrateRequest({ mode: 'offline', stop: true }), input);
    expect(plan.ok).toBe(true);
    expect(plan.moves[0]).toMatchObject({ downtime: false, options: { stop: false, start: false } });
    expect(plan.moves[0]?.commands.migrate.line).toBe('/opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2');
  });

  it('picks offline for a stopped guest when no mode is given', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ state: 'Off' })] }), makeHost('vsp2')],
    });
    expect(planMigration(makeMigrateRequest(), input).moves[0]?.mode).toBe('offline');
  });

  it('picks offline when --stop is given without a mode', () => {
    const plan = planMigration(makeMigrateRequest({ stop: true }), makePlanInput());
    expect(plan.moves[0]).toMatchObject({ mode: 'offline', downtime: true });
  });

  it('blocks a running guest that cannot go online, with the offline --stop fix', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ kind: 'vpar', os: 'LINUX' })] }), makeHost('vsp2')],
    });
    const plan = planMigration(makeMigrateRequest(), input);
    expect(plan.ok).toBe(false);
    expect(plan.moves).toEqual([]);
    expect(plan.rounds).toEqual([]);
    expect(failedRules(plan, 'vm01')).toEqual(['guest-kind', 'guest-os']);
    const fixes = plan.blocked[0]?.checks.flatMap((check) => (check.fix === undefined ? [] : [check.fix]));
    expect(fixes).toEqual([
      'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop',
      'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop',
    ]);
  });

  it.each([
    ['online', {}],
    ['offline', { mode: 'offline' as const, stop: true }],
  ])('refuses a guest with a host DVD %s, and suggests no offline move', (_mode, request) => {
    const hostDvd = {
      device: 'dvd',
      adaptor: 'scsi',
      bus: '0,0,1',
      backing: 'disk' as const,
      backingText: 'disk',
      path: '/dev/rdsk/c1t4d0',
      hostDevice: true,
    };
    const guest = makeGuest({ os: 'LINUX', storage: [hostDvd] });
    const input = makePlanInput({ hosts: [makeHost('vsp1', { guests: [guest] }), makeHost('vsp2')] });
    const plan = planMigration(makeMigrateRequest(request), input);
    expect(failedRules(plan, 'vm01')).toContain('storage-backing');
    const fixes = plan.blocked[0]?.checks.flatMap((check) => (check.fix === undefined ? [] : [check.fix])) ?? [];
    expect(fixes).toContain(
      'remove the host DVD from the guest (hpvmmodify -P vm01 -d dvd:scsi:0,0,1:disk:/dev/rdsk/c1t4d0), then plan again',
    );
    expect(fixes.filter((fix) => fix.includes('/migrate'))).toEqual([]);
  });

  it('fails the storage and vswitch checks of a guest with a device row it could not read, naming the row', () => {
    const guest = makeGuest({
      name: 'oradb01',
      state: 'Off',
      unreadDevices: [{ position: 3, line: 'disk:avio_stor:0,1,1:weird:/dev/x', reason: "unknown backing 'weird'" }],
    });
    const input = makePlanInput({ hosts: [makeHost('vsp1', { guests: [guest] }), makeHost('vsp2')] });
    const plan = planMigration(makeMigrateRequest({ guests: ['oradb01'] }), input);
    expect(failedRules(plan, 'oradb01')).toEqual(['storage-backing', 'vswitches']);
    expect(plan.blocked[0]?.checks.find((check) => check.rule === 'storage-backing')?.detail).toBe(
      "could not read device 3 of oradb01 on vsp1: disk:avio_stor:0,1,1:weird:/dev/x (unknown backing 'weird')",
    );
  });

  it('blocks an explicit online move of a stopped guest', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ state: 'Off' })] }), makeHost('vsp2')],
    });
    const plan = planMigration(makeMigrateRequest({ mode: 'online' }), input);
    expect(failedRules(plan, 'vm01')).toEqual(['guest-state']);
    expect(plan.blocked[0]?.checks.find((check) => !check.ok)?.fix).toBe(
      'use offline migration: /migrate vm01 to vsp2 offline',
    );
  });

  it('blocks an offline move of a running guest without --stop', () => {
    const plan = planMigration(makeMigrateRequest({ mode: 'offline' }), makePlanInput());
    expect(failedRules(plan, 'vm01')).toEqual(['guest-state']);
  });

  it('moves across processor families offline but not online', () => {
    const hosts = [
      makeHost('vsp1', {
        guests: [makeGuest()],
        inventory: { cpu: { family: 31, model: 1, description: '', cores: 8 } },
      }),
      makeHost('vsp2', { inventory: { cpu: { family: 32, model: 1, description: '', cores: 8 } } }),
    ];
    const input = makePlanInput({ hosts });
    expect(failedRules(planMigration(makeMigrateRequest(), input), 'vm01')).toEqual(['processor']);
    expect(planMigration(makeMigrateRequest({ mode: 'offline', stop: true }), input).ok).toBe(true);
  });

  it('blocks a guest locked by another request and hosts busy with an online migration', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest(), makeGuest({ name: 'vm02' })] }), makeHost('vsp2')],
      busy: { guests: new Map([['vm01', 'REQ-12']]), onlineHosts: new Set(['vsp2']), attentionHosts: new Map() },
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02'] }), input);
    expect(failedRules(plan, 'vm01')).toEqual(['guest-lock', 'hosts-free']);
    expect(failedRules(plan, 'vm02')).toEqual(['hosts-free']);
    expect(plan.blocked[0]?.checks[1]).toMatchObject({ detail: 'vm01 is in REQ-12' });
  });

  it('blocks unknown guests, a wrong `from` and a bad target without evaluating further', () => {
    const plan = planMigration(makeMigrateRequest({ guests: ['vm09'] }), makePlanInput());
    expect(plan.blocked[0]?.checks.map((check) => [check.rule, check.ok])).toEqual([
      ['guest-located', false],
      ['guest-lock', true],
    ]);
    expect(failedRules(planMigration(makeMigrateRequest({ from: 'vsp2' }), makePlanInput()), 'vm01')).toEqual([
      'guest-located',
    ]);
    const inMaintenance = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest()] }), makeHost('vsp2', { settings: { maintenance: true } })],
    });
    expect(failedRules(planMigration(makeMigrateRequest(), inMaintenance), 'vm01')).toEqual(['target']);
    expect(failedRules(planMigration(makeMigrateRequest({ to: 'vsp1' }), makePlanInput()), 'vm01')).toEqual(['target']);
  });

  it('blocks a target that could not be read', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest()] })],
      unreadable: [makeVspSettings({ name: 'vsp2' })],
    });
    const plan = planMigration(makeMigrateRequest(), input);
    expect(plan.blocked[0]?.checks.find((check) => check.rule === 'target')?.detail).toBe(
      'vsp2 could not be read (ssh_timeout: connect timed out after 10000 ms)',
    );
  });

  it('turns a name no command line may carry into a failed commands check', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ name: 'vm 01' })] }), makeHost('vsp2')],
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['vm 01'] }), input);
    const commands = plan.blocked[0]?.checks.find((check) => check.rule === 'commands');
    expect(commands).toMatchObject({
      ok: false,
      detail: '{vm} value "vm 01" is not allowed in a command line [invalid_name]',
    });
  });

  it('renders the source version templates and the target migration alias, with sudo per host', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', { guests: [makeGuest()], version: '4.3', settings: { sudo: true } }),
        makeHost('vsp2', { version: '6.1', settings: { migrationHost: 'vsp2-hpvm-migr' } }),
      ],
    });
    const { commands } = planMigration(makeMigrateRequest(), input).moves[0] ?? {};
    expect(commands?.migrate.line).toBe('sudo -n /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2-hpvm-migr');
    expect(commands?.verifyTarget).toEqual({
      host: 'vsp2',
      argv: ['/opt/hpvm/bin/hpvmstatus'],
      line: '/opt/hpvm/bin/hpvmstatus',
    });
  });
});

describe('planMigration batches', () => {
  const three = [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02' }), makeGuest({ name: 'vm03' })];

  it('runs 3 online moves between the same hosts in 3 rounds, whatever the parallelism', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: three }), makeHost('vsp2')],
      settings: { maxParallelMigrations: 3 },
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02', 'vm03'] }), input);
    expect(plan.ok).toBe(true);
    expect(plan.rounds).toEqual([[0], [1], [2]]);
    expect(plan.estimatedSeconds).toBe(3 * 71);
  });

  it('shares rounds between moves of different host pairs up to maxParallelMigrations', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', { guests: [makeGuest({ name: 'vm01' })] }),
        makeHost('vsp3', {
          guests: [makeGuest({ name: 'vm02', state: 'Off' }), makeGuest({ name: 'vm03', state: 'Off' })],
        }),
        makeHost('vsp2'),
      ],
      settings: { maxParallelMigrations: 2 },
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02', 'vm03'] }), input);
    expect(plan.moves.map((move) => `${move.guest.name} ${move.source}→${move.target} ${move.mode}`)).toEqual([
      'vm01 vsp1→vsp2 online',
      'vm02 vsp3→vsp2 offline',
      'vm03 vsp3→vsp2 offline',
    ]);
    expect(plan.rounds).toEqual([[0, 1], [2]]);
    expect(plan.estimatedSeconds).toBe(71 + 60);
  });

  it('runs one move at a time by default', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', {
          guests: [makeGuest({ name: 'vm01', state: 'Off' }), makeGuest({ name: 'vm02', state: 'Off' })],
        }),
        makeHost('vsp2'),
      ],
    });
    expect(planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02'] }), input).rounds).toEqual([[0], [1]]);
  });

  it('counts the memory of earlier moves: the last guest of the batch no longer fits', () => {
    const footprint = guestFootprintMb(makeGuest());
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', { guests: three }),
        makeHost('vsp2', { inventory: { memoryMb: 4096 + 2 * footprint + footprint - 1 } }),
      ],
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02', 'vm03'] }), input);
    expect(plan.ok).toBe(false);
    expect(plan.moves.map((move) => move.guest.name)).toEqual(['vm01', 'vm02']);
    expect(failedRules(plan, 'vm03')).toEqual(['memory-fit']);
    expect(plan.blocked[0]?.checks.find((check) => check.rule === 'memory-fit')?.detail).toBe(
      `vm03 needs ${footprint} MB (4096 + 97 overhead); vsp2 has ${footprint - 1} MB free for guests ` +
        `(${4096 + 3 * footprint - 1} total − 4096 reserved − 0 running guests − ${2 * footprint} planned): 1 MB short`,
    );
  });

  it('fits the last guest exactly at the limit', () => {
    const footprint = guestFootprintMb(makeGuest());
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: three }), makeHost('vsp2', { inventory: { memoryMb: 4096 + 3 * footprint } })],
    });
    expect(planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02', 'vm03'] }), input).ok).toBe(true);
  });

  it('is JSON data: a round trip changes nothing', () => {
    const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02'] }), makePlanInput());
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});

describe('planReturn', () => {
  it('brings evacuated guests back: running ones online, stopped ones offline', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1'),
        makeHost('vsp2', { guests: [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02', state: 'Off' })] }),
      ],
    });
    const plan = planReturn('vsp1', ['vm01', 'vm02'], input);
    expect(plan.ok).toBe(true);
    expect(plan.request).toEqual({ kind: 'return', vsp: 'vsp1', guests: ['vm01', 'vm02'] });
    expect(plan.moves.map((move) => `${move.guest.name} ${move.source}→${move.target} ${move.mode}`)).toEqual([
      'vm01 vsp2→vsp1 online',
      'vm02 vsp2→vsp1 offline',
    ]);
  });

  it('blocks a return to a host still in maintenance', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { settings: { maintenance: true } }), makeHost('vsp2', { guests: [makeGuest()] })],
    });
    expect(failedRules(planReturn('vsp1', ['vm01'], input), 'vm01')).toEqual(['target']);
  });
});
