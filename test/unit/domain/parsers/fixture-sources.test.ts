/** Every HP output sample says where it comes from (test/support/hpvm-fixtures.ts). */
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../../../support/hpvm-fixtures.ts';

describe('HP output fixtures', () => {
  it.each(fixtureNames())('%s names its source', (name) => {
    const fixture = loadFixture(name);
    expect(fixture.source.length).toBeGreaterThan(20);
    expect(fixture.body.trim()).not.toBe('');
    // A changed sample must say what was changed; an HP sample must say where to find it.
    if (fixture.kind === 'DERIVED') expect(fixture.note ?? '').not.toBe('');
    if (fixture.kind === 'DOC') expect(fixture.source).toMatch(/\b(p\.|page|§)\s?[0-9]/);
  });
});
