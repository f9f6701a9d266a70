/**
 * Every check of the simulated hpvmmigrate and its message: a refused migration exits 1 and changes
 * nothing; `-F` turns resource-check failures (only those) into warnings; `-s` checks and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { FleetModel } from '../../../src/sim/fleet-model.ts';
import { MONTVALE, fleetOf, guest, instantTimers, run, vsp } from './sim-test-kit.ts';

const MONTECITO = { ...MONTVALE, model: 0, description: 'Intel(R) Itanium 2 9000 series processor (1.59 GHz, 18 MB)' };
const TUKWILA = {
  family: 32,
  model: 2,
  description: 'Intel(R)  Itanium(R)  Processor 9340 (1.6 GHz, 15 MB)',
  cores: 16,
};
const LANS = [{ name: 'localnet' }, { name: 'vlan02', pnic: 'lan1' }, { name: 'vlan03', pnic: 'lan2' }];
const DVD = '/var/opt/hpvm/ISO-images/hpux.iso';

function checksFleet(): FleetModel {
  return new FleetModel(
    fleetOf({
      vsps: [
        vsp('vsp1', {
          vswitches: LANS,
          memoryMb: 131072,
          guests: [
            guest('hpux1'),
            guest('lvguest', { storage: [{ device: 'disk', backing: 'lv', path: '/dev/vg01/rlvol1' }] }),
            guest('filedvd', { storage: [{ device: 'dvd', backing: 'file', path: DVD }] }),
            guest('nulldvd', { storage: [{ device: 'dvd', backing: 'null', path: DVD }] }),
            guest('linux1', { os: 'LINUX' }),
            guest('win1', { os: 'WINDOWS' }),
            guest('ovms1', { os: 'OVMS' }),
            guest('nomig', { onlineMigration: 'disabled' }),
            guest('off1', { state: 'Off' }),
            guest('shared1', {
              state: 'Off',
              storage: [{ device: 'dvd', adaptor: 'scsi', backing: 'disk', path: '/dev/rdsk/c1t4d0', shared: true }],
            }),
            guest('lan3guest', { networks: [{ vswitch: 'vlan03' }] }),
          ],
        }),
        vsp('vsp2', { cpu: MONTECITO }),
        vsp('vsp3', { hpvmVersion: '6.1', cpu: TUKWILA }),
        vsp('vsp4', { hpvmVersion: '4.1' }),
        vsp('vsp5', { hpvmVersion: '4.0' }),
        vsp('vsp6', { ovmm: 'disabled' }),
        vsp('vsp7', { ovmm: 'unlicensed' }),
        vsp('vsp8', { memoryMb: 8192 }),
        vsp('vsp9', { aliases: ['vsp9-migr', 'vsp9.example'] }),
        vsp('v6a', { hpvmVersion: '6.1', cpu: TUKWILA, guests: [guest('vpar01', { kind: 'vpar' })] }),
        vsp('v6b', { hpvmVersion: '6.3', cpu: TUKWILA, guests: [guest('vpar02', { kind: 'vpar', state: 'Off' })] }),
        vsp('v6c', { hpvmVersion: '6.0', cpu: TUKWILA }),
      ],
    }),
    { timers: instantTimers() },
  );
}

const UNABLE = 'hpvmmigrate: Unable to migrate the guest.';
const LOG = 'hpvmmigrate: See HPVM command log file on target VM Host for more detail.';
const SSH = 'hpvmmigrate: SSH execution error. Make sure ssh is setup right on both source and target systems.';
const USAGE =
  'usage: hpvmmigrate {-P vm-name | -p vm-number} -h dest-hostname-or-IP-addr [-o] [-s] [-b] [-d] [-D] [-F]';

describe('hpvmmigrate refuses, exits 1 and changes nothing', () => {
  it.each<[string, string, string, string[]]>([
    ['unknown guest', 'vsp1', '-P nosuch -h vsp2', ["hpvmmigrate: Unable to find the guest 'nosuch'."]],
    ['unknown guest number', 'vsp1', '-p 99 -h vsp2', ["hpvmmigrate: Unable to find the guest number '99'."]],
    [
      'unknown target',
      'vsp1',
      '-o -P hpux1 -h nowhere',
      ["hpvmmigrate: ERROR (hpux1): Unable to resolve target VM Host 'nowhere'.", UNABLE],
    ],
    [
      'target is the source',
      'vsp1',
      '-o -P hpux1 -h vsp1',
      ['hpvmmigrate: ERROR (hpux1): The target VM Host is the local VM Host.', UNABLE],
    ],
    [
      'target is the source by alias',
      'vsp1',
      '-o -P hpux1 -h vsp1-hpvm-migr',
      ['hpvmmigrate: ERROR (hpux1): The target VM Host is the local VM Host.', UNABLE],
    ],
    [
      'lv backing online',
      'vsp1',
      '-o -P lvguest -h vsp2',
      [
        'hpvmmigrate: ERROR (lvguest): Backing store /dev/vg01/rlvol1 (lv) is not supported for online migration.',
        UNABLE,
      ],
    ],
    [
      'inserted file DVD online',
      'vsp1',
      '-o -P filedvd -h vsp2',
      [`hpvmmigrate: ERROR (filedvd): Backing store ${DVD} (file) is not supported for online migration.`, UNABLE],
    ],
    [
      'Linux online',
      'vsp1',
      '-o -P linux1 -h vsp2',
      ['hpvmmigrate: ERROR (linux1): Guest OS type LINUX does not support online migration.', UNABLE],
    ],
    [
      'Windows online',
      'vsp1',
      '-o -P win1 -h vsp2',
      ['hpvmmigrate: ERROR (win1): Guest OS type WINDOWS does not support online migration.', UNABLE],
    ],
    [
      'online_migration disabled',
      'vsp1',
      '-o -P nomig -h vsp2',
      ['hpvmmigrate: ERROR (nomig): Online migration is disabled for this guest.', UNABLE],
    ],
    [
      'stopped guest online',
      'vsp1',
      '-o -P off1 -h vsp2',
      ['hpvmmigrate: ERROR (off1): Guest is not running; use offline migration.', UNABLE],
    ],
    [
      'processor model differs',
      'vsp1',
      '-o -P hpux1 -h vsp3',
      ['hpvmmigrate: ERROR (hpux1): Processor family/model of target VM Host is not compatible.', UNABLE],
    ],
    [
      'online backwards 4.3 → 4.1',
      'vsp1',
      '-o -P hpux1 -h vsp4',
      ['hpvmmigrate: ERROR (hpux1): Online migration from HPVM 4.3 to 4.1 is not supported.', UNABLE],
    ],
    [
      'online to 4.0 (no OVMM)',
      'vsp1',
      '-o -P hpux1 -h vsp5',
      ['hpvmmigrate: ERROR (hpux1): Online migration from HPVM 4.3 to 4.0 is not supported.', UNABLE],
    ],
    [
      'offline 4.3 → 4.0',
      'vsp1',
      '-P off1 -h vsp5',
      ['hpvmmigrate: ERROR (off1): Migration from HPVM 4.3 to 4.0 is not supported.', UNABLE],
    ],
    [
      'OVMM disabled on target',
      'vsp1',
      '-o -P hpux1 -h vsp6',
      ['hpvmmigrate: ERROR (hpux1): Online migration is not enabled on VM Host vsp6.', UNABLE],
    ],
    [
      'OVMM unlicensed on target',
      'vsp1',
      '-o -P hpux1 -h vsp7',
      ['hpvmmigrate: ERROR (hpux1): Online migration is not licensed on VM Host vsp7.', UNABLE],
    ],
    [
      'target memory online',
      'vsp1',
      '-o -P hpux1 -h vsp8',
      ['hpvmmigrate: ERROR (hpux1): Insufficient memory on target VM Host.', UNABLE],
    ],
    [
      'target memory for -b',
      'vsp1',
      '-P off1 -h vsp8 -b',
      ['hpvmmigrate: ERROR (off1): Insufficient memory on target VM Host.', UNABLE],
    ],
    [
      'running guest offline without -d',
      'vsp1',
      '-P hpux1 -h vsp2',
      ['hpvmmigrate: ERROR (hpux1): Guest is running; stop it first or use -d.', UNABLE],
    ],
    [
      'shared device',
      'vsp1',
      '-P shared1 -h vsp2',
      [
        'hpvmmigrate: Device /dev/rdsk/c1t4d0 is shared.  Guest with shared storage devices cannot be migrated.',
        UNABLE,
      ],
    ],
    [
      'vswitch missing on target',
      'vsp1',
      '-o -P lan3guest -h vsp2',
      ['hpvmmigrate: Target VM Host error - vswitch validation failed.', LOG, UNABLE],
    ],
    [
      'vPar online',
      'v6a',
      '-o -P vpar01 -h v6b',
      ['hpvmmigrate: ERROR (vpar01): Online migration is not supported for vPars.', UNABLE],
    ],
    ['vPar offline 6.1 → 6.0 is allowed', 'v6a', '-P vpar01 -h v6c -d -s', []],
    [
      'vPar offline 6.3 → 6.0 is not (6.0 pairs with 6.1 only)',
      'v6b',
      '-P vpar02 -h v6c',
      ['hpvmmigrate: ERROR (vpar02): Migration of vPars from HPVM 6.3 to 6.0 is not supported.', UNABLE],
    ],
    [
      'several reasons at once',
      'vsp1',
      '-o -P linux1 -h vsp3',
      [
        'hpvmmigrate: ERROR (linux1): Guest OS type LINUX does not support online migration.',
        'hpvmmigrate: ERROR (linux1): Processor family/model of target VM Host is not compatible.',
        UNABLE,
      ],
    ],
  ])('%s', async (_title, source, args, stderr) => {
    const model = checksFleet();
    const before = model.snapshot();
    const outcome = await run(model, source, `hpvmmigrate ${args}`);
    expect({ code: outcome.code, stderr: outcome.stderr }).toEqual(
      stderr.length === 0 ? { code: 0, stderr: '' } : { code: 1, stderr: stderr.map((line) => `${line}\n`).join('') },
    );
    expect(model.snapshot()).toEqual(before);
  });

  it('refuses a copy that is not runnable and a name the target already runs', async () => {
    const model = checksFleet();
    expect((await run(model, 'vsp1', 'hpvmmigrate -o -P hpux1 -h vsp2')).code).toBe(0);
    expect((await run(model, 'vsp1', 'hpvmmigrate -o -P hpux1 -h vsp9')).stderr).toBe(
      `hpvmmigrate: ERROR (hpux1): Guest is not runnable on this VM Host.\n${UNABLE}\n`,
    );
    model.setGuestState('vsp1', 'hpux1', 'On');
    expect((await run(model, 'vsp1', 'hpvmmigrate -o -P hpux1 -h vsp2')).stderr).toContain(
      'hpvmmigrate: ERROR (hpux1): A guest named hpux1 already exists on the target VM Host.\n',
    );
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'target cannot see a device',
      {},
      { missingDevices: ['/dev/rdisk/hpux1-disk1'] },
      ['hpvmmigrate: Target VM Host error - Device does not exist.', LOG, UNABLE],
    ],
    [
      'WWID differs on the target',
      {},
      { wwidMismatch: ['/dev/rdisk/hpux1-disk1'] },
      ['hpvmmigrate: Device WWID does not match.', LOG, UNABLE],
    ],
    ['no SSH trust from the source', { sshTrust: false }, {}, [SSH, UNABLE]],
    ['no SSH trust to the target', {}, { sshTrust: false }, [SSH, UNABLE]],
    ['target refuses SSH', {}, { sshRefused: true }, [SSH, UNABLE]],
  ])('fault: %s', async (_title, sourceFaults, targetFaults, stderr) => {
    const model = checksFleet();
    model.setFaults('vsp1', sourceFaults);
    model.setFaults('vsp2', targetFaults);
    const outcome = await run(model, 'vsp1', 'hpvmmigrate -o -P hpux1 -h vsp2');
    expect(outcome).toEqual({ code: 1, stdout: '', stderr: stderr.map((line) => `${line}\n`).join('') });
    expect(model.whereIs('hpux1')).toBe('vsp1');
  });
});

describe('hpvmmigrate usage errors (exit 1)', () => {
  it.each([
    ['-P hpux1', 'hpvmmigrate: the -h option is required'],
    ['-h vsp2', 'hpvmmigrate: exactly one of -P and -p is required'],
    ['-P hpux1 -p 1 -h vsp2', 'hpvmmigrate: exactly one of -P and -p is required'],
    ['-o -d -P hpux1 -h vsp2', 'hpvmmigrate: -b and -d apply to offline migration only'],
    ['-N new -P hpux1 -h vsp2', 'hpvmmigrate: illegal option -- N'],
    ['-P hpux1 -h vsp2 extra', 'hpvmmigrate: unexpected argument -- extra'],
    ['-P hpux1 -h', 'hpvmmigrate: option requires an argument -- h'],
  ])('hpvmmigrate %s', async (args, problem) => {
    expect(await run(checksFleet(), 'vsp1', `hpvmmigrate ${args}`)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${problem}\n${USAGE}\n`,
    });
  });
});

describe('hpvmmigrate -s and -F', () => {
  it('-s runs every check, prints that the guest can move, and changes nothing', async () => {
    const model = checksFleet();
    const before = model.snapshot();
    expect(await run(model, 'vsp1', 'hpvmmigrate -s -o -P hpux1 -h vsp9-migr')).toEqual({
      code: 0,
      stdout: 'hpvmmigrate: Guest hpux1 can be migrated to vsp9-migr.\n',
      stderr: '',
    });
    expect(model.snapshot()).toEqual(before);
  });

  it('accepts clustered flags and the guest number', async () => {
    const model = checksFleet();
    expect((await run(model, 'vsp1', 'hpvmmigrate -so -p 1 -hvsp2')).stdout).toBe(
      'hpvmmigrate: Guest hpux1 can be migrated to vsp2.\n',
    );
  });

  it('-F turns resource-check failures into warnings and migrates', async () => {
    const model = checksFleet();
    model.setFaults('vsp2', { missingDevices: ['/dev/rdisk/lan3guest-disk1'] });
    const outcome = await run(model, 'vsp1', 'hpvmmigrate -F -o -P lan3guest -h vsp2');
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe(
      [
        'hpvmmigrate: WARNING (lan3guest): Target VM Host error - Device does not exist.',
        LOG,
        'hpvmmigrate: WARNING (lan3guest): Target VM Host error - vswitch validation failed.',
        LOG,
        '',
      ].join('\n'),
    );
    expect(outcome.stdout.split('\n').at(-2)).toBe('hpvmmigrate: Guest migrated successfully.');
    expect(model.whereIs('lan3guest')).toBe('vsp2');
  });

  it('-F does not force past a rule that makes the move impossible', async () => {
    const model = checksFleet();
    const outcome = await run(model, 'vsp1', 'hpvmmigrate -F -o -P lvguest -h vsp2');
    expect(outcome.code).toBe(1);
    expect(model.whereIs('lvguest')).toBe('vsp1');
  });
});
