/**
 * What a running guest takes from its VSP: its memory plus HP's per-guest overhead, vCPUs × memory × 0.4 %
 * + 64 MB [DOC V63-AG-P58], rounded up to whole MB because hosts allocate whole megabytes.
 */
export function guestFootprintMb(guest: { readonly vcpus: number; readonly memoryMb: number }): number {
  return guest.memoryMb + Math.ceil(guest.vcpus * guest.memoryMb * 0.004) + 64;
}
