import { describe, expect, it } from 'vitest';
import { HostSlots } from '../../../../src/adapters/ssh/host-slots.ts';

/** A task the test finishes by hand, recording when it started. */
function gate(started: string[], label: string): { task: () => Promise<void>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      started.push(label);
      await done;
    },
    finish: () => finish(),
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('HostSlots', () => {
  it('lets every command of a busy host run, and a new host only when a host goes idle', async () => {
    const slots = new HostSlots(1);
    const started: string[] = [];
    const a1 = gate(started, 'a1');
    const a2 = gate(started, 'a2');
    const b1 = gate(started, 'b1');
    const runs = [slots.run('a', a1.task), slots.run('b', b1.task), slots.run('a', a2.task)];
    await settle();
    expect(started).toEqual(['a1', 'a2']);

    a1.finish();
    await settle();
    expect(started).toEqual(['a1', 'a2']);

    a2.finish();
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    b1.finish();
    await Promise.all(runs);
    expect(slots.busyHosts).toBe(0);
  });

  it('gives the slot back when a task fails', async () => {
    const slots = new HostSlots(1);
    await expect(slots.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run('b', () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(slots.busyHosts).toBe(0);
  });
});
