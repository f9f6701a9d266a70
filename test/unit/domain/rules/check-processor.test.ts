import { describe, expect, it } from 'vitest';
import {
  checkProcessor,
  processorIdentity,
  processorsCompatible,
  type ProcessorIdentity,
} from '../../../../src/domain/rules/check-processor.ts';
import { offlineRoute } from '../../../../src/domain/rules/offline-fix.ts';
import { makeGuest, makeVsp, makeVspSettings } from '../../../support/builders.ts';

const offline = offlineRoute(makeGuest(), 'vsp2');

function cpu(vsp: string, family?: number, model?: number): ProcessorIdentity {
  return { vsp, ...(family === undefined ? {} : { family }), ...(model === undefined ? {} : { model }) };
}

describe('processorsCompatible (online)', () => {
  it.each([
    [31, 0, 31, 0, true],
    [31, 1, 31, 2, true],
    [31, 2, 31, 0, true],
    [32, 0, 32, 1, true],
    [32, 1, 32, 0, true],
    [32, 1, 32, 1, true],
    [32, 1, 32, 2, false],
    [32, 2, 32, 1, false],
    [32, 2, 32, 2, true],
    [32, 0, 32, 3, false],
    [31, 1, 32, 1, false],
    [32, 0, 31, 0, false],
    [33, 0, 33, 0, true],
    [33, 0, 33, 1, false],
  ])('%i/%i ↔ %i/%i → %s', (sourceFamily, sourceModel, targetFamily, targetModel, expected) => {
    expect(processorsCompatible(cpu('vsp1', sourceFamily, sourceModel), cpu('vsp2', targetFamily, targetModel))).toBe(
      expected,
    );
  });
});

describe('checkProcessor', () => {
  it('passes a compatible pair with the values', () => {
    expect(checkProcessor(cpu('vsp1', 32, 0), cpu('vsp2', 32, 1), offline)).toEqual({
      rule: 'processor',
      ok: true,
      detail: 'vsp1 family 32 model 0 → vsp2 family 32 model 1: compatible for online migration',
    });
  });

  it('refuses an incompatible pair and points to offline migration (which may cross families)', () => {
    expect(checkProcessor(cpu('vsp1', 31, 1), cpu('vsp2', 32, 1), offline)).toEqual({
      rule: 'processor',
      ok: false,
      detail: 'vsp1 family 31 model 1 → vsp2 family 32 model 1: not compatible for online migration',
      fix: 'use offline migration (downtime): /migrate vm01 to vsp2 offline --stop',
    });
  });

  it.each([
    [cpu('vsp1'), cpu('vsp2', 32, 1), 'vsp1'],
    [cpu('vsp1', 32, 1), cpu('vsp2', 32), 'vsp2'],
    [cpu('vsp1', 31), cpu('vsp2'), 'vsp1 and vsp2'],
  ])('refuses unknown processors (%j → %j)', (source, target, which) => {
    expect(checkProcessor(source, target, offline)).toEqual({
      rule: 'processor',
      ok: false,
      detail: `processor family/model of ${which} is not known (machinfo did not print it)`,
      fix: `set cpuFamily/cpuModel in the fleet config for ${which}`,
    });
  });
});

describe('processorIdentity', () => {
  it('prefers what machinfo printed', () => {
    const inventory = makeVsp({ cpu: { family: 32, model: 1, description: '', cores: 8 } });
    expect(processorIdentity(inventory, makeVspSettings({ cpuFamily: 31, cpuModel: 0 }))).toEqual(cpu('vsp1', 32, 1));
  });

  it('falls back to cpuFamily/cpuModel from the fleet config (11.31 machinfo)', () => {
    const inventory = makeVsp({ cpu: { description: 'Intel(R) Itanium(R) Processor 9340', cores: 8 } });
    expect(processorIdentity(inventory, makeVspSettings({ cpuFamily: 32, cpuModel: 5 }))).toEqual(cpu('vsp1', 32, 5));
    expect(processorIdentity(inventory, makeVspSettings())).toEqual(cpu('vsp1'));
  });
});
