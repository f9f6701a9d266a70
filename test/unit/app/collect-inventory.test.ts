import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectInventory } from '../../../src/app/collect-inventory.ts';
import { inventoryTarget } from '../../../src/app/inventory-targets.ts';
import { BUILT_IN_TEMPLATES } from '../../../src/domain/commands/command-templates.ts';
import type { VspSettings } from '../../../src/domain/vsp-settings.ts';
import { makeVspSettings } from '../../support/builders.ts';
import { readFixture } from '../../support/hpvm-fixtures.ts';
import { LocalShell } from '../../support/local-shell.ts';

/** The output part of an HP sample, without its source header (test/support/hpvm-fixtures.ts). */
const fixture = (name: string): Promise<string> => Promise.resolve(readFixture(name));
const clock = { now: () => new Date('2026-11-25T10:00:00Z') };

describe('collectInventory', () => {
  let root: string;
  let shell: LocalShell;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'collect-'));
    shell = new LocalShell(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function healthyVsp(name: string, table = 'hpvmstatus-4.x-derived-nr.txt'): Promise<VspSettings> {
    await shell.install(name, 'hpvmstatus', await fixture(table));
    await shell.install(name, 'hpvmnet', await fixture('hpvmnet-3.5-jrey-new.txt'));
    await shell.install(name, 'machinfo', await fixture('machinfo-11.23-rx8640.txt'));
    return makeVspSettings({
      name,
      hpvmVersion: '4.3',
      hpvmBinDir: shell.binDir(name),
      machinfoPath: join(shell.binDir(name), 'machinfo'),
    });
  }

  function collect(vsps: readonly VspSettings[]) {
    return collectInventory(
      shell,
      vsps.map((vsp) => inventoryTarget(vsp, BUILT_IN_TEMPLATES)),
      clock,
    );
  }

  it('reads a VSP with two execs: the host commands, then every guest’s devices and attributes', async () => {
    const snapshot = await collect([await healthyVsp('vsp1')]);
    expect(snapshot.collectedAt).toBe('2026-11-25T10:00:00.000Z');
    expect(snapshot.failures).toEqual([]);
    expect(snapshot.vsps[0]?.guests.map((guest) => guest.name)).toEqual([
      'oratest01',
      'sapvm01',
      'sles01',
      'ws2003',
      'hpvm1',
    ]);
    expect(snapshot.vsps[0]?.cpu).toMatchObject({ family: 32, model: 1 });
    expect(shell.executed).toHaveLength(2);
    expect(shell.executed[1]?.line).toContain(`${shell.binDir('vsp1')}/hpvmstatus -P oratest01 -d`);
    expect(shell.executed[1]?.line).toContain(`${shell.binDir('vsp1')}/hpvmstatus -P oratest01 -V`);
  });

  it('reports a malformed line with the VSP, the command and the line number, and keeps the rest', async () => {
    const snapshot = await collect([await healthyVsp('vsp1', 'hpvmstatus-malformed.txt')]);
    expect(snapshot.vsps[0]?.guests.map((guest) => guest.name)).toEqual(['good01', 'good02']);
    expect(snapshot.issues).toContainEqual(
      expect.objectContaining({
        vsp: 'vsp1',
        command: `${shell.binDir('vsp1')}/hpvmstatus`,
        lineNumber: 6,
        severity: 'error',
      }),
    );
    expect(snapshot.issues).toContainEqual(expect.objectContaining({ vsp: 'vsp1', lineNumber: 2 }));
  });

  it('keeps going when one VSP cannot be reached: it is a failure in the snapshot, not an exception', async () => {
    const vsps = [await healthyVsp('vsp1'), await healthyVsp('vsp2')];
    shell.setUnreachable('vsp2');
    const snapshot = await collect(vsps);
    expect(snapshot.vsps.map((vsp) => vsp.name)).toEqual(['vsp1']);
    expect(snapshot.failures).toEqual([
      { vsp: 'vsp2', code: 'connection_refused', message: 'connection refused by vsp2 (127.0.0.1:22)' },
    ]);
  });

  it('makes a VSP whose guest table fails a failure carrying the command, exit code and output', async () => {
    const vsp = await healthyVsp('vsp1');
    await shell.install('vsp1', 'hpvmstatus', '', 1, 'hpvmstatus: Unable to connect to the Integrity VM daemon.\n');
    const snapshot = await collect([vsp]);
    expect(snapshot.failures).toHaveLength(1);
    expect(snapshot.failures[0]).toMatchObject({
      vsp: 'vsp1',
      code: 'command_failed',
      command: `${shell.binDir('vsp1')}/hpvmstatus`,
      exitCode: 1,
    });
    expect(snapshot.failures[0]?.message).toContain('Unable to connect to the Integrity VM daemon.');
  });

  it('reports a failed hpvmnet as an error issue and lists no vswitches (no move can then rely on one)', async () => {
    const vsp = await healthyVsp('vsp1');
    await shell.install('vsp1', 'hpvmnet', '', 1, 'hpvmnet: error\n');
    const snapshot = await collect([vsp]);
    expect(snapshot.vsps[0]?.vswitches).toEqual([]);
    expect(snapshot.issues).toContainEqual(
      expect.objectContaining({ vsp: 'vsp1', severity: 'error', message: 'command failed (exit 1: hpvmnet: error)' }),
    );
  });
});
