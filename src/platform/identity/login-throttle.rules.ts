/**
 * Growing delay after failed logins: the first three failures are free, then each one doubles
 * the wait (2 s, 4 s, 8 s…) up to 15 minutes. A success resets the count.
 */
export const FREE_FAILURES = 3;
export const MAX_DELAY_SECONDS = 15 * 60;

export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_FAILURES + 1));
}

/** Seconds the account must still wait before another attempt (0 = may try now). */
export function loginDelaySeconds(failures: number, lastFailureAt: Date | null, now: Date): number {
  if (!lastFailureAt) return 0;
  const elapsed = (now.getTime() - lastFailureAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(delayAfterFailures(failures) - elapsed));
}
