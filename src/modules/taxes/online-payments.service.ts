import { randomBytes } from 'node:crypto';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import { nextIdentifier } from '../../platform/identifiers/index.ts';
import { gatewayTransaction } from './billing.schema.ts';
import type { BillingService } from './billing.service.ts';
import {
  type Bank,
  type CallbackHeaders,
  DEFAULT_RECONCILIATION_POLICY,
  type GatewayTransaction,
  type Payer,
  type PaymentGateway,
  type ReconciliationPolicy,
  reconciliationDecision,
} from './gateway/index.ts';

export interface AttemptView {
  id: string;
  billId: string;
  optionSeq: number;
  reference: string;
  amount: number;
  state: 'CREATING' | 'PENDING' | 'OK' | 'NOT_AUTHORIZED' | 'FAILED';
  bankCode: string;
  createdAt: Date;
  settledAt: Date | null;
  paymentId: string | null;
  cus: string | null;
}

type AttemptRow = typeof gatewayTransaction.$inferSelect;

export type OnlinePaymentsService = ReturnType<typeof createOnlinePaymentsService>;

const BANK_LIST_TTL_MS = 24 * 3600 * 1000;
const isSettled = (state: string) => state === 'OK' || state === 'NOT_AUTHORIZED' || state === 'FAILED';

/**
 * Online payment through PSE (issue 3): an attempt freezes the option's total, the gateway takes the
 * citizen to the bank, and the outcome arrives by the return, the signed callback or the reconciliation
 * job — in any order and any number of times. The attempt row is locked while an outcome is applied,
 * and the payment is keyed by the gateway's transaction id, so it is applied exactly once.
 */
export function createOnlinePaymentsService(deps: {
  db: Db;
  billing: BillingService;
  gateway: PaymentGateway;
  audit: AuditService;
  publicUrl: string;
  policy?: ReconciliationPolicy;
  now?: () => Date;
}) {
  const { db, billing, gateway, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const policy = deps.policy ?? DEFAULT_RECONCILIATION_POLICY;
  let bankCache: { at: number; banks: Bank[] } | null = null;

  const toView = (row: AttemptRow): AttemptView => ({
    id: row.id,
    billId: row.billId,
    optionSeq: row.optionSeq,
    reference: row.reference,
    amount: row.amount,
    state: row.state,
    bankCode: row.bankCode,
    createdAt: row.createdAt,
    settledAt: row.settledAt,
    paymentId: row.paymentId,
    cus: (row.detail?.cus as string | undefined) ?? null,
  });

  /** PSE banks, cached for a day as ACH asks (§6). */
  async function banks(): Promise<Bank[]> {
    if (bankCache && now().getTime() - bankCache.at < BANK_LIST_TTL_MS) return bankCache.banks;
    const list = await gateway.listBanks();
    bankCache = { at: now().getTime(), banks: list };
    return list;
  }

  async function getAttempt(tenantId: string, id: string): Promise<AttemptView> {
    const [row] = await db
      .select()
      .from(gatewayTransaction)
      .where(and(eq(gatewayTransaction.tenantId, tenantId), eq(gatewayTransaction.id, id)));
    if (!row) throw notFound('El intento de pago no existe.');
    return toView(row);
  }

  /** Opens a PSE payment of one pay-by option of a bill and returns where to send the browser. */
  async function start(
    actor: Actor,
    input: {
      billId: string;
      optionSeq: number;
      bankCode: string;
      payer: Payer;
      ipAddress?: string;
      userAgent?: string;
    },
  ): Promise<{ attempt: AttemptView; redirectUrl: string }> {
    const tenantId = actor.tenantId;
    const target = await billing.getBill(tenantId, input.billId);
    if (target.state !== 'vigente') {
      throw conflict(
        'BILL_NOT_PAYABLE',
        target.state === 'pagada'
          ? 'Esta factura ya está pagada.'
          : 'Esta factura ya no se puede pagar (venció o fue anulada): genere una nueva.',
        'billId',
      );
    }
    const option = target.options.find((candidate) => candidate.seq === input.optionSeq);
    const today = toBogotaDate(now());
    if (!option) throw notFound('La factura no tiene esa fecha de pago.');
    if (option.payBy < today) {
      throw conflict(
        'OPTION_EXPIRED',
        `La fecha de pago ${option.payBy} ya pasó: elija otra o genere una nueva factura.`,
        'optionSeq',
      );
    }
    if (!(await banks()).some((bank) => bank.code === input.bankCode)) {
      throw conflict('BANK_UNKNOWN', 'El banco elegido no está disponible en PSE.', 'bankCode');
    }

    const attempt = await db.transaction(async (tx) => {
      // One attempt in flight per bill: a second debit while the first is pending is what PSE warns about.
      await tx.execute(sql`select 1 from bill where id = ${target.id} for update`);
      const [pending] = await tx
        .select({ id: gatewayTransaction.id })
        .from(gatewayTransaction)
        .where(
          and(
            eq(gatewayTransaction.billId, target.id),
            sql`${gatewayTransaction.state} in ('CREATING', 'PENDING', 'OK')`,
          ),
        );
      if (pending) {
        throw conflict(
          'PAYMENT_IN_PROGRESS',
          'Ya hay un pago en línea en curso o aprobado para esta factura; espere la respuesta del banco antes de intentar otro.',
        );
      }
      const year = Number(today.slice(0, 4));
      // The consecutive for people, plus a random tail: a reference the gateway saw once (a restored
      // backup, a test database) is never offered to it again.
      const serial = (await nextIdentifier(tx, { tenantId, series: 'PSE', year })).formatted;
      const reference = `${serial}-${randomBytes(3).toString('hex')}`;
      const [row] = await tx
        .insert(gatewayTransaction)
        .values({
          tenantId,
          billId: target.id,
          optionSeq: option.seq,
          reference,
          amount: option.total,
          state: 'CREATING',
          bankCode: input.bankCode,
          userId: actor.userId,
        })
        .returning();
      await audit.record(tx, actor, {
        action: 'taxes.pse.start',
        entityType: 'gateway_transaction',
        entityId: row!.id,
        details: { bill: target.number, amount: option.total, bank: input.bankCode },
      });
      return row!;
    });

    try {
      const created = await gateway.createTransaction({
        reference: attempt.reference,
        amountPesos: attempt.amount,
        description: `Impuesto predial, factura ${target.number}`,
        payer: input.payer,
        bankCode: input.bankCode,
        returnUrl: `${deps.publicUrl}/pagos/pse/retorno?intento=${attempt.id}`,
        callbackUrl: `${deps.publicUrl}/api/v1/pagos/pse/notificaciones`,
        idempotencyKey: attempt.id,
        ipAddress: input.ipAddress,
        userAgent: input.userAgent,
      });
      const firstCheck = new Date(attempt.createdAt.getTime() + policy.firstQueryAfterMinutes * 60_000);
      const [updated] = await db
        .update(gatewayTransaction)
        .set({
          gatewayId: created.transactionId,
          state: 'PENDING',
          redirectUrl: created.redirectUrl,
          nextCheckAt: firstCheck,
        })
        .where(and(eq(gatewayTransaction.id, attempt.id), eq(gatewayTransaction.state, 'CREATING')))
        .returning();
      return { attempt: toView(updated ?? attempt), redirectUrl: created.redirectUrl };
    } catch (error) {
      await db
        .update(gatewayTransaction)
        .set({ state: 'FAILED', settledAt: now(), detail: { error: (error as Error).message } })
        .where(eq(gatewayTransaction.id, attempt.id));
      throw error;
    }
  }

  /**
   * Applies what the gateway says about a transaction. Final states are written once; OK records the
   * payment in the same transaction; an amount different from the frozen one is never applied.
   */
  async function applyOutcome(
    row: AttemptRow,
    outcome: GatewayTransaction,
    source: string,
  ): Promise<AttemptView> {
    return db.transaction(async (tx) => {
      const [locked] = await tx
        .select()
        .from(gatewayTransaction)
        .where(eq(gatewayTransaction.id, row.id))
        .for('update');
      if (!locked) throw notFound('El intento de pago no existe.');
      if (isSettled(locked.state)) return toView(locked);
      const at = now();
      if (outcome.state === 'PENDING') {
        const decision = reconciliationDecision(
          { state: 'PENDING', createdAt: locked.createdAt, lastQueriedAt: at },
          at,
          policy,
        );
        const [updated] = await tx
          .update(gatewayTransaction)
          .set({
            lastQueriedAt: at,
            nextCheckAt: decision.action === 'wait' ? decision.checkAgainAt : null,
            detail: {
              ...(locked.detail ?? {}),
              lastSource: source,
              alert: 'alert' in decision ? decision.alert : false,
            },
          })
          .where(eq(gatewayTransaction.id, locked.id))
          .returning();
        return toView(updated!);
      }
      const settledAt = outcome.settledAt ? new Date(outcome.settledAt) : at;
      const detail = {
        ...(locked.detail ?? {}),
        source,
        cus: outcome.cus ?? null,
        authorizationCode: outcome.authorizationCode ?? null,
      };
      let paymentId: string | null = null;
      if (outcome.state === 'OK') {
        if (outcome.amountPesos !== locked.amount) {
          const [updated] = await tx
            .update(gatewayTransaction)
            .set({
              state: 'OK',
              settledAt,
              nextCheckAt: null,
              detail: { ...detail, amountMismatch: outcome.amountPesos },
            })
            .where(eq(gatewayTransaction.id, locked.id))
            .returning();
          return toView(updated!);
        }
        const recorded = await billing.recordPayment(
          {
            tenantId: locked.tenantId,
            billId: locked.billId,
            optionSeq: locked.optionSeq,
            channel: 'pse',
            externalId: locked.gatewayId ?? outcome.transactionId,
            amount: locked.amount,
            paidAt: settledAt,
            collectionDate: toBogotaDate(settledAt),
            bankCode: locked.bankCode,
            gatewayTransactionId: locked.id,
          },
          tx as Tx,
        );
        paymentId = recorded.paymentId;
      }
      const [updated] = await tx
        .update(gatewayTransaction)
        .set({ state: outcome.state, settledAt, nextCheckAt: null, paymentId, lastQueriedAt: at, detail })
        .where(eq(gatewayTransaction.id, locked.id))
        .returning();
      return toView(updated!);
    });
  }

  /** The citizen came back from the bank, or an official asked: query the gateway now. */
  async function refresh(tenantId: string, attemptId: string): Promise<AttemptView> {
    const [row] = await db
      .select()
      .from(gatewayTransaction)
      .where(and(eq(gatewayTransaction.tenantId, tenantId), eq(gatewayTransaction.id, attemptId)));
    if (!row) throw notFound('El intento de pago no existe.');
    if (isSettled(row.state) || !row.gatewayId) return toView(row);
    return applyOutcome(row, await gateway.getTransaction(row.gatewayId), 'retorno');
  }

  /** A signed notification from the gateway; forged, stale or unknown ones are refused. */
  async function handleCallback(
    headers: CallbackHeaders,
    rawBody: string | Uint8Array,
  ): Promise<AttemptView> {
    const notification = await gateway.verifyCallback(headers, rawBody);
    const [row] = await db
      .select()
      .from(gatewayTransaction)
      .where(eq(gatewayTransaction.gatewayId, notification.transaction.transactionId));
    if (!row) throw notFound('La notificación se refiere a una transacción que no conocemos.');
    // A repeated notice (gateways retry) for a settled attempt needs no lock and no write.
    if (isSettled(row.state)) return toView(row);
    return applyOutcome(row, notification.transaction, 'notificacion');
  }

  /** The reconciliation job: asks about PENDING attempts whose next check is due. */
  async function reconcileDue(limit = 100): Promise<{ checked: number; settled: number }> {
    const due = await db
      .select()
      .from(gatewayTransaction)
      .where(and(eq(gatewayTransaction.state, 'PENDING'), lte(gatewayTransaction.nextCheckAt, now())))
      .orderBy(asc(gatewayTransaction.nextCheckAt))
      .limit(limit);
    let settled = 0;
    for (const row of due) {
      if (!row.gatewayId) continue;
      const outcome = await gateway.getTransaction(row.gatewayId).catch(() => null);
      if (!outcome) continue;
      const view = await applyOutcome(row, outcome, 'conciliacion');
      if (view.state !== 'PENDING') settled++;
    }
    return { checked: due.length, settled };
  }

  async function attemptsOfBill(tenantId: string, billId: string): Promise<AttemptView[]> {
    const rows = await db
      .select()
      .from(gatewayTransaction)
      .where(and(eq(gatewayTransaction.tenantId, tenantId), eq(gatewayTransaction.billId, billId)))
      .orderBy(asc(gatewayTransaction.createdAt));
    return rows.map(toView);
  }

  return { banks, start, getAttempt, refresh, handleCallback, reconcileDue, attemptsOfBill, applyOutcome };
}
