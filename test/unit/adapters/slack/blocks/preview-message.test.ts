import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../../../src/adapters/slack/blocks/preview-message.ts';
import { planMigration } from '../../../../../src/domain/plan/plan-migration.ts';
import type { Plan } from '../../../../../src/domain/plan/plan-types.ts';
import type { RequestRecord } from '../../../../../src/domain/workflow/records.ts';
import { makeGuest, makeHost, makeMigrateRequest, makePlanInput } from '../../../../support/builders.ts';
import { APPROVERS, makeApproval, makeRequestRecord, NOW, show, valid } from './message-fixtures.ts';

function preview(plan: Plan, request: Partial<RequestRecord> = {}) {
  return buildPreview({ request: makeRequestRecord(request), plan, approvers: APPROVERS, now: NOW });
}

describe('buildPreview', () => {
  it('shows a single online move with every check, the command per host and Approve / Reject', () => {
    const plan = planMigration(makeMigrateRequest({ reason: 'kernel patching' }), makePlanInput());
    expect(show(preview(plan, { text: 'vm01 to vsp2 --reason "kernel patching"' }))).toMatchInlineSnapshot(`
      "text: REQ-7: Migrate vm01 to vsp2 — waiting for approval

      [header] REQ-7 · Migrate vm01 to vsp2

      [section]
      *Requested by* <@U0REQ>: \`vm01 to vsp2 --reason "kernel patching"\`
      *Reason:* kernel patching
      *Ready:* 1 move in 1 round · estimated 1 min 11 s
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

      [context] *Who may approve:* <@U0APPR1>, <@U0APPR2> or members of <!subteam^S0OPS> (not the requester) | Needs 1 approval | Expires <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC> (in 25 min)

      [actions req:REQ-7:v0]
      (Approve primary) action_id=approve value=REQ-7@0123456789abcdef
        confirm: Run REQ-7? — Runs 1 hpvmmigrate migration on vsp1: vm01 → vsp2 online. The inventory is re-read first; if anything changed, nothing runs. [Approve and run / Back]
      (Reject danger) action_id=reject value=REQ-7@0123456789abcdef
        confirm: Reject REQ-7? — Nothing runs: REQ-7 is closed and its guests are unlocked. [Reject / Back]"
    `);
  });

  it('flags DOWNTIME for an offline move of a running guest with --stop --start', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ os: 'WINDOWS' })] }), makeHost('vsp2')],
    });
    const plan = planMigration(makeMigrateRequest({ mode: 'offline', stop: true, start: true }), input);
    expect(show(preview(plan, { text: 'vm01 to vsp2 offline --stop --start' }))).toMatchInlineSnapshot(`
      "text: REQ-7: Migrate vm01 to vsp2 — waiting for approval

      [header] REQ-7 · Migrate vm01 to vsp2

      [section]
      *Requested by* <@U0REQ>: \`vm01 to vsp2 offline --stop --start\`
      *Ready:* 1 move in 1 round · *1 guest with DOWNTIME* · estimated 1 min
      _Inventory read <!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>._

      [section]
      *Moves* (1)
      *1. vm01*  vsp1 → vsp2 · *offline*, *DOWNTIME*: vm01 stops on vsp1 (--stop --start)
      On (OS) · WINDOWS · VM · 2 vCPUs · 4 GB · storage: disk · vswitches: vlan02
      ✓ guest-located: vm01 is On (OS) on vsp1
      ✓ guest-lock: vm01 is in no other pending or running request
      ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
      ✓ guest-state: vm01 is On (OS): --stop stops it on the source first (DOWNTIME)
      ✓ storage-backing: disk on disk: no device bound to vsp1
      ✓ version-path: offline HPVM 4.3 (vsp1) → 4.3 (vsp2): both in HPVM 4.1 and later
      ✓ memory-fit: vm01 needs 4193 MB (4096 + 97 overhead); vsp2 has 61440 MB free for guests (65536 total − 4096 reserved − 0 running guests − 0 planned)
      ✓ vswitches: vsp2 has vlan02
      ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
      ? hp-precheck: _(not checked)_ no HP precheck: the move stops the guest (-d), which a check before approval must not do; hpvmmigrate -d runs HP’s checks of the target before it stops the guest

      [section]
      *Commands* — exactly what runs, per host, in run order
      *on vsp1:*
      \`\`\`
      /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -d -b
      \`\`\`

      [section]
      *Rounds* — at most one online migration per VSP at a time
      1. vm01 (vsp1 → vsp2, offline, 1 min)
      *Estimated duration:* 1 min

      [context] *Who may approve:* <@U0APPR1>, <@U0APPR2> or members of <!subteam^S0OPS> (not the requester) | Needs 1 approval | Expires <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC> (in 25 min)

      [actions req:REQ-7:v0]
      (Approve primary) action_id=approve value=REQ-7@0123456789abcdef
        confirm: Run REQ-7? — Runs 1 hpvmmigrate migration on vsp1: vm01 → vsp2 offline. *DOWNTIME* for vm01. The inventory is re-read first; if anything changed, nothing runs. [Approve and run / Back]
      (Reject danger) action_id=reject value=REQ-7@0123456789abcdef
        confirm: Reject REQ-7? — Nothing runs: REQ-7 is closed and its guests are unlocked. [Reject / Back]"
    `);
  });

  it('lists a batch of three in rounds, grouped per host, with two approvals required', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', { guests: [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02', state: 'Off' })] }),
        makeHost('vsp3', { guests: [makeGuest({ name: 'vm03', vcpus: 8, memoryMb: 16384 })] }),
        makeHost('vsp2'),
      ],
    });
    const plan = planMigration(makeMigrateRequest({ guests: ['vm01', 'vm02', 'vm03'] }), input);
    const message = preview(plan, {
      text: 'vm01 vm02 vm03 to vsp2',
      approvalsRequired: 2,
      approvals: [makeApproval({ moves: [0, 1, 2] })],
      version: 3,
      previewRevision: 1,
    });
    expect(show(message)).toMatchInlineSnapshot(`
      "text: REQ-7: Migrate vm01, vm02, vm03 to vsp2 — waiting for approval

      [header] REQ-7 · Migrate vm01, vm02, vm03 to vsp2

      [section]
      *Requested by* <@U0REQ>: \`vm01 vm02 vm03 to vsp2\`
      *Ready:* 3 moves in 3 rounds · estimated 5 min 25 s
      _Inventory read <!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC>._

      [section]
      *Moves* (3)
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
      *2. vm02*  vsp1 → vsp2 · *offline*
      Off · HPUX · VM · 2 vCPUs · 4 GB · storage: disk · vswitches: vlan02
      ✓ guest-located: vm02 is Off on vsp1
      ✓ guest-lock: vm02 is in no other pending or running request
      ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
      ✓ guest-state: vm02 is Off
      ✓ storage-backing: disk on disk: no device bound to vsp1
      ✓ version-path: offline HPVM 4.3 (vsp1) → 4.3 (vsp2): both in HPVM 4.1 and later
      ✓ vswitches: vsp2 has vlan02
      ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
      *3. vm03*  vsp3 → vsp2 · *online*
      On (OS) · HPUX · VM · 8 vCPUs · 16 GB · storage: disk · vswitches: vlan02
      ✓ guest-located: vm03 is On (OS) on vsp3
      ✓ guest-lock: vm03 is in no other pending or running request
      ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
      ✓ guest-state: vm03 is On (OS): it keeps running during the move
      ✓ guest-kind: vm03 is a VM
      ✓ guest-os: vm03 runs HPUX
      ? online-migration-enabled: _(not checked)_ online_migration of vm03 is not known (its attributes were not read)
      ✓ storage-backing: disk on disk: all online-capable
      ✓ processor: vsp3 family 32 model 1 → vsp2 family 32 model 1: compatible for online migration
      ✓ version-path: online HPVM 4.3 (vsp3) → 4.3 (vsp2) is a supported path
      ✓ memory-fit: vm03 needs 16973 MB (16384 + 589 overhead); vsp2 has 57247 MB free for guests (65536 total − 4096 reserved − 0 running guests − 4193 planned)
      ✓ vswitches: vsp2 has vlan02
      ✓ hosts-settled: no move of unknown outcome on vsp3 or vsp2
      ✓ hosts-free: no online migration in flight on vsp3 or vsp2

      [section]
      *Commands* — exactly what runs, per host, in run order
      *on vsp1:*
      \`\`\`
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -s -P vm02 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -P vm02 -h vsp2
      \`\`\`
      *on vsp3:*
      \`\`\`
      /opt/hpvm/bin/hpvmmigrate -s -o -P vm03 -h vsp2
      /opt/hpvm/bin/hpvmmigrate -o -P vm03 -h vsp2
      \`\`\`

      [section]
      *Rounds* — at most one online migration per VSP at a time
      1. vm01 (vsp1 → vsp2, online, 1 min 11 s)
      2. vm02 (vsp1 → vsp2, offline, 1 min)
      3. vm03 (vsp3 → vsp2, online, 3 min 14 s)
      *Estimated duration:* 5 min 25 s

      [context] *Who may approve:* <@U0APPR1>, <@U0APPR2> or members of <!subteam^S0OPS> (not the requester) | Needs 2 approvals; 1 given by <@U0APPR1> | Expires <!date^1740825000^{date_short_pretty} {time}|2025-03-01 10:30 UTC> (in 25 min)

      [actions req:REQ-7:v1]
      (Approve primary) action_id=approve value=REQ-7@0123456789abcdef
        confirm: Approve REQ-7? — It runs once 2 approvals are in. Runs 3 hpvmmigrate migrations on vsp1, vsp3: vm01 → vsp2 online, vm02 → vsp2 offline, vm03 → vsp2 online. The inventory is re-read first; if anything changed, nothing runs. [Approve / Back]
      (Reject danger) action_id=reject value=REQ-7@0123456789abcdef
        confirm: Reject REQ-7? — Nothing runs: REQ-7 is closed and its guests are unlocked. [Reject / Back]"
    `);
  });

  it('binds the buttons to the stored preview: the revision in the block_id, the plan hash in the values', () => {
    const plan = planMigration(makeMigrateRequest(), makePlanInput());
    const message = valid(
      preview(plan, { id: 'REQ-99', version: 9, previewRevision: 4, planHash: 'fedcba9876543210'.repeat(4) }),
    );
    const buttons = message.blocks.at(-1);
    expect(buttons).toMatchObject({
      type: 'actions',
      block_id: 'req:REQ-99:v4',
      elements: [
        { action_id: 'approve', value: 'REQ-99@fedcba9876543210', style: 'primary', confirm: { style: 'primary' } },
        { action_id: 'reject', value: 'REQ-99@fedcba9876543210', style: 'danger', confirm: { style: 'danger' } },
      ],
    });
    expect(message.showsEveryCommand).toBe(true);
  });

  it('says when the preview has already expired', () => {
    const plan = planMigration(makeMigrateRequest(), makePlanInput());
    const message = valid(preview(plan, { expiresAt: '2025-03-01T10:00:00.000Z' }));
    const context = message.blocks.find((block) => block.type === 'context');
    expect(JSON.stringify(context)).toContain(
      'Expired <!date^1740823200^{date_short_pretty} {time}|2025-03-01 10:00 UTC> (5 min ago)',
    );
  });
});
