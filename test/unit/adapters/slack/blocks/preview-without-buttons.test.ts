import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../../../src/adapters/slack/blocks/preview-message.ts';
import { planMigration } from '../../../../../src/domain/plan/plan-migration.ts';
import type { Plan } from '../../../../../src/domain/plan/plan-types.ts';
import type { RequestRecord } from '../../../../../src/domain/workflow/records.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput } from '../../../../support/builders.ts';
import { APPROVERS, makeRequestRecord, NOW, show, valid } from './message-fixtures.ts';

function preview(plan: Plan, request: Partial<RequestRecord> = {}) {
  return buildPreview({ request: makeRequestRecord(request), plan, approvers: APPROVERS, now: NOW });
}

/** The same body as an approvable preview; in place of the buttons, why there are none. */
describe('buildPreview without buttons', () => {
  it('shows a blocked guest with its failed checks and fixes, and no buttons', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ os: 'LINUX' })] }), makeHost('vsp2')],
    });
    const plan = planMigration(makeMigrateRequest(), input);
    expect(show(preview(plan))).toMatchInlineSnapshot(`
      "text: REQ-7: Migrate vm01 to vsp2 — blocked

      [header] REQ-7 · Migrate vm01 to vsp2

      [section]
      *Requested by* <@U0REQ>: \`vm01 to vsp2\`
      *Blocked:* 1 guest cannot be moved (0 moves possible)
      _Inventory read <!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>._

      [section]
      *Cannot be moved* (1)
      *✗ vm01*  vsp1 → vsp2 · online
      On (OS) · LINUX · VM · 2 vCPUs · 4 GB · storage: disk · vswitches: vlan02
      ✓ guest-located: vm01 is On (OS) on vsp1
      ✓ guest-lock: vm01 is in no other pending or running request
      ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
      ✓ guest-state: vm01 is On (OS): it keeps running during the move
      ✓ guest-kind: vm01 is a VM
      ✗ guest-os: vm01 runs LINUX: online migration needs HPUX or OVMS
            ↳ _fix:_ use offline migration (downtime): /migrate vm01 to vsp2 offline --stop
      ? online-migration-enabled: _(not checked)_ online_migration of vm01 is not known (its attributes were not read)
      ✓ storage-backing: disk on disk: all online-capable
      ✓ processor: vsp1 family 32 model 1 → vsp2 family 32 model 1: compatible for online migration
      ✓ version-path: online HPVM 4.3 (vsp1) → 4.3 (vsp2) is a supported path
      ✓ memory-fit: vm01 needs 4193 MB (4096 + 97 overhead); vsp2 has 61440 MB free for guests (65536 total − 4096 reserved − 0 running guests − 0 planned)
      ✓ vswitches: vsp2 has vlan02
      ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
      ✓ hosts-free: no online migration in flight on vsp1 or vsp2

      [section status:REQ-7:v0]
      *Blocked:* no buttons — nothing can run until 1 failed check is fixed.
      Fix first, then ask again:
      • use offline migration (downtime): /migrate vm01 to vsp2 offline --stop"
    `);
  });

  it('answers --check with the same body and no buttons', () => {
    const plan = planMigration(makeMigrateRequest({ checkOnly: true }), makePlanInput());
    const message = valid(preview(plan, { text: 'vm01 to vsp2 --check', state: 'checked' }));
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(show(message)).toMatchInlineSnapshot(`
      "text: REQ-7: Migrate vm01 to vsp2 — check only

      [header] REQ-7 · Migrate vm01 to vsp2

      [section]
      *Requested by* <@U0REQ>: \`vm01 to vsp2 --check\`
      *Check only* (\`--check\`), nothing runs. *Ready:* 1 move in 1 round · estimated 1 min 11 s
      _Inventory read <!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>._

      [section]
      *Moves* (1)
      *1. vm01*  vsp1 → vsp2 · *online*
      On (OS) · HPUX · VM · 2 vCPUs · 4 GB · storage: disk · vswitches: vlan02
      ✓ guest-located: vm01 is On (OS) on vsp1
      ✓ guest-lock: vm01 is in no other pending or running request
      ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
      ✓ guest-state: vm01 is On (OS): it keeps running during the move
      ✓ guest-kind: vm01 is a VM
      ✓ guest-os: vm01 runs HPUX
      ? online-migration-enabled: _(not checked)_ online_migration of vm01 is not known (its attributes were not read)
      ✓ storage-backing: disk on disk: all online-capable
      ✓ processor: vsp1 family 32 model 1 → vsp2 family 32 model 1: compatible for online migration
      ✓ version-path: online HPVM 4.3 (vsp1) → 4.3 (vsp2) is a supported path
      ✓ memory-fit: vm01 needs 4193 MB (4096 + 97 overhead); vsp2 has 61440 MB free for guests (65536 total − 4096 reserved − 0 running guests − 0 planned)
      ✓ vswitches: vsp2 has vlan02
      ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
      ✓ hosts-free: no online migration in flight on vsp1 or vsp2

      [section]
      *Commands* — exactly what runs, per host, in run order
      *on vsp1:*
      \`\`\`
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      \`\`\`

      [section]
      *Rounds* — at most one online migration per VSP at a time
      1. vm01 (vsp1 → vsp2, online, 1 min 11 s)
      *Estimated duration:* 1 min 11 s

      [section status:REQ-7:v0]
      *Check only:* no buttons, nothing runs. Ask again without \`--check\` to get an approvable preview."
    `);
  });
});
