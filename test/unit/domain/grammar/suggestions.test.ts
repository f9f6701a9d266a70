import { describe, expect, it } from 'vitest';
import { parseMigrateText } from '../../../../src/domain/grammar/parse-migrate-text.ts';
import { suggestNames } from '../../../../src/domain/grammar/suggestions.ts';

const FLEET = ['vsp1', 'vsp2', 'vsp3', 'vsp10', 'bl870c-a', 'rx2800'];

describe('suggestNames', () => {
  it.each<[string, string[]]>([
    ['vsp4', ['vsp1', 'vsp2', 'vsp3']],
    ['VSP01', ['vsp1', 'vsp10', 'vsp2']],
    ['vsp', ['vsp1', 'vsp2', 'vsp3']],
    ['vsp1.example.com', ['vsp1']],
    ['bl870c', ['bl870c-a']],
    ['rx2600', ['rx2800']],
    ['superdome', []],
  ])('%j → %j', (input, expected) => {
    expect(suggestNames(input, FLEET)).toEqual(expected);
  });

  it('never suggests a fleet entry that is not an allowed name', () => {
    expect(suggestNames('vsp', ['vsp 1', 'vsp;2', 'vsp3'])).toEqual(['vsp3']);
  });
});

describe('unknown VSPs with a fleet', () => {
  it.each<[string, string[]]>([
    ['vm1 to vsp4', ['vsp1', 'vsp2', 'vsp3']],
    ['vm1 from vps1 to vsp2', ['vsp1']],
    ['evacuate vsp1 to vsp2,superdome', []],
    ['return vsp99', ['vsp1', 'vsp10', 'vsp2']],
  ])('%j → unknown_vsp, suggesting %j', (text, suggestions) => {
    const outcome = parseMigrateText(text, { knownVsps: FLEET });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown_vsp', suggestions } });
  });

  it('says so in one sentence, with the suggestions', () => {
    const outcome = parseMigrateText('vm1 to vsp4', { knownVsps: FLEET });
    expect(outcome.ok ? '' : outcome.error.message).toBe(
      '`vsp4` is not a VSP of the fleet; did you mean `vsp1`, `vsp2` or `vsp3`?',
    );
  });

  it('does not check guests or history names against the fleet', () => {
    expect(parseMigrateText('vsp4 to vsp1', { knownVsps: FLEET }).ok).toBe(true);
    expect(parseMigrateText('history vsp4', { knownVsps: FLEET }).ok).toBe(true);
  });

  it('only allow-list checks VSPs when there is no fleet', () => {
    expect(parseMigrateText('vm1 to anything-goes').ok).toBe(true);
  });

  it('rejects every VSP when the fleet is empty', () => {
    expect(parseMigrateText('vm1 to vsp1', { knownVsps: [] })).toMatchObject({
      ok: false,
      error: { code: 'unknown_vsp', suggestions: [] },
    });
  });
});
