/**
 * The architecture document is part of the product: its state tables must be what the state machine does
 * (rendered from domain/workflow/state-table.ts, which the property tests hold the machine to), and source
 * comments cite only documents that are in the repository.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainMigrateError, renderMigrateErrorTable } from '../../../src/domain/execution/migrate-errors.ts';
import { readMigrateLog } from '../../../src/domain/execution/parse-migrate-output.ts';
import { renderStateTables } from '../../../src/domain/workflow/state-table.ts';
import { fixtureNames, readFixture, renderFixtureTable } from '../../support/hpvm-fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Table rows as cell lists, separator rows and padding ignored (prettier aligns the columns). */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      line.startsWith('|')
        ? line
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim())
        : [line],
    )
    .filter((cells) => !cells.every((cell) => /^-+$/.test(cell)));
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|js|c)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('docs/architecture.md', () => {
  it('shows the state tables exactly as the state machine defines them', async () => {
    const doc = await readFile(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const section = /<!-- state-tables:start -->([\s\S]*)<!-- state-tables:end -->/.exec(doc)?.[1] ?? '';
    expect(rows(section)).toEqual(rows(renderStateTables()));
  });
});

describe('docs/hpvm-reference.md', () => {
  it('lists every HP output fixture with its kind and source, as the fixture headers say', async () => {
    const doc = await readFile(join(ROOT, 'docs', 'hpvm-reference.md'), 'utf8');
    const section = /<!-- fixtures:start -->([\s\S]*)<!-- fixtures:end -->/.exec(doc)?.[1] ?? '';
    expect(rows(section)).toEqual(rows(renderFixtureTable()));
  });
});

describe('docs/hpvm-output-formats.md §6', () => {
  it('shows the table of hpvmmigrate failures exactly as migrate-errors.ts defines it', async () => {
    const doc = await readFile(join(ROOT, 'docs', 'hpvm-output-formats.md'), 'utf8');
    const section = /<!-- migrate-errors:start -->([\s\S]*)<!-- migrate-errors:end -->/.exec(doc)?.[1] ?? '';
    expect(rows(section)).toEqual(rows(renderMigrateErrorTable()));
  });

  it('has a row for every failure in the hpvmmigrate fixtures', () => {
    const unexplained = fixtureNames()
      .filter((name) => name.startsWith('hpvmmigrate-'))
      .flatMap((name) =>
        readMigrateLog(readFixture(name).split('\n')).failures.flatMap((failure) =>
          explainMigrateError(failure.reason) === undefined ? [`${name}: ${failure.reason}`] : [],
        ),
      );
    expect(unexplained).toEqual([]);
  });
});

describe('source comments', () => {
  it('cite only documents inside the repository', async () => {
    const outside: string[] = [];
    const missing: string[] = [];
    for (const file of await sourceFiles(join(ROOT, 'src'))) {
      const text = await readFile(file, 'utf8');
      if (
        /DESIGN §|STYLE [0-9]|STYLE\.md|\.\.\/shared\/|shared\/(DESIGN|STYLE|reference|hooks)|reference\/(hpvm|slack)|reference §/.test(
          text,
        )
      ) {
        outside.push(file);
      }
      for (const [, cited] of text.matchAll(/docs\/([a-z0-9-]+\.md)/g)) {
        if (cited && !existsSync(join(ROOT, 'docs', cited))) missing.push(`${file}: docs/${cited}`);
      }
    }
    expect(outside).toEqual([]);
    expect(missing).toEqual([]);
  });
});
