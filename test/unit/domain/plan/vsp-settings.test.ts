import { describe, expectTypeOf, it } from 'vitest';
import type { MigrationConfig, VspConfig } from '../../../../src/config.ts';
import type { PlanSettings, VspSettings } from '../../../../src/domain/vsp-settings.ts';

// The domain must not import config.ts; these keep its structural interfaces in step with the schema
// (checked by `tsc --noEmit`; at run time they are no-ops).
describe('domain settings interfaces', () => {
  it('are satisfied by the config types', () => {
    expectTypeOf<VspConfig>().toExtend<VspSettings>();
    expectTypeOf<MigrationConfig>().toExtend<PlanSettings>();
  });
});
