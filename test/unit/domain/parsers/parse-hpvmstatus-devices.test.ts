import { describe, expect, it } from 'vitest';
import { normaliseMac, parseHpvmstatusDevices } from '../../../../src/domain/parsers/parse-hpvmstatus-devices.ts';
import { crlfWithTrailingSpaces, readFixture } from './read-fixture.ts';

describe('parseHpvmstatusDevices', () => {
  it('reads storage and networks, ignoring the misc section', () => {
    const { value, issues } = parseHpvmstatusDevices(readFixture('hpvmstatus-devices.txt'));
    expect(issues).toEqual([]);
    expect(value.storage).toEqual([
      {
        device: 'disk',
        adaptor: 'scsi',
        bus: '0,0,0',
        backing: 'lv',
        backingText: 'lv',
        path: '/dev/vg_vmtest/rvmnode2disk',
      },
      { device: 'dvd', adaptor: 'scsi', bus: '0,0,1', backing: 'disk', backingText: 'disk', path: '/dev/rdsk/c1t4d0' },
      {
        device: 'disk',
        adaptor: 'avio_stor',
        bus: '0,1,0',
        backing: 'disk',
        backingText: 'disk',
        path: '/dev/rdisk/disk12',
      },
      {
        device: 'dvd',
        adaptor: 'avio_stor',
        bus: '0,2,0',
        backing: 'file',
        backingText: 'file',
        path: '/var/opt/hpvm/ISO-images/hpux.iso',
      },
      {
        device: 'dvd',
        adaptor: 'avio_stor',
        bus: '0,2,1',
        backing: 'null',
        backingText: 'null',
        path: '/var/opt/hpvm/ISO-images/ejected.iso',
      },
    ]);
    expect(value.networks).toEqual([
      { adaptor: 'lan', vswitch: 'localnet', mac: '0xB20EBA14E76C' },
      { adaptor: 'avio_lan', vswitch: 'vlan02', mac: '0x2A1B3C4D5E6F' },
      { adaptor: 'avio_lan', vswitch: 'vlan03', mac: '0x0A0B0C0D0E0F' },
    ]);
  });

  it('tolerates CRLF line ends and trailing spaces', () => {
    const text = readFixture('hpvmstatus-devices.txt');
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

  const wrap = (storage: string, network = ''): string =>
    `[Virtual Machine Devices]\n[Storage Interface Details]\n${storage}\n[Network Interface Details]\n${network}\n`;

  it.each([
    [
      'other backing kept as other',
      'tape:scsi:0,5,0:attach:/dev/rscsi/c6t5d0',
      { backing: 'other', backingText: 'attach' },
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
  ])('storage row with %s is an error on its line', (_case, line) => {
    const { value, issues } = parseHpvmstatusDevices(wrap(line));
    expect(value.storage).toEqual([]);
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
  ])('network row with %s is an error on its line', (_case, line) => {
    const { value, issues } = parseHpvmstatusDevices(wrap('', line));
    expect(value.networks).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', lineNumber: 5 })]);
  });

  it('warns on non-device lines, lines outside sections and once per unknown section', () => {
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
    const { issues } = parseHpvmstatusDevices(text);
    expect(issues.map((issue) => [issue.severity, issue.lineNumber])).toEqual([
      ['warning', 1],
      ['warning', 3],
      ['warning', 5],
      ['warning', 6],
    ]);
    expect(issues[3]?.message).toContain('2 line(s) skipped');
  });

  it('reports output with no known section as one error at line 0', () => {
    const { value, issues } = parseHpvmstatusDevices("hpvmstatus: Unable to find the guest 'nosuch'.\n");
    expect(value).toEqual({ storage: [], networks: [] });
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
