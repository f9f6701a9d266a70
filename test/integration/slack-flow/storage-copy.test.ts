/**
 * Issue 9, item 4, through Slack: an offline move of an lvol-backed guest copies the lvol to the target
 * with hpvmmigrate's `-m … -C` (HPVM 4.0, the version whose hpvmmigrate(1M) synopsis lists it), the preview
 * names the store, its size, the room and the estimate, and the simulated target has the lvol afterwards; the
 * same move to a target without room is refused at preview with the figures and the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVER,
  CHANNEL,
  REQUESTER,
  eventually,
  startHarness,
  visibleText,
  type Harness,
} from '../../support/bot-harness.ts';
import type { FakeMessage } from '../../support/fake-slack/message-store.ts';
import { hpuxGuest, vspSpec } from '../../support/fleet-specs.ts';

function storageFleet() {
  const lvGuest = (name: string) =>
    hpuxGuest(name, { state: 'Off', storage: [{ device: 'disk', backing: 'lv', path: `/dev/vg_vm/r${name}` }] });
  const v40 = { hpvmVersion: '4.0' };
  return {
    linkMbPerSecond: 100,
    speedFactor: 200,
    vsps: [
      vspSpec('vsp1', [lvGuest('db01'), lvGuest('db02')], {
        ...v40,
        volumeGroups: [
          {
            name: '/dev/vg_vm',
            peSizeMb: 16,
            totalPe: 3199,
            lvols: [
              { name: 'db01', sizeMb: 2048 },
              { name: 'db02', sizeMb: 2048 },
            ],
          },
        ],
      }),
      // Room: 1000 extents of 16 MB.
      vspSpec('vsp2', [], { ...v40, volumeGroups: [{ name: '/dev/vg_vm', peSizeMb: 16, totalPe: 1000 }] }),
      // No room: 100 extents of 16 MB = 1600 MB < 2048 MB.
      vspSpec('vsp3', [], { ...v40, volumeGroups: [{ name: '/dev/vg_vm', peSizeMb: 16, totalPe: 100 }] }),
    ],
  };
}

describe('offline moves that copy lvol storage', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ fleet: storageFleet(), config: { approval: { approvers: { users: [APPROVER] } } } });
  });
  afterAll(() => harness.close());

  async function previewFor(guest: string): Promise<FakeMessage> {
    return eventually(
      () =>
        harness.previews().find((message) => message.text.startsWith('REQ-') && visibleText(message).includes(guest)),
      `the preview for ${guest}`,
    );
  }

  it('copies the lvol to the target, shows store, size, room and estimate, and verifies the guest there', async () => {
    await harness.command('db01 to vsp2 offline');
    const preview = await previewFor('db01');
    const text = visibleText(preview);
    // The resource statement is quoted: `,` is outside quoteShellArg's bare set.
    expect(text).toContain("hpvmmigrate -P db01 -h vsp2 -m 'disk:avio_stor:0,1,0:lv:/dev/vg_vm/rdb01' -C");
    expect(text).toMatch(
      /copy .*\/dev\/vg_vm\/rdb01.* → vsp2:.*\/dev\/vg_vm\/rdb01.* · 2048 MB · room 16000 MB free in \/dev\/vg_vm · ~/,
    );
    expect(text).toContain('✓ storage-copy');

    await harness.click(preview.ts, 'approve', APPROVER);
    await eventually(
      () => {
        const latest = visibleText(harness.slack.latest(CHANNEL, preview.ts));
        return /✓ \*Completed\*|✗ \*Failed\*/.test(latest) && latest;
      },
      'the move to finish',
      30_000,
    ).then((latest) => expect(latest).toContain('Completed'));

    expect(harness.fleet.model.whereIs('db01')).toBe('vsp2');
    const group = harness.fleet.model.host('vsp2').volumeGroups?.find((vg) => vg.name === '/dev/vg_vm');
    expect(group?.lvols).toContainEqual({ name: 'db01', sizeMb: 2048 });
    expect(harness.slack.thread(CHANNEL, preview.ts).map(visibleText).join('\n')).toContain(
      'db01 is now on vsp2 — verified',
    );
  });

  it('refuses the same move to a target without room, with the figures and the fix', async () => {
    await harness.command('db02 to vsp3 offline');
    // A plan that cannot run is shown to the requester only, with no buttons.
    const preview = await eventually(
      () => harness.slack.ephemerals(CHANNEL, REQUESTER).find((message) => message.text.includes('db02')),
      'the blocked preview for db02',
    );
    const text = visibleText(preview);
    expect(text).toContain('✗ storage-copy');
    expect(text).toContain(
      '/dev/vg_vm on vsp3 has 1600 MB free (100 extents of 16 MB); /dev/vg_vm/rdb02 needs 2048 MB',
    );
    expect(text).toContain('extend /dev/vg_vm on vsp3 by 448 MB (vgextend)');
    expect(JSON.stringify(preview.blocks)).not.toContain('"action_id":"approve"');
    expect(harness.fleet.model.whereIs('db02')).toBe('vsp1');
  });
});
