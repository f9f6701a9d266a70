import { failed, passed, type CheckResult } from './check-result.ts';

/** A guest in a pending or running request cannot be in another one (README.md: the guest is locked). */
export function checkGuestLock(guest: string, busyGuests: ReadonlyMap<string, string>): CheckResult {
  const requestId = busyGuests.get(guest);
  if (requestId === undefined) return passed('guest-lock', `${guest} is in no other pending or running request`);
  return failed(
    'guest-lock',
    `${guest} is in ${requestId}`,
    `wait until ${requestId} has finished, or cancel it: /migrate cancel ${requestId}`,
  );
}
