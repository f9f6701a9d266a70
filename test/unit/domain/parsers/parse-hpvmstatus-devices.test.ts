import { describe, expect, it } from 'vitest';
import { normaliseMac, parseHpvmstatusDevices } from '../../../../src/domain/parsers/parse-hpvmstatus-devices.ts';
import { crlfWithTrailingSpaces, readFixture } from './read-fixture.ts';

const wrap = (storage: string, network = ''): string =>
  `[Virtual Machine Devices]\n[Storage Interface Details]\n${storage}\n[Network Interface Details]\n${network}\n`;

describe('parseHpvmstatusDevices', () => {
  it('reads the real 3.5 capture: an lv disk and the host DVD drive, which is a host device', () => {
    const { value, issues } = parseHpvmstatusDevices(readFixture('hpvmstatus-d-3.5-jrey-clone-boot.txt'));
    expect(issues).toEqual([]);
    expect(value).toEqual({
      storage: [
        {
          device: 'disk',
          adaptor: 'scsi',
          bus: '0,0,0',
          backing: 'lv',
          backingText: 'lv',
          path: '/dev/vg_vmtest/rvmnode2disk',
        },
        {
          device: 'dvd',
          adaptor: 'scsi',
          bus: '0,0,1',
          backing: 'disk',
          backingText: 'disk',
          path: '/dev/rdsk/c1t4d0',
          hostDevice: true,
        },
      ],
      networks: [
        { adaptor: 'lan', vswitch: 'localnet', mac: '0xB20EBA14E76C' },
        { adaptor: 'lan', vswitch: 'vlan02', mac: '0x3E9492C9F615' },
      ],
      unread: [],
    });
  });

  it('reads every storage kind HP documents: disk, lv, file, null, NPIV, host DVD, attached devices', () => {
    const { value, issues } = parseHpvmstatusDevices(readFixture('hpvmstatus-d-derived-all-kinds.txt'));
    expect(issues).toEqual([]);
    expect(value.unread).toEqual([]);
    expect(value.storage.map((d) => [d.device, d.backing, d.backingText, d.hostDevice ?? false, d.path])).toEqual([
      ['disk', 'lv', 'lv', false, '/dev/vg_vmtest/rvmnode2disk'],
      ['dvd', 'disk', 'disk', true, '/dev/rdsk/c1t4d0'],
      ['disk', 'disk', 'disk', false, '/dev/rdisk/disk12'],
      ['disk', 'file', 'file', false, '/var/opt/hpvm/guests/vmnode2/disk2.img'],
      ['dvd', 'file', 'file', false, '/var/opt/hpvm/ISO-images/hpux/0603-FOE-D1.iso'],
      ['dvd', 'null', 'null', false, '/var/opt/hpvm/ISO-images/hpux/'],
      ['hba', 'npiv', 'npiv', false, '/dev/fcd0'],
      ['tape', 'other', 'attach_path', true, '0/1/1/0.0x50060b0000332254.0x0'],
      ['changer', 'other', 'attach_path', true, '0/1/1/0.0x50060b0000332253.0x0'],
      ['burner', 'other', 'attach_path', true, '0/1/1/0.0x50060b0000332252.0x0'],
      ['tape', 'other', 'attach', true, '/dev/pt/pt_tape1'],
    ]);
    expect(value.storage[6]).toEqual({
      device: 'hba',
      adaptor: 'avio_stor',
      bus: '1,1',
      backing: 'npiv',
      backingText: 'npiv',
      path: '/dev/fcd0',
      wwpn: '0x50060b00006499a8',
      wwnn: '0x50060b00006499a9',
    });
    expect(value.networks).toEqual([
      { adaptor: 'lan', vswitch: 'localnet', mac: '0xB20EBA14E76C' },
      { adaptor: 'avio_lan', vswitch: 'vlan02', mac: '0x2A1B3C4D5E6F' },
      { adaptor: 'avio_lan', vswitch: 'vlan03', mac: '0x0A0B0C0D0E0F' },
    ]);
  });

  it('keeps a row it cannot read as an unread device with its position, and reads the rows around it', () => {
    const { value, issues } = parseHpvmstatusDevices(readFixture('hpvmstatus-d-derived-unreadable.txt'));
    expect(value.storage.map((d) => d.path)).toEqual(['/dev/vg_vmtest/rvmnode2disk', '/dev/rdsk/c1t4d0']);
    expect(value.networks).toHaveLength(1);
    expect(value.unread).toEqual([
      {
        position: 2,
        line: 'disk:avio_stor:slot7:disk:/dev/rdisk/disk31',
        reason: "storage address 'slot7' is not bus,dev,target",
      },
    ]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 5 })]);
  });

  it.each([
    ['bus and slot skipped', 'hba:avio_stor:0x50060b00006499a8,0x50060b00006499a9:npiv:/dev/fcd1', { bus: '' }],
    [
      'upper-case WWNs',
      'hba:avio_stor:0,3,0x50060B00006499A8,0x50060B00006499A9:npiv:/dev/fcd1',
      { bus: '0,3', wwpn: '0x50060b00006499a8' },
    ],
  ])('NPIV: %s', (_case, line, expected) => {
    const { value, issues } = parseHpvmstatusDevices(wrap(line));
    expect(issues).toEqual([]);
    expect(value.storage[0]).toMatchObject({ backing: 'npiv', path: '/dev/fcd1', ...expected });
  });

  it.each([
    ['a WWN missing', 'hba:avio_stor:1,1,0x50060b00006499a8:npiv:/dev/fcd0'],
    ['a short WWN', 'hba:avio_stor:1,1,0x5006,0x50060b00006499a9:npiv:/dev/fcd0'],
    ['no host HBA', 'hba:avio_stor:1,1,0x50060b00006499a8,0x50060b00006499a9:npiv:'],
  ])('NPIV row with %s is unread', (_case, line) => {
    const { value } = parseHpvmstatusDevices(wrap(line));
    expect(value.storage).toEqual([]);
    expect(value.unread).toEqual([expect.objectContaining({ position: 1, line })]);
  });

  it('tolerates CRLF line ends and trailing spaces', () => {
    const text = readFixture('hpvmstatus-d-derived-all-kinds.txt');
    expect(parseHpvmstatusDevices(crlfWithTrailingSpaces(text))).toEqual(parseHpvmstatusDevices(text));
  });

  it('reads the reference sample without blank lines between sections', () => {
    const text = [
      '[Virtual Machine Devices]',
      '[Storage Interface Details]',
      'disk:scsi:0,0,0:lv:/dev/vg_vmtest/rvmnode2disk',
      '[Network Interface Details]',
      'network:lan:0,1,0xB20EBA14E76C:vswitch:localnet',
      '[Misc Interface Details]',
      'serial:com1::tty:console',
    ].join('\n');
    const { value, issues } = parseHpvmstatusDevices(text);
    expect(issues).toEqual([]);
    expect(value.storage).toHaveLength(1);
    expect(value.networks).toHaveLength(1);
  });

  it.each([
    [
      'an attached device kept as other, on the host',
      'tape:scsi:0,5,0:attach:/dev/rscsi/c6t5d0',
      { backing: 'other', backingText: 'attach', hostDevice: true },
    ],
    ['a path containing a colon', 'disk:avio_stor:0,1,0:file:/vm/odd:name.img', { path: '/vm/odd:name.img' }],
    ['an ejected medium without a path', 'dvd:avio_stor:0,2,1:null:', { backing: 'null', path: '' }],
  ])('storage: %s', (_case, line, expected) => {
    const { value, issues } = parseHpvmstatusDevices(wrap(line));
    expect(issues).toEqual([]);
    expect(value.storage[0]).toMatchObject(expected);
  });

  it.each([
    ['too few fields', 'disk:scsi:0,0,0:lv'],
    ['a bad address', 'disk:scsi:a,b,c:lv:/dev/vg/rlv'],
    ['no path', 'disk:scsi:0,0,0:lv:'],
    ['an empty device', ':scsi:0,0,0:lv:/dev/vg/rlv'],
    ['no colon at all', 'disk scsi 0 0 0 lv /dev/vg/rlv'],
  ])('storage row with %s is an error on its line and kept unread', (_case, line) => {
    const { value, issues } = parseHpvmstatusDevices(wrap(line));
    expect(value.storage).toEqual([]);
    expect(value.unread).toEqual([expect.objectContaining({ position: 1, line })]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 3 })]);
  });

  it.each([
    ['dash-separated MAC', 'network:lan:0,1,f6-fb-bf-41-78-63:vswitch:vlan02', { mac: '0xF6FBBF417863' }],
    ['no MAC', 'network:lan:0,1,:vswitch:vlan02', { vswitch: 'vlan02' }],
    ['a portid suffix', 'network:avio_lan:0,1,0x0A0B0C0D0E0F:vswitch:vlan02:portid:3', { mac: '0x0A0B0C0D0E0F' }],
  ])('network: %s', (_case, line, expected) => {
    const { value, issues } = parseHpvmstatusDevices(wrap('', line));
    expect(issues).toEqual([]);
    expect(value.networks[0]).toMatchObject(expected);
  });

  it('keeps a NIC with an unreadable MAC, without the MAC, and warns', () => {
    const { value, issues } = parseHpvmstatusDevices(wrap('', 'network:lan:0,1,0xZZ:vswitch:vlan02'));
    expect(value.networks).toEqual([{ adaptor: 'lan', vswitch: 'vlan02' }]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 5 })]);
  });

  it('warns and leaves out a NIC that is not on a vswitch', () => {
    const { value, issues } = parseHpvmstatusDevices(wrap('', 'network:avio_lan:0,1,0x0A0B0C0D0E0F:dio:label1'));
    expect(value.networks).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', lineNumber: 5 })]);
  });

  it.each([
    ['not a network device', 'disk:lan:0,1,0x0A0B0C0D0E0F:vswitch:vlan02'],
    ['too few fields', 'network:lan:0,1'],
    ['an empty vswitch name', 'network:lan:0,1,0x0A0B0C0D0E0F:vswitch:'],
    ['a bad address', 'network:lan:x:vswitch:vlan02'],
  ])('network row with %s is an error on its line and kept unread', (_case, line) => {
    const { value, issues } = parseHpvmstatusDevices(wrap('', line));
    expect(value.networks).toEqual([]);
    expect(value.unread).toEqual([expect.objectContaining({ position: 1, line })]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 5 })]);
  });

  it('warns on lines outside the device sections and once per unknown section; a storage line is a device', () => {
    const text = [
      'stray first line', // 1
      '[Virtual Machine Devices]', // 2
      'something', // 3
      '[Storage Interface Details]', // 4
      'no colon here', // 5
      '[Shiny New Details]', // 6
      'a:b', // 7
      'c:d', // 8
    ].join('\n');
    const { value, issues } = parseHpvmstatusDevices(text);
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['warning', 1],
      ['warning', 3],
      ['error', 5],
      ['warning', 6],
    ]);
    expect(value.unread).toEqual([expect.objectContaining({ position: 1, line: 'no colon here' })]);
    expect(issues[3]?.message).toContain('2 line(s) skipped');
  });

  it('reports output with no known section as one error at line 0', () => {
    const { value, issues } = parseHpvmstatusDevices("hpvmstatus: Unable to find the guest 'nosuch'.\n");
    expect(value).toEqual({ storage: [], networks: [], unread: [] });
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 0 })]);
  });
});

describe('normaliseMac', () => {
  it.each([
    ['0xb20eba14e76c', '0xB20EBA14E76C'],
    ['0XB20EBA14E76C', '0xB20EBA14E76C'],
    ['b2-0e-ba-14-e7-6c', '0xB20EBA14E76C'],
    ['b2:0e:ba:14:e7:6c', '0xB20EBA14E76C'],
    ['0xB20EBA14E76', undefined],
    ['', undefined],
  ])('%s → %s', (text, expected) => {
    expect(normaliseMac(text)).toBe(expected);
  });
});
