/**
 * Refusing what HP would refuse, through the bot's ports (issue 9): a guest with online migration disabled is
 * refused online with HP's reason, and a device row the bot cannot read fails the storage check and is shown
 * in the preview.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hpuxGuest, vspSpec } from '../support/fleet-specs.ts';
import { CHANNEL, startKit, type Kit } from '../support/use-case-kit.ts';

let kit: Kit;
afterEach(async () => {
  await kit.stop();
});

/** What the requester sees: the command's answers and the channel's posts, as text. */
async function refusal(text: string): Promise<string> {
  const answer = await kit.command(text);
  const posts = kit.chat.messages(CHANNEL).map((message) => kit.chat.text(message));
  return [answer.replyText, ...answer.responses, ...posts].join('\n');
}

describe('refused at preview, with the reason', () => {
  it('refuses an online move of a guest with online migration disabled, citing HP’s Serviceguard caution', async () => {
    kit = await startKit({
      fleet: { vsps: [vspSpec('vsp1', [hpuxGuest('vm01', { onlineMigration: 'disabled' })]), vspSpec('vsp2', [])] },
    });
    const text = await refusal('vm01 to vsp2 online');
    expect(text).toContain('✗ online-migration-enabled: online_migration is disabled for vm01');
    expect(text).toContain('Serviceguard cluster nodes');
    expect(text).toContain('hpvmmodify -P vm01 -x online_migration=enabled');
    expect(kit.shell.executed.some((exec) => exec.line.includes('hpvmmigrate -o'))).toBe(false);
  });

  it('fails the storage check on a device row it cannot read, and shows the row in the preview', async () => {
    kit = await startKit({ fleet: { vsps: [vspSpec('vsp1', [hpuxGuest('vm01')]), vspSpec('vsp2', [])] } });
    kit.shell.scriptCommand('vsp1', /hpvmstatus -P vm01 -d/, {
      exitCode: 0,
      stdout: [
        '[Virtual Machine Devices]',
        '',
        '[Storage Interface Details]',
        'disk:avio_stor:0,1,0:disk:/dev/rdisk/vm01',
        'disk:avio_stor:slot7:disk:/dev/rdisk/disk31',
        '',
        '[Network Interface Details]',
        'network:avio_lan:0,3,0x2A1B3C4D5E6F:vswitch:vlan02',
        '',
      ].join('\n'),
      stderr: '',
    });
    const text = await refusal('vm01 to vsp2');
    expect(text).toMatch(
      /✗ storage-backing: could not read device 2 of vm01 on vsp1: disk:avio_stor:slot7:disk:\/dev\/rdisk\/disk31 \(/,
    );
    expect(text).toContain('check the row with hpvmstatus -P vm01 -d');
  });
});
