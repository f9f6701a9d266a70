import { failed, passed, type CheckResult } from './check-result.ts';

/** DESIGN §1.8: a guest in a pending or running request cannot be in another one. */
export function checkGuestLock(guest: string, busyGuests: ReadonlyMap<string, string>): CheckResult {
  const requestId = busyGuests.get(guest);
  if (requestId === undefined) return passed('guest-lock', `${guest} is in no other pending or running request`);
  return failed(
    'guest-lock',
    `${guest} is in ${requestId}`,
    `wait until ${requestId} has finished, or cancel it: /migrate cancel ${requestId}`,
  );
}
