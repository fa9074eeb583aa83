import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/tenancy/tenancy.schema.ts';

/**
 * Demand ≠ bill ≠ payment (docs/taxes-design.md). Tables are generic over the tax and its subject (a
 * predio today; an establishment for ICA later), so billing and payments serve every municipal tax.
 */
export const TAXES = ['predial'] as const;
export type Tax = (typeof TAXES)[number];

/** What is owed per subject, vigencia and concept. Its amount changes only through an amendment. */
export const taxDemand = pgTable(
  'tax_demand',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    tax: varchar('tax', { length: 20 }).notNull().$type<Tax>(),
    subjectId: uuid('subject_id').notNull(),
    vigencia: smallint('vigencia').notNull(),
    concept: varchar('concept', { length: 30 }).notNull(),
    /** Integer pesos liquidated (after amendments). */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Capital settled so far (cash applied to it plus discounts and reliefs granted on it). */
    settled: bigint('settled', { mode: 'number' }).notNull().default(0),
    dueDate: date('due_date').notNull(),
    interestBearing: boolean('interest_bearing').notNull().default(true),
    /** Compact basis of the figure: avalúo, tariff, cap; the full reasoning is recomputable. */
    basis: jsonb('basis').$type<Record<string, unknown>>(),
    ruleVersion: varchar('rule_version', { length: 80 }),
    liquidationRunId: uuid('liquidation_run_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tax_demand_uq').on(t.tenantId, t.tax, t.subjectId, t.vigencia, t.concept),
    index('tax_demand_subject_idx').on(t.subjectId),
    index('tax_demand_open_idx').on(t.tenantId, t.tax, t.vigencia).where(sql`settled < amount`),
  ],
);

/** A change to a demand: requested with a reason, applied only once someone else approves it. */
export const taxDemandAmendment = pgTable(
  'tax_demand_amendment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => taxDemand.id),
    previousAmount: bigint('previous_amount', { mode: 'number' }).notNull(),
    newAmount: bigint('new_amount', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    /** 'manual' by an official, 'reliquidacion' when a new avalúo changes the liquidation. */
    origin: varchar('origin', { length: 20 }).notNull().$type<'manual' | 'reliquidacion'>(),
    status: varchar('status', { length: 12 }).notNull().$type<'pendiente' | 'aprobada' | 'rechazada'>(),
    requestedByUserId: uuid('requested_by_user_id'),
    decidedByUserId: uuid('decided_by_user_id'),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('tax_demand_amendment_demand_idx').on(t.demandId),
    uniqueIndex('tax_demand_amendment_pending_uq').on(t.demandId).where(sql`status = 'pendiente'`),
  ],
);

/** One mass liquidation of a vigencia: progress and the cursor that makes it resumable. */
export const liquidationRun = pgTable(
  'liquidation_run',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    tax: varchar('tax', { length: 20 }).notNull().$type<Tax>(),
    vigencia: smallint('vigencia').notNull(),
    state: varchar('state', { length: 12 }).notNull().$type<'en_curso' | 'terminada' | 'fallida'>(),
    jobId: varchar('job_id', { length: 64 }),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    existing: integer('existing').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Last subject id written; a resumed run continues after it. */
    cursor: uuid('cursor'),
    ruleVersion: varchar('rule_version', { length: 80 }),
    problems: jsonb('problems').$type<{ subject: string; detail: string }[]>().notNull().default([]),
    createdByUserId: uuid('created_by_user_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('liquidation_run_active_uq').on(t.tenantId, t.tax, t.vigencia).where(sql`state = 'en_curso'`),
  ],
);

export type BillState = 'vigente' | 'pagada' | 'vencida' | 'anulada';

/** A dated snapshot of demands with one or more pay-by options; regenerated, never edited. */
export const bill = pgTable(
  'bill',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    tax: varchar('tax', { length: 20 }).notNull().$type<Tax>(),
    subjectId: uuid('subject_id').notNull(),
    number: varchar('number', { length: 30 }).notNull(),
    /** The (8020) reference of the bank barcode; unique per tenant, with a check digit. */
    paymentReference: varchar('payment_reference', { length: 24 }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresOn: date('expires_on').notNull(),
    state: varchar('state', { length: 10 }).notNull().$type<BillState>(),
    /** Hash of the demand lines and dates it was made from: the same request the same day reuses it. */
    contentKey: varchar('content_key', { length: 64 }).notNull(),
    /** What the receipt shows of the subject (address, owners), as it was on the day. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    agreementId: uuid('agreement_id'),
    instalmentNumber: smallint('instalment_number'),
    issuedByUserId: uuid('issued_by_user_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bill_reference_uq').on(t.tenantId, t.paymentReference),
    uniqueIndex('bill_number_uq').on(t.tenantId, t.number),
    index('bill_subject_idx').on(t.subjectId, t.issuedAt),
    uniqueIndex('bill_content_uq').on(t.tenantId, t.contentKey),
  ],
);

/** The demand lines a bill settles, with the capital owed on each when it was issued. */
export const billLine = pgTable(
  'bill_line',
  {
    billId: uuid('bill_id')
      .notNull()
      .references(() => bill.id, { onDelete: 'cascade' }),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => taxDemand.id),
    vigencia: smallint('vigencia').notNull(),
    concept: varchar('concept', { length: 30 }).notNull(),
    capital: bigint('capital', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.billId, t.demandId] }), index('bill_line_demand_idx').on(t.demandId)],
);

export interface BillOptionLine {
  demandId: string;
  vigencia: number;
  concept: string;
  capital: number;
  interest: number;
  sanctionUpdate: number;
  discount: number;
  relief: number;
  /** Part of `relief` that reduces capital (the rest waives interest). */
  reliefCapital?: number;
  total: number;
}

/** One pay-by date of a bill: its total and the barcode that carries it. */
export const billOption = pgTable(
  'bill_option',
  {
    billId: uuid('bill_id')
      .notNull()
      .references(() => bill.id, { onDelete: 'cascade' }),
    seq: smallint('seq').notNull(),
    payBy: date('pay_by').notNull(),
    label: text('label').notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    lines: jsonb('lines').$type<BillOptionLine[]>().notNull(),
    barcodeText: varchar('barcode_text', { length: 120 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.billId, t.seq] })],
);

export const PAYMENT_CHANNELS = ['pse', 'banco', 'caja'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** Money received; `externalId` per channel makes a repeated notice or file line a no-op. */
export const payment = pgTable(
  'payment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    tax: varchar('tax', { length: 20 }).notNull().$type<Tax>(),
    billId: uuid('bill_id')
      .notNull()
      .references(() => bill.id),
    optionSeq: smallint('option_seq'),
    channel: varchar('channel', { length: 10 }).notNull().$type<PaymentChannel>(),
    externalId: varchar('external_id', { length: 200 }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Part of the amount that found nothing left to settle (a bill paid twice): a balance in favour. */
    unapplied: bigint('unapplied', { mode: 'number' }).notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    collectionDate: date('collection_date').notNull(),
    bankCode: varchar('bank_code', { length: 10 }),
    bankFileId: uuid('bank_file_id'),
    gatewayTransactionId: uuid('gateway_transaction_id'),
    recordedByUserId: uuid('recorded_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payment_external_uq').on(t.tenantId, t.channel, t.externalId),
    index('payment_bill_idx').on(t.billId),
    index('payment_day_idx').on(t.tenantId, t.collectionDate),
  ],
);

export const APPLICATION_COMPONENTS = [
  'capital',
  'interes',
  'sancion',
  'actualizacion',
  'descuento',
  'alivio',
] as const;
export type ApplicationComponent = (typeof APPLICATION_COMPONENTS)[number];

/** How a payment was apportioned to demands; `descuento` and `alivio` settle capital without cash. */
export const paymentApplication = pgTable(
  'payment_application',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payment.id, { onDelete: 'cascade' }),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => taxDemand.id),
    vigencia: smallint('vigencia').notNull(),
    concept: varchar('concept', { length: 30 }).notNull(),
    component: varchar('component', { length: 14 }).notNull().$type<ApplicationComponent>(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('payment_application_payment_idx').on(t.paymentId),
    index('payment_application_demand_idx').on(t.demandId),
  ],
);

export type GatewayAttemptState = 'PENDING' | 'OK' | 'NOT_AUTHORIZED' | 'FAILED' | 'CREATING';

/** One PSE attempt: the amount is frozen when it is created; the outcome is applied once. */
export const gatewayTransaction = pgTable(
  'gateway_transaction',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    billId: uuid('bill_id')
      .notNull()
      .references(() => bill.id),
    optionSeq: smallint('option_seq').notNull(),
    reference: varchar('reference', { length: 40 }).notNull(),
    gatewayId: varchar('gateway_id', { length: 120 }),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    state: varchar('state', { length: 16 }).notNull().$type<GatewayAttemptState>(),
    bankCode: varchar('bank_code', { length: 10 }).notNull(),
    redirectUrl: text('redirect_url'),
    userId: uuid('user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    paymentId: uuid('payment_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('gateway_transaction_gateway_uq').on(t.tenantId, t.gatewayId),
    // The gateway's notice names only its transaction id.
    index('gateway_transaction_gateway_idx').on(t.gatewayId),
    uniqueIndex('gateway_transaction_reference_uq').on(t.tenantId, t.reference),
    index('gateway_transaction_pending_idx').on(t.nextCheckAt).where(sql`state = 'PENDING'`),
    index('gateway_transaction_bill_idx').on(t.billId),
  ],
);

/** A bank's Asobancaria file: applied whole in one transaction or rejected whole; never twice. */
export const bankFile = pgTable(
  'bank_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    fileName: text('file_name'),
    fileId: uuid('file_id'),
    bankCode: varchar('bank_code', { length: 10 }),
    collectionDate: date('collection_date'),
    state: varchar('state', { length: 10 }).notNull().$type<'aplicado' | 'rechazado'>(),
    records: integer('records').notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    applied: integer('applied').notNull(),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bank_file_applied_uq').on(t.tenantId, t.sha256).where(sql`state = 'aplicado'`),
    index('bank_file_created_idx').on(t.tenantId, t.createdAt),
  ],
);

export const AGREEMENT_STATES = ['solicitado', 'vigente', 'rechazado', 'cumplido', 'incumplido'] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

export interface AgreementInstalment {
  number: number;
  dueDate: string;
  amount: number;
}

/** A payment agreement (pago diferido): requested by the taxpayer, decided by an official. */
export const paymentAgreement = pgTable(
  'payment_agreement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    tax: varchar('tax', { length: 20 }).notNull().$type<Tax>(),
    subjectId: uuid('subject_id').notNull(),
    number: varchar('number', { length: 30 }).notNull(),
    planId: varchar('plan_id', { length: 80 }).notNull(),
    state: varchar('state', { length: 12 }).notNull().$type<AgreementState>(),
    demandIds: jsonb('demand_ids').$type<string[]>().notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    instalments: jsonb('instalments').$type<AgreementInstalment[]>().notNull(),
    interestFree: boolean('interest_free').notNull(),
    /** The offer as validated (debt lines, totals, schedule): the pure rules' PaymentAgreement once granted. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    requestedByUserId: uuid('requested_by_user_id'),
    decidedByUserId: uuid('decided_by_user_id'),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payment_agreement_number_uq').on(t.tenantId, t.number),
    uniqueIndex('payment_agreement_open_uq')
      .on(t.tenantId, t.tax, t.subjectId)
      .where(sql`state in ('solicitado', 'vigente')`),
  ],
);
