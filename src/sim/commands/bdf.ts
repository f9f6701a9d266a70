/**
 * `bdf`: the host's file systems as test/fixtures/hpvm/bdf-wrapped.txt shows them (reconstructed [INF]): a
 * device name longer than its column goes alone on its line, the figures on the next. Avail is the fleet file's
 * when given: less than kbytes − used where the file system keeps a reserve, as in the sample.
 */
import type { CommandHandler } from './command-types.ts';
import { getopt } from './getopt.ts';
import { usageError } from './usage.ts';

const DEVICE_WIDTH = 18;

export function bdf(...[model, vsp, argv, io]: Parameters<CommandHandler>): Promise<number> {
  const parsed = getopt(argv, '');
  if (!parsed.ok) return Promise.resolve(usageError(io, 'bdf', parsed.message));
  io.out('Filesystem          kbytes    used   avail %used Mounted on');
  for (const fs of model.host(vsp).fileSystems ?? []) {
    const avail = fs.availKb ?? Math.max(0, fs.kbytes - fs.usedKb);
    const percent = fs.kbytes === 0 ? 0 : Math.round((fs.usedKb / fs.kbytes) * 100);
    const figures = `${String(fs.kbytes).padStart(7)} ${String(fs.usedKb).padStart(7)} ${String(avail).padStart(7)} ${`${percent}%`.padStart(5)} ${fs.mountedOn}`;
    if (fs.device.length > DEVICE_WIDTH) {
      io.out(fs.device);
      io.out(`${' '.repeat(DEVICE_WIDTH)} ${figures}`);
    } else {
      io.out(`${fs.device.padEnd(DEVICE_WIDTH)} ${figures}`);
    }
  }
  return Promise.resolve(0);
}
