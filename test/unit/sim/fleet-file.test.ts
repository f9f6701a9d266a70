/** The fleet file: defaults, YAML's numeric versions, and every problem reported at once as `path: message`. */
import { describe, expect, it } from 'vitest';
import { loadFleetFile, parseFleet } from '../../../src/sim/fleet-file.ts';

const CPU = "cpu: { family: 32, model: 1, description: 'Intel(R) Itanium 2 9100 series', cores: 8 }";

describe('parseFleet', () => {
  it('fills the defaults and reads YAML numbers as HPVM versions', () => {
    const result = parseFleet(`
vsps:
  - { name: vsp1, hpvmVersion: 4.0, ${CPU}, memoryMb: 65536 }
  - name: vsp2
    hpvmVersion: 6.0
    ${CPU}
    memoryMb: 65536
    vswitches: [{ name: vlan02 }]
    guests: [{ name: vm01, memoryMb: 4096, networks: [{ vswitch: vlan02 }] }]
`);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.fleet).toMatchObject({ linkMbPerSecond: 100, speedFactor: 1 });
    const [vsp1, vsp2] = result.fleet.vsps;
    expect(vsp1).toMatchObject({ hpvmVersion: '4.0', reservedMemoryMb: 4096, ovmm: 'enabled', faults: {}, guests: [] });
    expect(vsp1?.aliases).toBeUndefined();
    expect(vsp2?.hpvmVersion).toBe('6.0');
    expect(vsp2?.guests[0]).toMatchObject({
      kind: 'vm',
      os: 'HPUX',
      state: 'Off',
      vcpus: 1,
      onlineMigration: 'enabled',
      networks: [{ vswitch: 'vlan02', adaptor: 'avio_lan' }],
    });
  });

  it('reports every problem with its path', () => {
    const result = parseFleet(`
speedFactor: 0
vsps:
  - name: vsp1
    hpvmVersion: '5.0'
    ${CPU}
    memoryMb: 65536
    faults: { phaseTimeout: Warmup, sshRefused: yes-please }
    guests: [{ name: 'bad name', memoryMb: 4096 }]
`);
    expect(result).toEqual({
      ok: false,
      problems: [
        'speedFactor: Too small: expected number to be >0',
        'vsps.0.hpvmVersion: Invalid option: expected one of "3.5"|"4.0"|"4.1"|"4.2"|"4.2.5"|"4.3"|"6.0"|"6.1"|"6.1.5"|"6.2"|"6.3"',
        'vsps.0.faults.phaseTimeout: Invalid option: expected one of "Init"|"Copy"|"I/O Quiesce"|"Frozen"',
        'vsps.0.faults.sshRefused: Invalid input: expected boolean, received string',
        'vsps.0.guests.0.name: must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      ],
    });
  });

  it('checks names, references and memory across the fleet', () => {
    const result = parseFleet(`
vsps:
  - name: vsp1
    hpvmVersion: '4.3'
    ${CPU}
    memoryMb: 8192
    vswitches: [{ name: vlan02 }]
    guests:
      - { name: vm01, state: On, memoryMb: 4096, networks: [{ vswitch: vlan09 }] }
      - { name: vpar1, kind: vpar, memoryMb: 2048 }
  - name: vsp2
    aliases: [vsp1]
    hpvmVersion: '4.3'
    ${CPU}
    memoryMb: 65536
    guests: [{ name: vm01, memoryMb: 2048 }]
`);
    expect(result).toEqual({
      ok: false,
      problems: [
        'vsps.0.guests.0.networks.0.vswitch: vsp1 has no vswitch vlan09',
        'vsps.0.guests.1.kind: vPars need an HPVM 6.x host (vsp1 is 4.3)',
        'vsps.0.guests: running guests need 4177 MB with overhead; vsp1 has 4096 MB for guests',
        'vsps.1.aliases.0: vsp1 already names VSP vsp1',
        'vsps.1.guests.0.name: guest vm01 is also on vsp1',
      ],
    });
  });

  it('reports unreadable YAML', () => {
    expect(parseFleet('vsps: [').ok).toBe(false);
  });
});

describe('loadFleetFile', () => {
  it('accepts the example fleet in manifests/', async () => {
    const result = await loadFleetFile(new URL('../../../manifests/fleet.example.yaml', import.meta.url).pathname);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const guests = result.fleet.vsps.flatMap((vsp) => vsp.guests);
    expect(result.fleet.vsps).toHaveLength(4);
    expect(new Set(guests.map((guest) => guest.os))).toEqual(new Set(['HPUX', 'LINUX', 'WINDOWS', 'OVMS']));
    expect(guests.some((guest) => guest.kind === 'vpar')).toBe(true);
    expect(new Set(guests.flatMap((guest) => guest.storage.map((device) => device.backing)))).toEqual(
      new Set(['disk', 'lv', 'file', 'null']),
    );
  });

  it('prefixes problems with the file name', async () => {
    expect(await loadFleetFile('/nonexistent/fleet.yaml')).toEqual({
      ok: false,
      problems: ['/nonexistent/fleet.yaml: cannot read (ENOENT)'],
    });
  });
});
