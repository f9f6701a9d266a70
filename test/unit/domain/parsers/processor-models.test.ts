import { describe, expect, it } from 'vitest';
import { lookupProcessorModel } from '../../../../src/domain/parsers/processor-models.ts';

describe('lookupProcessorModel (docs §5 table)', () => {
  it.each([
    ['Intel(R) Itanium 2 9000 series processor (1.59 GHz, 18 MB)', 32, 0],
    ['2 Intel(R) Itanium 2 9000 series processors (1.59 GHz, 18 MB)', 32, 0],
    ['4 Intel(R) Itanium 2 9100 series processors (1.59 GHz, 18 MB)', 32, 1],
    ['Intel(R) Itanium 2 processor (1.6 GHz, 9 MB)', 31, 1],
    ['Intel(R)  Itanium(R)  Processor 9340 (1.6 GHz, 15 MB)', 32, 2],
    ['Intel(R) Itanium(R) Processor 9350 (1.73 GHz, 24 MB)', 32, 2],
    ['Intel(R) Itanium(R) Processor 9560 (2.53 GHz, 32 MB)', 33, 0],
    ['Intel(R) Itanium(R) Processor 9760 (2.66 GHz, 32 MB)', 33, 1],
  ])('%s → %i/%i', (description, family, model) => {
    expect(lookupProcessorModel(description)).toMatchObject({ family, model });
  });

  it.each([
    'Intel(R) Xeon(R) CPU E5-2690',
    'Intel(R) Itanium 2 9150N series processor',
    'Intel(R) Itanium(R) Processor 9100',
    '',
  ])('%s → unknown', (description) => {
    expect(lookupProcessorModel(description)).toBeUndefined();
  });
});
