import { and, desc, eq, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, conflict, notFound } from '../../platform/http/errors.ts';
import { nextIdentifier } from '../../platform/identifiers/index.ts';
import {
  type AgreementOffer,
  agreementFromOffer,
  agreementOffer,
  agreementStatus,
  largestRemainderSplit,
  type PaymentAgreement,
  validateAgreementRequest,
} from './billing/index.ts';
import { type AgreementState, bill, payment, paymentAgreement, type Tax } from './billing.schema.ts';
import type { BillingService, BillView } from './billing.service.ts';
import type { DemandLine } from './liquidation/index.ts';
import { predio } from './predios.schema.ts';

export interface AgreementInstalmentView {
  number: number;
  dueDate: string;
  amount: number;
  paid: number;
  billReference: string | null;
}

export interface AgreementView {
  id: string;
  number: string;
  predioId: string;
  numeroPredial: string | null;
  planId: string;
  planLabel: string;
  state: AgreementState;
  total: number;
  interestFree: boolean;
  instalments: AgreementInstalmentView[];
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

type AgreementRow = typeof paymentAgreement.$inferSelect;

export type AgreementsService = ReturnType<typeof createAgreementsService>;

/**
 * Payment agreements (pago diferido, Arts. 814 and 814-3 ET): the taxpayer chooses a configured plan, an
 * official approves or rejects it, each instalment gets its own bill, interest is suspended while the
 * agreement is current, and a missed instalment (past the grace days) voids it: the balance is then
 * due with interest from the original due dates, through ordinary bills.
 */
export function createAgreementsService(deps: {
  db: Db;
  billing: BillingService;
  audit: AuditService;
  now?: () => Date;
}) {
  const { db, billing, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const today = () => toBogotaDate(now());

  async function debtLines(tenantId: string, tax: Tax, subjectId: string) {
    const balances = (await billing.balancesOf(tenantId, tax, subjectId)).filter((row) => row.balance > 0);
    const lines: DemandLine[] = balances.map((row) => ({
      vigencia: row.vigencia,
      concept: row.concept as DemandLine['concept'],
      amount: row.balance,
      dueDate: row.dueDate,
      interestBearing: row.interestBearing,
    }));
    return { balances, lines };
  }

  async function offers(tenantId: string, subjectId: string): Promise<AgreementOffer[]> {
    const { rules } = await billing.rulesOfTenant(tenantId);
    const { lines } = await debtLines(tenantId, 'predial', subjectId);
    if (lines.length === 0) return [];
    return agreementOffer(lines, today(), rules);
  }

  async function paymentsOf(agreementId: string) {
    const rows = await db
      .select({ paidOn: payment.collectionDate, amount: payment.amount, number: bill.instalmentNumber })
      .from(payment)
      .innerJoin(bill, eq(bill.id, payment.billId))
      .where(eq(bill.agreementId, agreementId));
    return rows;
  }

  async function billsOf(agreementId: string) {
    return db
      .select({ number: bill.instalmentNumber, reference: bill.paymentReference, issuedAt: bill.issuedAt })
      .from(bill)
      .where(eq(bill.agreementId, agreementId))
      .orderBy(desc(bill.issuedAt));
  }

  /** The stored row brought up to date: an agreement whose instalment went unpaid becomes «incumplido». */
  async function refreshed(row: AgreementRow): Promise<AgreementRow> {
    if (row.state !== 'vigente') return row;
    const status = agreementStatus(
      row.detail as unknown as PaymentAgreement,
      await paymentsOf(row.id),
      today(),
    );
    if (status.status === 'vigente') return row;
    const [updated] = await db
      .update(paymentAgreement)
      .set({ state: status.status, endedAt: now() })
      .where(and(eq(paymentAgreement.id, row.id), eq(paymentAgreement.state, 'vigente')))
      .returning();
    return updated ?? row;
  }

  async function toView(row: AgreementRow): Promise<AgreementView> {
    const current = await refreshed(row);
    const [payments, bills] = await Promise.all([paymentsOf(row.id), billsOf(row.id)]);
    const status =
      current.state === 'solicitado' || current.state === 'rechazado'
        ? null
        : agreementStatus(current.detail as unknown as PaymentAgreement, payments, today());
    const [subject] = await db
      .select({ numero: predio.numeroPredial, anterior: predio.numeroPredialAnterior })
      .from(predio)
      .where(eq(predio.id, current.subjectId));
    return {
      id: current.id,
      number: current.number,
      predioId: current.subjectId,
      numeroPredial: subject?.numero ?? subject?.anterior ?? null,
      planId: current.planId,
      planLabel: String(
        (current.detail as { planLabel?: string; label?: string }).planLabel ??
          (current.detail as { label?: string }).label ??
          current.planId,
      ),
      state: current.state,
      total: current.total,
      interestFree: current.interestFree,
      instalments: current.instalments.map((instalment) => ({
        ...instalment,
        paid: status?.instalments.find((item) => item.number === instalment.number)?.paid ?? 0,
        billReference: bills.find((item) => item.number === instalment.number)?.reference ?? null,
      })),
      createdAt: current.createdAt.toISOString(),
      decidedAt: current.decidedAt?.toISOString() ?? null,
      decisionNote: current.decisionNote,
    };
  }

  async function request(
    actor: Actor,
    subjectId: string,
    input: { planId: string; cuotas?: number },
  ): Promise<AgreementView> {
    const { rules } = await billing.rulesOfTenant(actor.tenantId);
    const { balances, lines } = await debtLines(actor.tenantId, 'predial', subjectId);
    if (lines.length === 0) throw conflict('NOTHING_OWED', 'El predio no tiene saldos pendientes.');
    const validation = validateAgreementRequest(
      { planId: input.planId, ...(input.cuotas ? { instalments: input.cuotas } : {}) },
      lines,
      today(),
      rules,
    );
    if (!validation.ok) {
      const [first] = validation.errors;
      const field = first!.field === 'instalments' ? 'cuotas' : first!.field;
      throw new AppError(400, 'AGREEMENT_INVALID', validation.errors.map((e) => e.message).join(' '), field);
    }
    const { offer } = validation;
    const covered = balances.filter((row) => offer.vigencias.includes(row.vigencia));
    try {
      const created = await db.transaction(async (tx) => {
        const number = await nextIdentifier(tx, {
          tenantId: actor.tenantId,
          series: 'ACU',
          year: Number(today().slice(0, 4)),
        });
        const [row] = await tx
          .insert(paymentAgreement)
          .values({
            tenantId: actor.tenantId,
            tax: 'predial',
            subjectId,
            number: number.formatted,
            planId: offer.planId,
            state: 'solicitado',
            demandIds: covered.map((row) => row.id),
            total: offer.totals.total,
            instalments: offer.instalments.map(({ number: n, dueDate, amount }) => ({
              number: n,
              dueDate,
              amount,
            })),
            interestFree: offer.interestWaived,
            detail: { ...offer, planLabel: offer.label } as never,
            requestedByUserId: actor.userId,
          })
          .returning();
        await audit.record(tx, actor, {
          action: 'taxes.agreement.request',
          entityType: 'payment_agreement',
          entityId: row!.id,
          details: { plan: offer.planId, total: offer.totals.total, instalments: offer.instalments.length },
        });
        return row!;
      });
      // Read back outside the transaction: PGlite has one connection, a query beside an open one waits.
      return await toView(created);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('AGREEMENT_EXISTS', 'Este predio ya tiene un acuerdo de pago solicitado o vigente.');
      }
      throw error;
    }
  }

  async function getRow(tenantId: string, id: string): Promise<AgreementRow> {
    const [row] = await db
      .select()
      .from(paymentAgreement)
      .where(and(eq(paymentAgreement.tenantId, tenantId), eq(paymentAgreement.id, id)));
    if (!row) throw notFound('El acuerdo de pago no existe.');
    return row;
  }

  async function decide(actor: Actor, id: string, input: { approve: boolean; note?: string }) {
    const row = await getRow(actor.tenantId, id);
    if (row.state !== 'solicitado') {
      throw conflict('AGREEMENT_DECIDED', `El acuerdo ${row.number} ya fue decidido (${row.state}).`);
    }
    if (!input.approve && !input.note?.trim()) {
      throw new AppError(
        400,
        'VALIDATION_ERROR',
        'nota: explique al contribuyente por qué se rechaza.',
        'nota',
      );
    }
    if (row.requestedByUserId && row.requestedByUserId === actor.userId) {
      throw conflict('SELF_APPROVAL', 'Quien solicita un acuerdo no puede decidirlo.');
    }
    const granted = input.approve
      ? agreementFromOffer(row.detail as unknown as AgreementOffer, {
          id: row.id,
          subjectKey: row.subjectId,
          grantedOn: today(),
        })
      : null;
    const [updated] = await db.transaction(async (tx) => {
      const result = await tx
        .update(paymentAgreement)
        .set({
          state: input.approve ? 'vigente' : 'rechazado',
          decidedByUserId: actor.userId,
          decisionNote: input.note?.trim() || null,
          decidedAt: now(),
          ...(granted ? { detail: { ...granted } as never } : {}),
        })
        .where(and(eq(paymentAgreement.id, row.id), eq(paymentAgreement.state, 'solicitado')))
        .returning();
      await audit.record(tx, actor, {
        action: input.approve ? 'taxes.agreement.approve' : 'taxes.agreement.reject',
        entityType: 'payment_agreement',
        entityId: row.id,
        details: { note: input.note ?? null },
      });
      return result;
    });
    if (!updated) throw conflict('AGREEMENT_DECIDED', 'El acuerdo ya fue decidido por otra persona.');
    return toView(updated);
  }

  /** The bill of one instalment: its amount less what was paid of it, split into capital and interest. */
  async function instalmentBill(actor: Actor, id: string, instalmentNumber: number): Promise<BillView> {
    const row = await refreshed(await getRow(actor.tenantId, id));
    if (row.state !== 'vigente') {
      throw conflict('AGREEMENT_NOT_CURRENT', `El acuerdo ${row.number} no está vigente (${row.state}).`);
    }
    const status = agreementStatus(
      row.detail as unknown as PaymentAgreement,
      await paymentsOf(row.id),
      today(),
    );
    const instalment = status.instalments.find((item) => item.number === instalmentNumber);
    if (!instalment) throw notFound('El acuerdo no tiene esa cuota.');
    if (instalment.pending <= 0) throw conflict('INSTALMENT_PAID', 'Esa cuota ya está pagada.');
    const detail = row.detail as unknown as PaymentAgreement;
    // The financed interest travels with each instalment in the proportion it has in the total.
    const [capital] = largestRemainderSplit(instalment.pending, [
      detail.totals.capital + detail.totals.sanction,
      detail.totals.interest,
    ]);
    return billing.issueBill(actor, {
      tax: 'predial',
      subjectId: row.subjectId,
      snapshot: { agreement: row.number },
      demandIds: row.demandIds,
      instalment: {
        agreementId: row.id,
        number: instalmentNumber,
        dueDate: instalment.dueDate,
        amount: instalment.pending,
        capital: capital!,
      },
    });
  }

  async function ofSubject(tenantId: string, subjectId: string): Promise<AgreementView[]> {
    const rows = await db
      .select()
      .from(paymentAgreement)
      .where(and(eq(paymentAgreement.tenantId, tenantId), eq(paymentAgreement.subjectId, subjectId)))
      .orderBy(desc(paymentAgreement.createdAt));
    return Promise.all(rows.map(toView));
  }

  async function list(tenantId: string, state?: AgreementState): Promise<AgreementView[]> {
    const rows = await db
      .select()
      .from(paymentAgreement)
      .where(
        and(eq(paymentAgreement.tenantId, tenantId), state ? eq(paymentAgreement.state, state) : sql`true`),
      )
      .orderBy(desc(paymentAgreement.createdAt))
      .limit(200);
    return Promise.all(rows.map(toView));
  }

  /** The daily sweep: every current agreement brought up to date (missed instalments void it). */
  async function sweep(): Promise<{ checked: number; voided: number }> {
    const rows = await db.select().from(paymentAgreement).where(eq(paymentAgreement.state, 'vigente'));
    let voided = 0;
    for (const row of rows) if ((await refreshed(row)).state === 'incumplido') voided++;
    return { checked: rows.length, voided };
  }

  /** The agreements a person requested, for "Mis trámites". */
  async function requestedBy(tenantId: string, userId: string): Promise<AgreementView[]> {
    const rows = await db
      .select()
      .from(paymentAgreement)
      .where(and(eq(paymentAgreement.tenantId, tenantId), eq(paymentAgreement.requestedByUserId, userId)))
      .orderBy(desc(paymentAgreement.createdAt))
      .limit(50);
    return Promise.all(rows.map(toView));
  }

  return {
    requestedBy,
    sweep,
    offers,
    request,
    decide,
    instalmentBill,
    ofSubject,
    list,
    get: async (t: string, id: string) => toView(await getRow(t, id)),
  };
}
