/**
 * Processor description (11.31 `machinfo` first CPU line) → Itanium family/model, because 11.31 does not
 * print the numbers that HP's online-migration compatibility rule is written in (docs/hpvm-reference.md, "Processor
 * compatibility"). Data only, from docs/hpvm-output-formats.md §5; every row is our inference, tagged [INF]. The first
 * matching row wins, so the specific rows come before the catch-all Itanium 2 row. Descriptions are matched
 * with runs of whitespace collapsed (`Intel(R)  Itanium(R)  Processor 9340` has double spaces).
 */

export interface ProcessorModelRow {
  readonly name: string;
  readonly pattern: RegExp;
  readonly family: number;
  readonly model: number;
}

export const PROCESSOR_MODELS: readonly ProcessorModelRow[] = [
  // [INF] Montecito: `Intel(R) Itanium 2 9000 series processor (1.59 GHz, 18 MB)`
  { name: 'Itanium 2 9000 (Montecito)', pattern: /\bItanium 2\b.*\b9000 series\b/i, family: 32, model: 0 },
  // [INF] Montvale: `4 Intel(R) Itanium 2 9100 series processors (1.59 GHz, 18 MB)`
  { name: 'Itanium 2 9100 (Montvale)', pattern: /\bItanium 2\b.*\b9100 series\b/i, family: 32, model: 1 },
  // [INF] Madison/McKinley: `Itanium 2` with a 1.x GHz clock and no 9xxx number
  { name: 'Itanium 2 (Madison/McKinley)', pattern: /^(?!.*\b9[0-9]{3}).*\bItanium 2\b/i, family: 31, model: 1 },
  // [INF] Tukwila: `Intel(R) Itanium(R) Processor 9340 (1.6 GHz, 15 MB)`
  { name: 'Itanium 9300 (Tukwila)', pattern: /\bProcessor 93[0-9]{2}\b/i, family: 32, model: 2 },
  // [INF] Poulson: `Intel(R) Itanium(R) Processor 95xx`
  { name: 'Itanium 9500 (Poulson)', pattern: /\bProcessor 95[0-9]{2}\b/i, family: 33, model: 0 },
  // [INF] Kittson: `Intel(R) Itanium(R) Processor 97xx`
  { name: 'Itanium 9700 (Kittson)', pattern: /\bProcessor 97[0-9]{2}\b/i, family: 33, model: 1 },
];

/** Real descriptions are ~60 characters; the cap keeps the patterns linear on a runaway line. */
const MAX_DESCRIPTION = 200;

export function lookupProcessorModel(description: string): ProcessorModelRow | undefined {
  const normalised = description.replace(/\s+/g, ' ').trim().slice(0, MAX_DESCRIPTION);
  return PROCESSOR_MODELS.find((row) => row.pattern.test(normalised));
}
