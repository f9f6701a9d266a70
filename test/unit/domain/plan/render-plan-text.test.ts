import { describe, expect, it } from 'vitest';
import { planEvacuation } from '../../../../src/domain/plan/plan-evacuation.ts';
import { planMigration, planReturn } from '../../../../src/domain/plan/plan-migration.ts';
import { renderPlanText } from '../../../../src/domain/plan/render-plan-text.ts';
import {
  makeDisk,
  makeEvacuateRequest,
  makeGuest,
  makeHost,
  makeMigrateRequest,
  makeNic,
  makePlanInput,
  makeVspSettings,
} from '../../../support/builders.ts';

describe('renderPlanText', () => {
  it('renders a batch with an online move, an offline move and a blocked guest', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', {
          settings: { sudo: true },
          guests: [
            makeGuest({
              name: 'vm01',
              vcpus: 4,
              memoryMb: 16384,
              storage: [makeDisk(), makeDisk({ device: 'dvd', backing: 'null', path: '/iso/ejected.iso' })],
              networks: [makeNic('vlan02'), makeNic('localnet')],
            }),
            makeGuest({ name: 'vm02', state: 'Off', memoryMb: 6144 }),
            makeGuest({ name: 'vm03', os: 'LINUX', storage: [makeDisk({ backing: 'lv' })] }),
          ],
        }),
        makeHost('vsp2', { version: '6.1', settings: { migrationHost: 'vsp2-hpvm-migr' } }),
      ],
      settings: { maxParallelMigrations: 2 },
    });
    const plan = planMigration(
      makeMigrateRequest({ guests: ['vm01', 'vm02', 'vm03'], reason: 'host patching' }),
      input,
    );
    expect(renderPlanText(plan)).toMatchInlineSnapshot(`
      "Migrate vm01, vm02, vm03 to vsp2 (online when possible) — reason: host patching
      Inventory: 2025-03-01T10:00:00.000Z
      Result: BLOCKED, 1 guest cannot be moved (2 moves possible)

      Move 1: vm01  vsp1 → vsp2  online
        guest: On (OS), HPUX, VM, 4 vCPUs, 16 GB, storage disk/disk dvd/null, vswitches vlan02 localnet
        ✓ guest-located: vm01 is On (OS) on vsp1
        ✓ guest-lock: vm01 is in no other pending or running request
        ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 6.1)
        ✓ guest-state: vm01 is On (OS): it keeps running during the move
        ✓ guest-kind: vm01 is a VM
        ✓ guest-os: vm01 runs HPUX
        ? online-migration-enabled: (not checked) online_migration of vm01 is not known (its attributes were not read)
        ✓ storage-backing: disk on disk, dvd (ejected): all online-capable
        ✓ processor: vsp1 family 32 model 1 → vsp2 family 32 model 1: compatible for online migration
        ✓ version-path: online HPVM 4.3 (vsp1) → 6.1 (vsp2) is a supported path
        ✓ memory-fit: vm01 needs 16711 MB (16384 + 327 overhead); vsp2 has 61440 MB free for guests (65536 total − 4096 reserved − 0 running guests − 0 planned)
        ✓ vswitches: vsp2 has vlan02, localnet
        ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
        ✓ hosts-free: no online migration in flight on vsp1 or vsp2

      Move 2: vm02  vsp1 → vsp2  offline
        guest: Off, HPUX, VM, 2 vCPUs, 6 GB, storage disk/disk, vswitches vlan02
        ✓ guest-located: vm02 is Off on vsp1
        ✓ guest-lock: vm02 is in no other pending or running request
        ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 6.1)
        ✓ guest-state: vm02 is Off
        ✓ storage-backing: disk on disk: no device bound to vsp1
        ✓ version-path: offline HPVM 4.3 (vsp1) → 6.1 (vsp2): both in HPVM 4.1 and later
        ✓ vswitches: vsp2 has vlan02
        ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2

      Blocked: vm03  vsp1 → vsp2  (online)
        guest: On (OS), LINUX, VM, 2 vCPUs, 4 GB, storage disk/lv, vswitches vlan02
        ✓ guest-located: vm03 is On (OS) on vsp1
        ✓ guest-lock: vm03 is in no other pending or running request
        ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 6.1)
        ✓ guest-state: vm03 is On (OS): it keeps running during the move
        ✓ guest-kind: vm03 is a VM
        ✗ guest-os: vm03 runs LINUX: online migration needs HPUX or OVMS
            fix: an offline move would fail too (the size of /dev/vg01/rlvol1 is unknown: vgdisplay -v on vsp1 failed or was not run): fix that first
        ? online-migration-enabled: (not checked) online_migration of vm03 is not known (its attributes were not read)
        ✗ storage-backing: disk on lv /dev/vg01/rlvol1: online migration needs whole SAN disks
            fix: an offline move would fail too (the size of /dev/vg01/rlvol1 is unknown: vgdisplay -v on vsp1 failed or was not run): fix that first
        ✓ processor: vsp1 family 32 model 1 → vsp2 family 32 model 1: compatible for online migration
        ✓ version-path: online HPVM 4.3 (vsp1) → 6.1 (vsp2) is a supported path
        ✓ memory-fit: vm03 needs 4193 MB (4096 + 97 overhead); vsp2 has 44729 MB free for guests (65536 total − 4096 reserved − 0 running guests − 16711 planned)
        ✓ vswitches: vsp2 has vlan02
        ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
        ✓ hosts-free: no online migration in flight on vsp1 or vsp2

      Commands:
        on vsp1:
          sudo -n /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2-hpvm-migr
          sudo -n /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2-hpvm-migr
          sudo -n /opt/hpvm/bin/hpvmmigrate -s -P vm02 -h vsp2-hpvm-migr
          sudo -n /opt/hpvm/bin/hpvmmigrate -P vm02 -h vsp2-hpvm-migr

      Rounds:
        1: vm01 (vsp1 → vsp2, online, 3 min 14 s); vm02 (vsp1 → vsp2, offline, 1 min)

      Estimated duration: 3 min 14 s
      "
    `);
  });

  it('renders an offline move with downtime, --start and --delete-source', () => {
    const input = makePlanInput({
      hosts: [makeHost('vsp1', { guests: [makeGuest({ os: 'WINDOWS' })] }), makeHost('vsp2')],
    });
    const plan = planMigration(
      makeMigrateRequest({ mode: 'offline', stop: true, start: true, deleteSource: true, from: 'vsp1' }),
      input,
    );
    expect(renderPlanText(plan)).toMatchInlineSnapshot(`
      "Migrate vm01 from vsp1 to vsp2 (offline --stop --start --delete-source)
      Inventory: 2025-03-01T10:00:00.000Z
      Result: ready, 1 move in 1 round

      Move 1: vm01  vsp1 → vsp2  offline, DOWNTIME (--stop --start --delete-source)
        guest: On (OS), WINDOWS, VM, 2 vCPUs, 4 GB, storage disk/disk, vswitches vlan02
        ✓ guest-located: vm01 is On (OS) on vsp1
        ✓ guest-lock: vm01 is in no other pending or running request
        ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
        ✓ guest-state: vm01 is On (OS): --stop stops it on the source first (DOWNTIME)
        ✓ storage-backing: disk on disk: no device bound to vsp1
        ✓ version-path: offline HPVM 4.3 (vsp1) → 4.3 (vsp2): both in HPVM 4.1 and later
        ✓ memory-fit: vm01 needs 4193 MB (4096 + 97 overhead); vsp2 has 61440 MB free for guests (65536 total − 4096 reserved − 0 running guests − 0 planned)
        ✓ vswitches: vsp2 has vlan02
        ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
        ? hp-precheck: (not checked) no HP precheck: the move stops the guest (-d), which a check before approval must not do; hpvmmigrate -d runs HP’s checks of the target before it stops the guest

      Commands:
        on vsp1:
          /opt/hpvm/bin/hpvmmigrate -P vm01 -h vsp2 -d -b -D

      Rounds:
        1: vm01 (vsp1 → vsp2, offline, 1 min)

      Estimated duration: 1 min
      "
    `);
  });

  it('renders an evacuation', () => {
    const input = makePlanInput({
      hosts: [
        makeHost('vsp1', {
          guests: [makeGuest({ name: 'vm01' }), makeGuest({ name: 'vm02', state: 'Off', networks: [] })],
        }),
        makeHost('vsp2'),
        makeHost('vsp3', { settings: { maintenance: true } }),
      ],
    });
    expect(renderPlanText(planEvacuation(makeEvacuateRequest('vsp1'), input))).toMatchInlineSnapshot(`
      "Evacuate vsp1 to any other VSP not in maintenance
      Inventory: 2025-03-01T10:00:00.000Z
      Result: ready, 2 moves in 2 rounds

      Request checks:
        ✓ evacuate-source: vsp1 holds 2 runnable guests

      Move 1: vm01  vsp1 → vsp2  online
        guest: On (OS), HPUX, VM, 2 vCPUs, 4 GB, storage disk/disk, vswitches vlan02
        ✓ guest-located: vm01 is On (OS) on vsp1
        ✓ guest-lock: vm01 is in no other pending or running request
        ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
        ✓ guest-state: vm01 is On (OS): it keeps running during the move
        ✓ guest-kind: vm01 is a VM
        ✓ guest-os: vm01 runs HPUX
        ? online-migration-enabled: (not checked) online_migration of vm01 is not known (its attributes were not read)
        ✓ storage-backing: disk on disk: all online-capable
        ✓ processor: vsp1 family 32 model 1 → vsp2 family 32 model 1: compatible for online migration
        ✓ version-path: online HPVM 4.3 (vsp1) → 4.3 (vsp2) is a supported path
        ✓ memory-fit: vm01 needs 4193 MB (4096 + 97 overhead); vsp2 has 61440 MB free for guests (65536 total − 4096 reserved − 0 running guests − 0 planned)
        ✓ vswitches: vsp2 has vlan02
        ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2
        ✓ hosts-free: no online migration in flight on vsp1 or vsp2

      Move 2: vm02  vsp1 → vsp2  offline
        guest: Off, HPUX, VM, 2 vCPUs, 4 GB, storage disk/disk, vswitches none
        ✓ guest-located: vm02 is Off on vsp1
        ✓ guest-lock: vm02 is in no other pending or running request
        ✓ target: vsp2 is in the fleet, not in maintenance, inventory read (HPVM 4.3)
        ✓ guest-state: vm02 is Off
        ✓ storage-backing: disk on disk: no device bound to vsp1
        ✓ version-path: offline HPVM 4.3 (vsp1) → 4.3 (vsp2): both in HPVM 4.1 and later
        ✓ vswitches: vm02 has no network interfaces
        ✓ hosts-settled: no move of unknown outcome on vsp1 or vsp2

      Commands:
        on vsp1:
          /opt/hpvm/bin/hpvmmigrate -s -o -P vm01 -h vsp2
          /opt/hpvm/bin/hpvmmigrate -o -P vm01 -h vsp2
          /opt/hpvm/bin/hpvmmigrate -s -P vm02 -h vsp2
          /opt/hpvm/bin/hpvmmigrate -P vm02 -h vsp2

      Rounds:
        1: vm01 (vsp1 → vsp2, online, 1 min 11 s)
        2: vm02 (vsp1 → vsp2, offline, 1 min)

      Estimated duration: 2 min 11 s
      "
    `);
  });

  it('renders an evacuation whose source could not be read', () => {
    const input = makePlanInput({ hosts: [makeHost('vsp2')], unreadable: [makeVspSettings({ name: 'vsp1' })] });
    expect(renderPlanText(planEvacuation(makeEvacuateRequest('vsp1', ['vsp2']), input))).toMatchInlineSnapshot(`
      "Evacuate vsp1 to vsp2
      Inventory: 2025-03-01T10:00:00.000Z
      Result: BLOCKED, 1 request check failed (0 moves possible)

      Request checks:
        ✗ evacuate-source: vsp1 could not be read (ssh_timeout: connect timed out after 10000 ms)
            fix: retry when vsp1 answers
      "
    `);
  });

  it('renders a return with an unknown guest', () => {
    expect(renderPlanText(planReturn('vsp2', ['vm1'], makePlanInput()))).toMatchInlineSnapshot(`
      "Return vm1 to vsp2
      Inventory: 2025-03-01T10:00:00.000Z
      Result: BLOCKED, 1 guest cannot be moved (0 moves possible)

      Blocked: vm1  → vsp2
        ✗ guest-located: vm1 is on none of the VSPs read (vsp1, vsp2)
            fix: did you mean vm01?
        ✓ guest-lock: vm1 is in no other pending or running request
      "
    `);
  });
});
