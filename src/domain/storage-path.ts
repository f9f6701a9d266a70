/**
 * The allow-list for storage paths that can reach a command line (docs/conventions.md #10): a backing store
 * read from `hpvmstatus -P vm -d`, or a target path from the config's storageMap. Absolute, segments of
 * `[A-Za-z0-9._+-]` only, no empty, `.` or `..` segment: nothing a shell or a path walk could read as
 * anything but one file. quoteShellArg still quotes whatever it renders.
 */
const SEGMENT = /^[A-Za-z0-9._+-]{1,255}$/;
const MAX_PATH = 1024;

export function isAllowedStoragePath(path: string): boolean {
  if (path.length > MAX_PATH || !path.startsWith('/')) return false;
  const segments = path.slice(1).split('/');
  return segments.every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..');
}

export interface LvolPath {
  /** `/dev/vg01`: the `VG Name` vgdisplay prints. */
  readonly vg: string;
  /** `/dev/vg01/lvol1`: the block device, the `LV Name` vgdisplay prints. */
  readonly lv: string;
}

/**
 * A guest's lvol backing store is the raw (character) device `/dev/<vg>/r<lvol>`: HPVM refuses the block
 * device (`hpvmmodify: ERROR … Illegal blk device … as backing device`, HPVM 3.5 capture in the
 * "Cloning HPVM guests" post, jreypo.github.io 2010-03-09; the 4.2 guide §7.2.2.3.2 p. 111 uses
 * `/dev/vgname/rlvname`). Undefined for anything else: its volume group cannot be told, and the caller fails closed.
 */
export function lvolOfRawPath(path: string): LvolPath | undefined {
  if (!isAllowedStoragePath(path)) return undefined;
  const match = /^(\/dev\/[^/]+)\/r([^/]+)$/.exec(path);
  if (match === null) return undefined;
  const [, vg = '', lv = ''] = match;
  return { vg, lv: `${vg}/${lv}` };
}
