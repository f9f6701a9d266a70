import { describe, expect, it } from 'vitest';
import type { LoadSample } from '../../../../src/ports.ts';
import { useTempStores } from './store-fixtures.ts';

function run(at: string, loads: Record<string, number>): LoadSample[] {
  return Object.entries(loads).map(([vsp, cpuLoad]) => ({ at, vsp, cpuLoad, memoryUsedMb: 1000, memoryMb: 4000 }));
}

describe('SqliteStore load samples', () => {
  const stores = useTempStores();

  it('returns the newest sampling runs first, each with its VSPs, and survives a reopen', async () => {
    const store = stores.open();
    await store.appendLoadSamples(run('2026-11-25T10:00:00.000Z', { vsp1: 0.5, vsp2: 0.1 }));
    await store.appendLoadSamples(run('2026-11-25T10:05:00.000Z', { vsp1: 0.6, vsp2: 0.2 }));
    await store.appendLoadSamples(run('2026-11-25T10:10:00.000Z', { vsp1: 0.7, vsp2: 0.3 }));
    await store.close();
    const reopened = stores.open();
    const recent = await reopened.recentLoadSamples(2);
    expect(
      recent.map((samples) => samples.map((sample) => [sample.at.slice(11, 16), sample.vsp, sample.cpuLoad])),
    ).toEqual([
      [
        ['10:10', 'vsp1', 0.7],
        ['10:10', 'vsp2', 0.3],
      ],
      [
        ['10:05', 'vsp1', 0.6],
        ['10:05', 'vsp2', 0.2],
      ],
    ]);
    expect(await reopened.recentLoadSamples(0)).toEqual([]);
  });

  it('refuses a negative load (CHECK constraint)', async () => {
    const store = stores.open();
    await expect(store.appendLoadSamples(run('2026-11-25T10:00:00.000Z', { vsp1: -1 }))).rejects.toThrow(/CHECK/);
  });
});
