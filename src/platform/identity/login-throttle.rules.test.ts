import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  delayAfterFailures,
  FREE_FAILURES,
  loginDelaySeconds,
  MAX_DELAY_SECONDS,
} from './login-throttle.rules.ts';

describe('growing delay after failed logins', () => {
  it('lets the first failures pass, then doubles the wait', () => {
    expect([0, 1, 2].map(delayAfterFailures)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(delayAfterFailures)).toEqual([2, 4, 8, 16]);
    expect(delayAfterFailures(40)).toBe(MAX_DELAY_SECONDS);
  });

  it('counts down from the last failure', () => {
    const last = new Date('2026-11-24T10:00:00Z');
    expect(loginDelaySeconds(5, last, new Date('2026-11-24T10:00:03Z'))).toBe(5);
    expect(loginDelaySeconds(5, last, new Date('2026-11-24T10:00:09Z'))).toBe(0);
    expect(loginDelaySeconds(5, null, last)).toBe(0);
  });

  it('never decreases as failures grow, and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (failures) => {
        const delay = delayAfterFailures(failures);
        return (
          delay <= MAX_DELAY_SECONDS &&
          delay <= delayAfterFailures(failures + 1) &&
          (failures >= FREE_FAILURES || delay === 0)
        );
      }),
    );
  });
});
