import type { FleetModel } from '../fleet-model.ts';
import type { SimGuest } from '../sim-host.ts';

export type GuestLookup =
  { readonly ok: true; readonly guest: SimGuest } | { readonly ok: false; readonly message: string };

/** `-P name` or `-p number` on this VSP. The not-found text follows docs/hpvm-output-formats.md §2 [INF]. */
export function lookupGuest(model: FleetModel, vsp: string, options: ReadonlyMap<string, string | true>): GuestLookup {
  const name = options.get('P');
  if (typeof name === 'string') {
    const guest = model.guest(vsp, name);
    return guest ? { ok: true, guest } : { ok: false, message: `Unable to find the guest '${name}'.` };
  }
  const number = options.get('p');
  const guest =
    typeof number === 'string' && /^[0-9]+$/.test(number) ? model.guestByNumber(vsp, Number(number)) : undefined;
  return guest ? { ok: true, guest } : { ok: false, message: `Unable to find the guest number '${String(number)}'.` };
}

/** Whether `-P` or `-p` was given at all. */
export function namesGuest(options: ReadonlyMap<string, string | true>): boolean {
  return options.has('P') || options.has('p');
}
