/** The bridge's wire format: NUL-separated requests in, length-prefixed frames out. */
import { describe, expect, it } from 'vitest';
import { encodeFrames, parseBridgeRequest } from '../../../src/sim/command-bridge.ts';

describe('parseBridgeRequest', () => {
  const wire = (...fields: string[]) => Buffer.from(fields.map((field) => `${field}\0`).join(''));

  it('waits until every announced argument has arrived', () => {
    const whole = wire('tok', 'hpvmstatus', 'vsp1', '2', '-P', 'vm 1');
    expect(parseBridgeRequest(whole.subarray(0, whole.length - 3))).toBeUndefined();
    expect(parseBridgeRequest(whole)).toEqual({
      token: 'tok',
      command: 'hpvmstatus',
      vsp: 'vsp1',
      argv: ['-P', 'vm 1'],
    });
  });

  it('takes empty arguments and none at all', () => {
    expect(parseBridgeRequest(wire('t', 'hpvmnet', 'v', '0'))?.argv).toEqual([]);
    expect(parseBridgeRequest(wire('t', 'hpvmstatus', 'v', '1', ''))?.argv).toEqual(['']);
  });
});

describe('encodeFrames', () => {
  it('prefixes the kind and the byte length', () => {
    expect(encodeFrames('1', 'ä\n').map(String)).toEqual(['1000003ä\n']);
  });

  it('splits payloads longer than six digits can say', () => {
    const frames = encodeFrames('2', 'x'.repeat(1_000_001));
    expect(frames.map((frame) => frame.subarray(0, 7).toString())).toEqual(['2999999', '2000002']);
  });
});
