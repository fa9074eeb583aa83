import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GatewayTransactionState } from './payment-gateway.ts';
import {
  DEFAULT_RECONCILIATION_POLICY,
  nextQueryAt,
  type PendingAttempt,
  plannedQueryTimes,
  type ReconciliationPolicy,
  reconciliationDecision,
  validateReconciliationPolicy,
} from './reconciliation.rules.ts';

const MINUTE = 60_000;
// 10:00 in Bogotá (UTC−5).
const created = new Date('2026-03-02T15:00:00Z');
const at = (minutes: number) => new Date(created.getTime() + minutes * MINUTE);

describe('PSE polling of a PENDING transaction (taxes.md §6)', () => {
  it('asks first 7 minutes after creation, then every 12 minutes', () => {
    const times = plannedQueryTimes(created).slice(0, 4);
    expect(times.map((time) => time.toISOString())).toEqual([
      '2026-03-02T15:07:00.000Z',
      '2026-03-02T15:19:00.000Z',
      '2026-03-02T15:31:00.000Z',
      '2026-03-02T15:43:00.000Z',
    ]);
  });

  it('does not ask before the 7 minutes, asks at 7', () => {
    const attempt: PendingAttempt = { state: 'PENDING', createdAt: created };
    expect(reconciliationDecision(attempt, at(6.99))).toEqual({
      action: 'wait',
      checkAgainAt: at(7),
      alert: false,
    });
    expect(reconciliationDecision(attempt, at(7))).toEqual({ action: 'query', alert: false });
  });

  it('keeps at least 12 minutes after the last query, even one made on the citizen return', () => {
    // The citizen came back at minute 3 and the query said PENDING: the next one waits until minute 15.
    const attempt: PendingAttempt = { state: 'PENDING', createdAt: created, lastQueriedAt: at(3) };
    expect(nextQueryAt(attempt)).toEqual(at(15));
    expect(reconciliationDecision(attempt, at(10)).action).toBe('wait');
    expect(reconciliationDecision(attempt, at(15)).action).toBe('query');
  });

  it('a job that was down asks at once when it comes back', () => {
    const attempt: PendingAttempt = { state: 'PENDING', createdAt: created, lastQueriedAt: at(7) };
    expect(reconciliationDecision(attempt, at(55))).toEqual({ action: 'query', alert: false });
  });

  it.each(['OK', 'NOT_AUTHORIZED', 'FAILED'] as const)('never asks again about a %s transaction', (state) => {
    const attempt: PendingAttempt = { state, createdAt: created, lastQueriedAt: at(7) };
    expect(nextQueryAt(attempt)).toBeNull();
    expect(reconciliationDecision(attempt, at(500))).toEqual({ action: 'none' });
  });

  it('raises the alert after 2 hours and gives up after 72 hours by default', () => {
    const attempt: PendingAttempt = { state: 'PENDING', createdAt: created, lastQueriedAt: at(119) };
    expect(reconciliationDecision(attempt, at(119.5))).toMatchObject({ action: 'wait', alert: false });
    expect(reconciliationDecision(attempt, at(131))).toEqual({ action: 'query', alert: true });
    expect(reconciliationDecision(attempt, at(72 * 60))).toEqual({ action: 'give-up', alert: true });
  });

  it('waits for the horizon when no query fits before it', () => {
    const attempt: PendingAttempt = { state: 'PENDING', createdAt: created, lastQueriedAt: at(72 * 60 - 5) };
    expect(nextQueryAt(attempt)).toBeNull();
    expect(reconciliationDecision(attempt, at(72 * 60 - 1))).toEqual({
      action: 'wait',
      checkAgainAt: at(72 * 60),
      alert: true,
    });
  });

  it('follows a configured policy', () => {
    const policy: ReconciliationPolicy = {
      firstQueryAfterMinutes: 10,
      minimumIntervalMinutes: 30,
      alertAfterMinutes: 60,
      giveUpAfterMinutes: 100,
    };
    expect(plannedQueryTimes(created, policy)).toEqual([at(10), at(40), at(70)]);
  });

  it.each([
    [{ firstQueryAfterMinutes: 0 }, 'firstQueryAfterMinutes'],
    [{ minimumIntervalMinutes: -12 }, 'minimumIntervalMinutes'],
    [{ alertAfterMinutes: Number.NaN }, 'alertAfterMinutes'],
    [{ giveUpAfterMinutes: 5 }, 'giveUpAfterMinutes'],
    [{ alertAfterMinutes: 5000 }, 'alertAfterMinutes'],
  ])('refuses the policy %o naming %s', (patch, field) => {
    expect(() => validateReconciliationPolicy({ ...DEFAULT_RECONCILIATION_POLICY, ...patch })).toThrow(
      expect.objectContaining({ code: 'RECONCILIATION_POLICY_INVALID', field }),
    );
  });

  it('accepts the default policy', () => {
    expect(validateReconciliationPolicy(DEFAULT_RECONCILIATION_POLICY)).toBe(DEFAULT_RECONCILIATION_POLICY);
  });
});

const policyArbitrary = fc
  .record({
    firstQueryAfterMinutes: fc.integer({ min: 1, max: 60 }),
    minimumIntervalMinutes: fc.integer({ min: 1, max: 60 }),
    alertExtra: fc.integer({ min: 0, max: 600 }),
    giveUpExtra: fc.integer({ min: 1, max: 2000 }),
  })
  .map(
    ({ firstQueryAfterMinutes, minimumIntervalMinutes, alertExtra, giveUpExtra }): ReconciliationPolicy => ({
      firstQueryAfterMinutes,
      minimumIntervalMinutes,
      alertAfterMinutes: Math.min(firstQueryAfterMinutes + alertExtra, firstQueryAfterMinutes + giveUpExtra),
      giveUpAfterMinutes: firstQueryAfterMinutes + giveUpExtra,
    }),
  );

const createdArbitrary = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
  .map((ms) => new Date(ms));

describe('reconciliation properties', () => {
  it('a query is only ever due after the first wait, the minimum interval, and before the horizon', () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        createdArbitrary,
        fc.option(fc.integer({ min: 0, max: 5000 * MINUTE })),
        fc.integer({ min: 0, max: 5000 * MINUTE }),
        (policy, createdAt, lastOffset, nowOffset) => {
          const attempt: PendingAttempt = {
            state: 'PENDING',
            createdAt,
            lastQueriedAt: lastOffset === null ? null : new Date(createdAt.getTime() + lastOffset),
          };
          const now = new Date(createdAt.getTime() + nowOffset);
          const decision = reconciliationDecision(attempt, now, policy);
          if (decision.action === 'query') {
            expect(nowOffset).toBeGreaterThanOrEqual(policy.firstQueryAfterMinutes * MINUTE);
            if (lastOffset !== null) {
              expect(nowOffset - lastOffset).toBeGreaterThanOrEqual(policy.minimumIntervalMinutes * MINUTE);
            }
            expect(nowOffset).toBeLessThan(policy.giveUpAfterMinutes * MINUTE);
          }
          if (decision.action === 'wait') {
            expect(decision.checkAgainAt.getTime()).toBeGreaterThan(now.getTime());
            // Waiting ends in a query or in giving up, never in another wait at the same instant.
            expect(reconciliationDecision(attempt, decision.checkAgainAt, policy).action).not.toBe('wait');
          }
          expect(decision.action === 'give-up').toBe(nowOffset >= policy.giveUpAfterMinutes * MINUTE);
          if (decision.action !== 'none') {
            expect(decision.alert).toBe(nowOffset >= policy.alertAfterMinutes * MINUTE);
          }
        },
      ),
    );
  });

  it('final states are never asked about', () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        createdArbitrary,
        fc.constantFrom<GatewayTransactionState>('OK', 'NOT_AUTHORIZED', 'FAILED'),
        fc.integer({ min: 0, max: 10_000 * MINUTE }),
        (policy, createdAt, state, nowOffset) => {
          const decision = reconciliationDecision(
            { state, createdAt },
            new Date(createdAt.getTime() + nowOffset),
            policy,
          );
          expect(decision).toEqual({ action: 'none' });
        },
      ),
    );
  });

  it('a job ticking every T ≤ interval minutes asks on time until the horizon, never too often', () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        createdArbitrary,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 59 }),
        (policy, createdAt, tickSeed, phase) => {
          const tick = Math.min(tickSeed, policy.minimumIntervalMinutes);
          let attempt: PendingAttempt = { state: 'PENDING', createdAt };
          const queries: number[] = [];
          let gaveUpAt: number | null = null;
          for (let minute = phase % tick; minute <= policy.giveUpAfterMinutes + tick; minute += tick) {
            const decision = reconciliationDecision(
              attempt,
              new Date(createdAt.getTime() + minute * MINUTE),
              policy,
            );
            if (decision.action === 'query') {
              queries.push(minute);
              attempt = { ...attempt, lastQueriedAt: new Date(createdAt.getTime() + minute * MINUTE) };
            }
            if (decision.action === 'give-up') {
              gaveUpAt = minute;
              break;
            }
          }
          expect(gaveUpAt).not.toBeNull();
          expect(gaveUpAt).toBeGreaterThanOrEqual(policy.giveUpAfterMinutes);
          const first = queries[0];
          if (policy.firstQueryAfterMinutes + tick <= policy.giveUpAfterMinutes) {
            expect(first).toBeDefined();
          }
          if (first !== undefined) {
            expect(first).toBeGreaterThanOrEqual(policy.firstQueryAfterMinutes);
            expect(first).toBeLessThan(policy.firstQueryAfterMinutes + tick);
          }
          for (let index = 1; index < queries.length; index++) {
            const gap = (queries[index] ?? 0) - (queries[index - 1] ?? 0);
            expect(gap).toBeGreaterThanOrEqual(policy.minimumIntervalMinutes);
            expect(gap).toBeLessThan(policy.minimumIntervalMinutes + tick);
          }
          // Liveness: the last query is within one interval and one tick of the horizon.
          const last = queries.at(-1);
          if (last !== undefined) {
            expect(policy.giveUpAfterMinutes - last).toBeLessThanOrEqual(
              policy.minimumIntervalMinutes + tick,
            );
          }
        },
      ),
    );
  });

  it('the planned schedule starts at the first wait, steps by the interval and stays before the horizon', () => {
    fc.assert(
      fc.property(policyArbitrary, createdArbitrary, (policy, createdAt) => {
        const times = plannedQueryTimes(createdAt, policy).map(
          (time) => (time.getTime() - createdAt.getTime()) / MINUTE,
        );
        expect(times[0]).toBe(policy.firstQueryAfterMinutes);
        times.forEach((minute, index) => {
          expect(minute).toBe(policy.firstQueryAfterMinutes + index * policy.minimumIntervalMinutes);
          expect(minute).toBeLessThan(policy.giveUpAfterMinutes);
        });
        expect((times.at(-1) ?? 0) + policy.minimumIntervalMinutes).toBeGreaterThanOrEqual(
          policy.giveUpAfterMinutes,
        );
      }),
    );
  });
});
