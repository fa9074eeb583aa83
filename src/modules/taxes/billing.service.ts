import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { readTenantFile } from '../../platform/bootstrap/tenant-config.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/database.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.ts';
import { nextIdentifier } from '../../platform/identifiers/index.ts';
import type { TenantService } from '../../platform/tenancy/tenancy.service.ts';
import { encodeReceiptBarcode, makePaymentReference } from './barcode/index.ts';
import {
  type ApportionOrder,
  apportionPayment,
  largestRemainderSplit,
  type OwedItem,
} from './billing/apportion.rules.ts';
import { billExpiresOn, payByOptions } from './billing/pay-by-options.rules.ts';
import {
  type ApplicationComponent,
  type BillOptionLine,
  type BillState,
  bill,
  billLine,
  billOption,
  type PaymentChannel,
  payment,
  paymentAgreement,
  paymentApplication,
  type Tax,
  taxDemand,
} from './billing.schema.ts';
import { type AmountsDue, amountsDue, type DemandLine, type RuleSet } from './liquidation/index.ts';
import { rulesFor } from './tax-rules.ts';

export interface DemandBalance {
  id: string;
  vigencia: number;
  concept: string;
  amount: number;
  settled: number;
  balance: number;
  dueDate: string;
  interestBearing: boolean;
}

export interface BillOptionView {
  seq: number;
  payBy: string;
  label: string;
  total: number;
  barcodeText: string;
  lines: BillOptionLine[];
}

export interface BillView {
  id: string;
  tax: Tax;
  subjectId: string;
  number: string;
  paymentReference: string;
  issuedAt: Date;
  expiresOn: string;
  /** `vencida` when the last pay-by date has passed unpaid. */
  state: BillState;
  snapshot: Record<string, unknown>;
  agreementId: string | null;
  instalmentNumber: number | null;
  paidAt: Date | null;
  lines: { demandId: string; vigencia: number; concept: string; capital: number }[];
  options: BillOptionView[];
}

export interface RecordPaymentInput {
  tenantId: string;
  billId: string;
  /** The pay-by option the payer used (its total); null lets the payment date choose. */
  optionSeq?: number | null;
  channel: PaymentChannel;
  /** Unique per channel: the gateway transaction id, the bank file line key, the cash receipt number. */
  externalId: string;
  amount: number;
  paidAt: Date;
  collectionDate: string;
  bankCode?: string | null;
  bankFileId?: string | null;
  gatewayTransactionId?: string | null;
  recordedByUserId?: string | null;
  /** Partial payments are apportioned in this order (Art. 804 ET by default). */
  order?: ApportionOrder;
}

export interface RecordedPayment {
  paymentId: string;
  /** false when this external id was already recorded: nothing was applied a second time. */
  created: boolean;
  amount: number;
  unapplied: number;
  billState: BillState;
}

export interface StatementConcept extends DemandBalance {
  /** Inside a current payment agreement: paid by its instalments, without interest. */
  inAgreement: boolean;
  interest: number;
  discount: number;
  relief: number;
  sanctionUpdate: number;
  totalToday: number;
}

export interface AccountStatement {
  asOf: string;
  vigencias: { vigencia: number; concepts: StatementConcept[]; balance: number; totalToday: number }[];
  balance: number;
  totalToday: number;
}

export type BillingService = ReturnType<typeof createBillingService>;

/**
 * Demands, bills and payments (docs/taxes-design.md): a bill is a dated snapshot of the open demands with
 * its pay-by options and barcodes, never edited; a payment applies to a bill once, keyed by its external
 * id, and is apportioned to the demands in one transaction.
 */
export function createBillingService(deps: {
  db: Db;
  audit: AuditService;
  tenants: Pick<TenantService, 'getById'>;
  now?: () => Date;
}) {
  const { db, audit, tenants } = deps;
  const now = deps.now ?? (() => new Date());

  async function rulesOfTenant(tenantId: string, tx?: DbOrTx) {
    const tenant = await tenants.getById(tenantId, tx as Tx | undefined);
    return { tenant, ...rulesFor(tenant.divipola) };
  }

  async function balancesOf(
    tenantId: string,
    tax: Tax,
    subjectId: string,
    tx: DbOrTx = db,
  ): Promise<DemandBalance[]> {
    const rows = await tx
      .select()
      .from(taxDemand)
      .where(
        and(eq(taxDemand.tenantId, tenantId), eq(taxDemand.tax, tax), eq(taxDemand.subjectId, subjectId)),
      )
      .orderBy(asc(taxDemand.vigencia), asc(taxDemand.concept));
    return rows.map((row) => ({
      id: row.id,
      vigencia: row.vigencia,
      concept: row.concept,
      amount: row.amount,
      settled: row.settled,
      balance: row.amount - row.settled,
      dueDate: row.dueDate,
      interestBearing: row.interestBearing,
    }));
  }

  const demandLineOf = (balance: DemandBalance): DemandLine => ({
    vigencia: balance.vigencia,
    concept: balance.concept as DemandLine['concept'],
    amount: balance.balance,
    dueDate: balance.dueDate,
    interestBearing: balance.interestBearing,
  });

  /** Demands inside a current payment agreement: billed by instalment, no interest while it is kept. */
  async function underAgreement(tenantId: string, subjectId: string, tx: DbOrTx = db): Promise<Set<string>> {
    const rows = await tx
      .select({ demandIds: paymentAgreement.demandIds })
      .from(paymentAgreement)
      .where(
        and(
          eq(paymentAgreement.tenantId, tenantId),
          eq(paymentAgreement.subjectId, subjectId),
          eq(paymentAgreement.state, 'vigente'),
        ),
      );
    return new Set(rows.flatMap((row) => row.demandIds));
  }

  /** What a subject owes per vigencia and concept, and what it would pay today. */
  async function statement(tenantId: string, tax: Tax, subjectId: string): Promise<AccountStatement> {
    const asOf = toBogotaDate(now());
    const { rules } = await rulesOfTenant(tenantId);
    const balances = await balancesOf(tenantId, tax, subjectId);
    const agreed = await underAgreement(tenantId, subjectId);
    const open = balances.filter((balance) => balance.balance > 0);
    const due = open.length
      ? amountsDue(
          open.map((balance) => ({
            ...demandLineOf(balance),
            interestBearing: balance.interestBearing && !agreed.has(balance.id),
          })),
          asOf,
          rules,
        )
      : null;
    const byVigencia = new Map<number, StatementConcept[]>();
    for (const balance of balances) {
      const index = open.indexOf(balance);
      const line = index >= 0 ? due!.lines[index]! : null;
      const concept: StatementConcept = {
        ...balance,
        inAgreement: agreed.has(balance.id),
        interest: line?.interest ?? 0,
        discount: line?.discount ?? 0,
        relief: line?.relief ?? 0,
        sanctionUpdate: line?.sanctionUpdate ?? 0,
        totalToday: line?.total ?? 0,
      };
      byVigencia.set(balance.vigencia, [...(byVigencia.get(balance.vigencia) ?? []), concept]);
    }
    const vigencias = [...byVigencia.entries()]
      .sort(([a], [b]) => b - a)
      .map(([vigencia, concepts]) => ({
        vigencia,
        concepts,
        balance: concepts.reduce((sum, concept) => sum + concept.balance, 0),
        totalToday: concepts.reduce((sum, concept) => sum + concept.totalToday, 0),
      }));
    return {
      asOf,
      vigencias,
      balance: vigencias.reduce((sum, row) => sum + row.balance, 0),
      totalToday: vigencias.reduce((sum, row) => sum + row.totalToday, 0),
    };
  }

  async function loadBill(where: ReturnType<typeof and>, tx: DbOrTx = db): Promise<BillView | null> {
    const [row] = await tx.select().from(bill).where(where);
    if (!row) return null;
    const [lines, options] = await Promise.all([
      tx.select().from(billLine).where(eq(billLine.billId, row.id)).orderBy(asc(billLine.vigencia)),
      tx.select().from(billOption).where(eq(billOption.billId, row.id)).orderBy(asc(billOption.seq)),
    ]);
    const today = toBogotaDate(now());
    return {
      id: row.id,
      tax: row.tax,
      subjectId: row.subjectId,
      number: row.number,
      paymentReference: row.paymentReference,
      issuedAt: row.issuedAt,
      expiresOn: row.expiresOn,
      state: row.state === 'vigente' && row.expiresOn < today ? 'vencida' : row.state,
      snapshot: row.snapshot,
      agreementId: row.agreementId,
      instalmentNumber: row.instalmentNumber,
      paidAt: row.paidAt,
      lines: lines.map(({ demandId, vigencia, concept, capital }) => ({
        demandId,
        vigencia,
        concept,
        capital,
      })),
      options: options.map(({ seq, payBy, label, total, barcodeText, lines: optionLines }) => ({
        seq,
        payBy,
        label,
        total,
        barcodeText,
        lines: optionLines,
      })),
    };
  }

  async function getBill(tenantId: string, id: string, tx: DbOrTx = db): Promise<BillView> {
    const found = await loadBill(and(eq(bill.tenantId, tenantId), eq(bill.id, id)), tx);
    if (!found) throw notFound('La factura no existe.');
    return found;
  }

  async function findBillByReference(tenantId: string, reference: string, tx: DbOrTx = db) {
    return loadBill(and(eq(bill.tenantId, tenantId), eq(bill.paymentReference, reference)), tx);
  }

  async function billsOfSubject(tenantId: string, subjectId: string, limit = 20): Promise<BillView[]> {
    const rows = await db
      .select({ id: bill.id })
      .from(bill)
      .where(and(eq(bill.tenantId, tenantId), eq(bill.subjectId, subjectId)))
      .orderBy(desc(bill.issuedAt))
      .limit(limit);
    return Promise.all(rows.map((row) => getBill(tenantId, row.id)));
  }

  function optionLinesOf(balances: DemandBalance[], amounts: AmountsDue): BillOptionLine[] {
    return amounts.lines.map((line, index) => ({
      demandId: balances[index]!.id,
      vigencia: line.vigencia,
      concept: line.concept,
      capital: line.capital,
      interest: line.interest,
      sanctionUpdate: line.sanctionUpdate,
      discount: line.discount,
      relief: line.relief,
      reliefCapital: line.reliefDetail?.reduction.capital ?? 0,
      total: line.total,
    }));
  }

  /**
   * Issues a bill for what a subject owes (all its open demands, or the ones named). The same request
   * on the same day with the same balances returns the same bill, so a double click or a retry never
   * makes two; a change in what is owed makes a new one (bills are never edited).
   */
  async function issueBill(
    actor: Actor,
    input: {
      tax: Tax;
      subjectId: string;
      snapshot: Record<string, unknown>;
      demandIds?: string[];
      /** An agreement instalment: one fixed amount due on one date. */
      instalment?: { agreementId: string; number: number; dueDate: string; amount: number; capital: number };
    },
  ): Promise<BillView> {
    const tenantId = actor.tenantId;
    const issueDate = toBogotaDate(now());
    const { tenant, rules } = await rulesOfTenant(tenantId);
    const recaudo = readTenantFile(tenant.divipola).recaudo;
    if (!recaudo) {
      throw new AppError(
        409,
        'RECAUDO_NOT_CONFIGURED',
        'El municipio no tiene configurado el convenio de recaudo (GLN) para el código de barras.',
      );
    }
    let balances = (await balancesOf(tenantId, input.tax, input.subjectId)).filter((row) => row.balance > 0);
    if (input.demandIds) balances = balances.filter((row) => input.demandIds!.includes(row.id));
    if (!input.instalment) {
      const agreed = await underAgreement(tenantId, input.subjectId);
      const outside = balances.filter((row) => !agreed.has(row.id));
      if (outside.length === 0 && balances.length > 0) {
        throw conflict(
          'DEBT_IN_AGREEMENT',
          'Lo que debe este predio está en un acuerdo de pago vigente: pague la factura de cada cuota.',
        );
      }
      balances = outside;
    }
    if (balances.length === 0) {
      throw conflict('NOTHING_OWED', 'El predio no tiene saldos pendientes: no hay nada que facturar.');
    }
    const options = input.instalment
      ? instalmentOption(balances, input.instalment, issueDate)
      : payByOptions(balances.map(demandLineOf), issueDate, rules).map((option) => ({
          payBy: option.payBy,
          label: option.label,
          total: option.total,
          lines: optionLinesOf(balances, option.amounts),
        }));
    const contentKey = createHash('sha256')
      .update(
        JSON.stringify([
          input.tax,
          input.subjectId,
          issueDate,
          input.instalment ?? null,
          balances.map((row) => [row.id, row.balance]),
          options.map((option) => [option.payBy, option.total]),
        ]),
      )
      .digest('hex');
    const existing = await findByContentKey(tenantId, contentKey);
    if (existing) return existing;

    try {
      return await db.transaction(async (tx) => {
        const year = Number(issueDate.slice(0, 4));
        const number = await nextIdentifier(tx, { tenantId, series: 'FACT', year });
        const serial = await nextIdentifier(tx, { tenantId, series: 'REF', year });
        // prefix + year + consecutive + check digit, filling the agreed length; never a leading zero,
        // because banks write references zero-padded and compare them without the padding.
        const serialDigits = recaudo.referenceLength - recaudo.referencePrefix.length - 5;
        const paymentReference = makePaymentReference(
          BigInt(`${year}${String(serial.value).padStart(serialDigits, '0')}`),
          { prefix: recaudo.referencePrefix },
        );
        const [row] = await tx
          .insert(bill)
          .values({
            tenantId,
            tax: input.tax,
            subjectId: input.subjectId,
            number: number.formatted,
            paymentReference,
            expiresOn: input.instalment ? input.instalment.dueDate : billExpiresOn(options as never),
            state: 'vigente',
            contentKey,
            snapshot: input.snapshot,
            agreementId: input.instalment?.agreementId ?? null,
            instalmentNumber: input.instalment?.number ?? null,
            issuedByUserId: actor.userId,
          })
          .returning({ id: bill.id });
        const billId = row!.id;
        await tx.insert(billLine).values(
          balances.map((balance) => ({
            billId,
            demandId: balance.id,
            vigencia: balance.vigencia,
            concept: balance.concept,
            capital: balance.balance,
          })),
        );
        await tx.insert(billOption).values(
          options.map((option, index) => ({
            billId,
            seq: index + 1,
            payBy: option.payBy,
            label: option.label,
            total: option.total,
            lines: option.lines,
            barcodeText: encodeReceiptBarcode({
              gln: recaudo.gln,
              reference: paymentReference,
              amountPesos: option.total,
              dueDate: option.payBy,
            }).humanReadable,
          })),
        );
        await audit.record(tx, actor, {
          action: 'taxes.bill.issue',
          entityType: 'bill',
          entityId: billId,
          details: {
            number: number.formatted,
            subjectId: input.subjectId,
            totals: options.map((o) => o.total),
          },
        });
        return getBill(tenantId, billId, tx);
      });
    } catch (error) {
      // A concurrent identical request won the content key: its bill is the answer.
      const winner = await findByContentKey(tenantId, contentKey);
      if (winner) return winner;
      throw error;
    }
  }

  async function findByContentKey(tenantId: string, contentKey: string) {
    return loadBill(and(eq(bill.tenantId, tenantId), eq(bill.contentKey, contentKey)));
  }

  /** An instalment bill: the instalment amount spread over the agreed demands by their balance. */
  function instalmentOption(
    balances: DemandBalance[],
    instalment: { number: number; dueDate: string; amount: number; capital: number },
    issueDate: string,
  ) {
    const owed = balances.reduce((sum, row) => sum + row.balance, 0);
    const capital = Math.min(instalment.capital, owed);
    const split = apportionPayment(
      capital,
      balances.map((row) => ({
        key: row.id,
        vigencia: row.vigencia,
        concept: row.concept,
        capital: row.balance,
        interest: 0,
        sanction: 0,
      })),
      'proportional',
    );
    const byDemand = new Map(
      split.applications.map((application) => [application.itemKey, application.amount]),
    );
    const billed = balances.filter((row) => byDemand.has(row.id));
    // The financed interest of the instalment, spread over its lines like the capital.
    const interests = largestRemainderSplit(
      instalment.amount - capital,
      billed.map((row) => byDemand.get(row.id)!),
    );
    const lines: BillOptionLine[] = billed.map((row, index) => {
      const lineCapital = byDemand.get(row.id)!;
      const interest = interests[index] ?? 0;
      return {
        demandId: row.id,
        vigencia: row.vigencia,
        concept: row.concept,
        capital: lineCapital,
        interest,
        sanctionUpdate: 0,
        discount: 0,
        relief: 0,
        reliefCapital: 0,
        total: lineCapital + interest,
      };
    });
    const payBy = instalment.dueDate < issueDate ? issueDate : instalment.dueDate;
    return [
      {
        payBy,
        label: `Cuota ${instalment.number} del acuerdo de pago, hasta el ${payBy}`,
        total: instalment.amount,
        lines,
      },
    ];
  }

  /**
   * Records a payment and applies it to its bill, exactly once per (channel, externalId): a repeated
   * notice, a second line of the same file or a race of 50 confirmations all end in one payment.
   * Runs inside the caller's transaction when given one (a bank file is applied whole or not at all).
   */
  async function recordPayment(input: RecordPaymentInput, outer?: Tx): Promise<RecordedPayment> {
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
      throw badRequest(
        'PAYMENT_AMOUNT_INVALID',
        'El valor pagado debe ser un entero positivo en pesos.',
        'amount',
      );
    }
    const work = async (tx: Tx): Promise<RecordedPayment> => {
      const [target] = await tx
        .select()
        .from(bill)
        .where(and(eq(bill.tenantId, input.tenantId), eq(bill.id, input.billId)))
        .for('update');
      if (!target) throw notFound('La factura del pago no existe.');
      const inserted = await tx
        .insert(payment)
        .values({
          tenantId: input.tenantId,
          tax: target.tax,
          billId: target.id,
          optionSeq: input.optionSeq ?? null,
          channel: input.channel,
          externalId: input.externalId,
          amount: input.amount,
          paidAt: input.paidAt,
          collectionDate: input.collectionDate,
          bankCode: input.bankCode ?? null,
          bankFileId: input.bankFileId ?? null,
          gatewayTransactionId: input.gatewayTransactionId ?? null,
          recordedByUserId: input.recordedByUserId ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: payment.id });
      if (inserted.length === 0) {
        const [already] = await tx
          .select()
          .from(payment)
          .where(
            and(
              eq(payment.tenantId, input.tenantId),
              eq(payment.channel, input.channel),
              eq(payment.externalId, input.externalId),
            ),
          );
        return {
          paymentId: already!.id,
          created: false,
          amount: already!.amount,
          unapplied: already!.unapplied,
          billState: target.state,
        };
      }
      const paymentId = inserted[0]!.id;
      const options = await tx
        .select()
        .from(billOption)
        .where(eq(billOption.billId, target.id))
        .orderBy(asc(billOption.seq));
      const option =
        options.find((candidate) => candidate.seq === input.optionSeq) ??
        options.find((candidate) => candidate.total === input.amount) ??
        options.find((candidate) => candidate.payBy >= input.collectionDate) ??
        options[options.length - 1]!;
      const demandIds = option.lines.map((line) => line.demandId);
      const demands = await tx
        .select()
        .from(taxDemand)
        .where(inArray(taxDemand.id, demandIds))
        .orderBy(asc(taxDemand.id))
        .for('update');
      const demandById = new Map(demands.map((demand) => [demand.id, demand]));

      // What each line still owes now: a line settled by another payment since the bill was issued owes
      // nothing, and what this payment brings for it stays as a balance in favour.
      const items: (OwedItem & { line: BillOptionLine; grossCapital: number; full: boolean })[] =
        option.lines.map((line) => {
          const demand = demandById.get(line.demandId)!;
          const open = Math.max(0, demand.amount - demand.settled);
          const grossCapital = Math.min(line.capital, open);
          const full = grossCapital === line.capital;
          const share = (value: number) =>
            full ? value : Math.floor((value * grossCapital) / Math.max(1, line.capital));
          const netCapital = full ? line.capital - line.discount - (line.reliefCapital ?? 0) : grossCapital;
          const isSanction = line.concept === 'sancion';
          const interest = share(line.interest - (line.relief - (line.reliefCapital ?? 0)));
          return {
            key: line.demandId,
            vigencia: line.vigencia,
            concept: line.concept,
            capital: isSanction ? 0 : Math.max(0, netCapital),
            interest: isSanction ? 0 : Math.max(0, interest),
            sanction: isSanction ? Math.max(0, netCapital + share(line.sanctionUpdate)) : 0,
            line,
            grossCapital,
            full,
          };
        });
      const apportioned = apportionPayment(input.amount, items, input.order ?? 'proportional');
      const rows: {
        demandId: string;
        vigencia: number;
        concept: string;
        component: ApplicationComponent;
        amount: number;
      }[] = [];
      const settledBy = new Map<string, number>();
      for (const application of apportioned.applications) {
        const item = items.find((candidate) => candidate.key === application.itemKey)!;
        const component: ApplicationComponent =
          application.component === 'interes'
            ? 'interes'
            : application.component === 'sancion'
              ? 'sancion'
              : 'capital';
        rows.push({
          demandId: item.key,
          vigencia: item.vigencia,
          concept: item.concept,
          component,
          amount: application.amount,
        });
        if (application.component !== 'interes') {
          settledBy.set(item.key, (settledBy.get(item.key) ?? 0) + application.amount);
        }
      }
      for (const item of items) {
        const paid = settledBy.get(item.key) ?? 0;
        const owedCash = item.concept === 'sancion' ? item.sanction : item.capital;
        if (item.full && item.grossCapital > 0 && paid >= owedCash) {
          // A line paid in full also settles the discount and relief the bill granted on it.
          const { discount } = item.line;
          const relief = item.line.reliefCapital ?? 0;
          const base = { demandId: item.key, vigencia: item.vigencia, concept: item.concept };
          if (discount > 0) rows.push({ ...base, component: 'descuento', amount: discount });
          if (relief > 0) rows.push({ ...base, component: 'alivio', amount: relief });
          settledBy.set(item.key, item.grossCapital);
        } else {
          // Partly paid: only the cash settles capital (the sanction's Art. 867-1 update goes first).
          settledBy.set(item.key, Math.min(item.grossCapital, paid));
        }
      }
      if (rows.length) await tx.insert(paymentApplication).values(rows.map((row) => ({ paymentId, ...row })));
      for (const [demandId, settled] of settledBy) {
        if (settled <= 0) continue;
        await tx
          .update(taxDemand)
          .set({
            settled: sql`least(${taxDemand.amount}, ${taxDemand.settled} + ${settled})`,
            updatedAt: sql`now()`,
          })
          .where(eq(taxDemand.id, demandId));
      }
      const paysInFull = input.amount >= option.total;
      const billState: BillState = paysInFull ? 'pagada' : target.state;
      if (paysInFull && target.state !== 'pagada') {
        await tx.update(bill).set({ state: 'pagada', paidAt: input.paidAt }).where(eq(bill.id, target.id));
      }
      if (apportioned.remainder > 0) {
        await tx.update(payment).set({ unapplied: apportioned.remainder }).where(eq(payment.id, paymentId));
      }
      return { paymentId, created: true, amount: input.amount, unapplied: apportioned.remainder, billState };
    };
    return outer ? work(outer) : db.transaction(work);
  }

  return {
    balancesOf,
    statement,
    issueBill,
    getBill,
    findBillByReference,
    billsOfSubject,
    recordPayment,
    rulesOfTenant,
  };
}

export type { RuleSet };
