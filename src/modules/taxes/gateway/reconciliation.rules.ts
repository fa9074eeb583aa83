import { AppError } from '../../../platform/http/errors.ts';
import { type GatewayTransactionState, isFinalState } from './payment-gateway.ts';

/**
 * When to ask the gateway again about a PENDING PSE transaction (domain/taxes.md §6, from PlacetoPay's
 * PSE guide): query when the citizen returns; otherwise query once 7 minutes have passed since
 * creation, then at intervals of at least 12 minutes until the state is no longer PENDING.
 *
 * The horizon is ours [INF]: after `alertAfterMinutes` an official should look at it; after
 * `giveUpAfterMinutes` automatic queries stop and the attempt waits for manual reconciliation (the
 * gateway's console or the bank's Asobancaria file). All four numbers are configuration.
 */
export interface ReconciliationPolicy {
  firstQueryAfterMinutes: number;
  minimumIntervalMinutes: number;
  alertAfterMinutes: number;
  giveUpAfterMinutes: number;
}

export const DEFAULT_RECONCILIATION_POLICY: ReconciliationPolicy = {
  firstQueryAfterMinutes: 7,
  minimumIntervalMinutes: 12,
  alertAfterMinutes: 120,
  giveUpAfterMinutes: 72 * 60,
};

export interface PendingAttempt {
  state: GatewayTransactionState;
  createdAt: Date;
  /**
   * The last status query. Pass the reconciliation job's queries; also passing the query made when the
   * citizen returned is safe (it can only push the next query later, never earlier).
   */
  lastQueriedAt?: Date | null;
}

export type ReconciliationDecision =
  /** Final state: never ask again. */
  | { action: 'none' }
  /** Nothing to do before `checkAgainAt` (the next query, or the give-up horizon). */
  | { action: 'wait'; checkAgainAt: Date; alert: boolean }
  /** Ask the gateway now. */
  | { action: 'query'; alert: boolean }
  /** The horizon passed: stop asking, alert, leave it to manual reconciliation. */
  | { action: 'give-up'; alert: true };

const MINUTE_MS = 60_000;

/** Checks a configured policy; a wrong number names its field. */
export function validateReconciliationPolicy(policy: ReconciliationPolicy): ReconciliationPolicy {
  const fields = [
    'firstQueryAfterMinutes',
    'minimumIntervalMinutes',
    'alertAfterMinutes',
    'giveUpAfterMinutes',
  ];
  for (const field of fields as (keyof ReconciliationPolicy)[]) {
    const value = policy[field];
    if (!Number.isFinite(value) || value <= 0) {
      throw new AppError(
        400,
        'RECONCILIATION_POLICY_INVALID',
        `El valor de ${field} debe ser un número de minutos mayor que cero.`,
        field,
      );
    }
  }
  if (policy.giveUpAfterMinutes <= policy.firstQueryAfterMinutes) {
    throw new AppError(
      400,
      'RECONCILIATION_POLICY_INVALID',
      'El plazo para dejar de consultar debe ser mayor que la espera de la primera consulta.',
      'giveUpAfterMinutes',
    );
  }
  if (policy.alertAfterMinutes > policy.giveUpAfterMinutes) {
    throw new AppError(
      400,
      'RECONCILIATION_POLICY_INVALID',
      'La alerta debe llegar antes de dejar de consultar o al mismo tiempo.',
      'alertAfterMinutes',
    );
  }
  return policy;
}

/**
 * The earliest instant the job may ask about this attempt, or null when it must not ask any more
 * (final state, or the next query would fall at or after the give-up horizon).
 */
export function nextQueryAt(attempt: PendingAttempt, policy = DEFAULT_RECONCILIATION_POLICY): Date | null {
  if (isFinalState(attempt.state)) return null;
  const created = attempt.createdAt.getTime();
  const afterCreation = created + policy.firstQueryAfterMinutes * MINUTE_MS;
  const afterLastQuery = attempt.lastQueriedAt
    ? attempt.lastQueriedAt.getTime() + policy.minimumIntervalMinutes * MINUTE_MS
    : Number.NEGATIVE_INFINITY;
  const next = Math.max(afterCreation, afterLastQuery);
  return next < giveUpAt(attempt, policy).getTime() ? new Date(next) : null;
}

export function alertAt(
  attempt: Pick<PendingAttempt, 'createdAt'>,
  policy = DEFAULT_RECONCILIATION_POLICY,
): Date {
  return new Date(attempt.createdAt.getTime() + policy.alertAfterMinutes * MINUTE_MS);
}

export function giveUpAt(
  attempt: Pick<PendingAttempt, 'createdAt'>,
  policy = DEFAULT_RECONCILIATION_POLICY,
): Date {
  return new Date(attempt.createdAt.getTime() + policy.giveUpAfterMinutes * MINUTE_MS);
}

/** What the reconciliation job does with one attempt at `now`. */
export function reconciliationDecision(
  attempt: PendingAttempt,
  now: Date,
  policy = DEFAULT_RECONCILIATION_POLICY,
): ReconciliationDecision {
  if (isFinalState(attempt.state)) return { action: 'none' };
  const horizon = giveUpAt(attempt, policy);
  if (now.getTime() >= horizon.getTime()) return { action: 'give-up', alert: true };
  const alert = now.getTime() >= alertAt(attempt, policy).getTime();
  const next = nextQueryAt(attempt, policy);
  // No query fits before the horizon: the next thing to do is to give up there.
  if (next === null) return { action: 'wait', checkAgainAt: horizon, alert };
  if (now.getTime() >= next.getTime()) return { action: 'query', alert };
  return { action: 'wait', checkAgainAt: next, alert };
}

/** The queries of an attempt that stays PENDING and is asked about exactly on time (for screens and tests). */
export function plannedQueryTimes(createdAt: Date, policy = DEFAULT_RECONCILIATION_POLICY): Date[] {
  const times: Date[] = [];
  let attempt: PendingAttempt = { state: 'PENDING', createdAt };
  for (let next = nextQueryAt(attempt, policy); next !== null; next = nextQueryAt(attempt, policy)) {
    times.push(next);
    attempt = { ...attempt, lastQueriedAt: next };
  }
  return times;
}
