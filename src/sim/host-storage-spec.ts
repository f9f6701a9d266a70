/**
 * LVM and file systems of a simulated VSP in the fleet file: what `vgdisplay -v` and `bdf` print, and the room an
 * `hpvmmigrate -m … -C` copy lands in. The optional fields exist because the HP samples in test/fixtures/hpvm/
 * print them (the fixtures are the authority on the format, the simulator follows).
 */
import { z } from 'zod';

export const DevicePath = z.string().regex(/^\/[A-Za-z0-9._/+-]*$/, 'must be an absolute path of [A-Za-z0-9._/+-]');

/** An lvol as `vgdisplay -v` lists it: `LV Name` is `<vg>/<name>`, its raw device `<vg>/r<name>`. */
export const LvolSpec = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, 'must be an lvol name like lvol1'),
  sizeMb: z.number().int().min(1),
});
export type LvolSpec = z.infer<typeof LvolSpec>;

/** The VG's one physical volume and its alternate links (PV links), as the 11.23 capture lists them. */
export const PhysicalVolumeSpec = z.strictObject({
  name: DevicePath,
  alternateLinks: z.array(DevicePath).default([]),
});
export type PhysicalVolumeSpec = z.infer<typeof PhysicalVolumeSpec>;

/** A volume group of the host; its free extents are what its lvols leave of totalPe. */
export const VolumeGroupSpec = z
  .strictObject({
    name: z.string().regex(/^\/dev\/[A-Za-z0-9._+-]{1,64}$/, 'must look like /dev/vg01'),
    peSizeMb: z.number().int().min(1).default(16),
    totalPe: z.number().int().min(1),
    /** `Max PE per PV`, fixed at vgcreate; default the larger of 6000 (the 11.23 capture) and totalPe. */
    maxPePerPv: z.number().int().min(1).optional(),
    /** Default: a /dev/dsk name derived from the VG's name, without alternate links. */
    physicalVolume: PhysicalVolumeSpec.optional(),
    lvols: z.array(LvolSpec).default([]),
  })
  .superRefine((group, ctx) => {
    const usedPe = group.lvols.reduce((sum, lvol) => sum + Math.ceil(lvol.sizeMb / group.peSizeMb), 0);
    if (usedPe > group.totalPe) {
      ctx.addIssue({
        code: 'custom',
        path: ['lvols'],
        message: `the lvols take ${usedPe} extents; the VG has ${group.totalPe}`,
      });
    }
    if (group.maxPePerPv !== undefined && group.maxPePerPv < group.totalPe) {
      ctx.addIssue({ code: 'custom', path: ['maxPePerPv'], message: 'less than totalPe on the one PV' });
    }
    const names = group.lvols.map((lvol) => lvol.name);
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', path: ['lvols'], message: 'duplicate lvol name' });
    }
  });
export type VolumeGroupSpec = z.infer<typeof VolumeGroupSpec>;

/** A mounted file system as `bdf` prints it. */
export const FileSystemSpec = z
  .strictObject({
    device: DevicePath,
    mountedOn: DevicePath,
    kbytes: z.number().int().min(0),
    usedKb: z.number().int().min(0),
    /** Default kbytes − used; less on a file system that keeps a reserve (minfree), as the bdf sample shows. */
    availKb: z.number().int().min(0).optional(),
  })
  .superRefine((fs, ctx) => {
    if (fs.usedKb + (fs.availKb ?? 0) > fs.kbytes) {
      ctx.addIssue({ code: 'custom', path: ['usedKb'], message: 'used and avail exceed kbytes' });
    }
  });
export type FileSystemSpec = z.infer<typeof FileSystemSpec>;
