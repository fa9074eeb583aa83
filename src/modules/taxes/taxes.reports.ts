import type { DatabaseHandle } from '../../platform/db/database.ts';
import { findBankName } from './asobancaria/index.ts';

export interface CollectionRow {
  day: string;
  channel: string;
  bankCode: string | null;
  bankName: string | null;
  payments: number;
  amount: number;
}

export interface CollectionByConceptRow {
  day: string;
  vigencia: number;
  concept: string;
  component: string;
  amount: number;
}

export interface PortfolioRow {
  vigencia: number;
  comunaCode: string | null;
  predios: number;
  liquidated: number;
  settled: number;
  balance: number;
}

const toInt = (value: unknown) => Number(value ?? 0);

/**
 * The treasury's and the tax office's figures, straight from the payments and demands (one SQL each, so
 * they hold for 300,000 predios): collections by day, channel and bank; by day and concept for the
 * financial system (SIF); and the portfolio (cartera) by vigencia and comuna.
 */
export function createTaxesReports(database: DatabaseHandle) {
  const { raw } = database;

  async function collections(tenantId: string, from: string, to: string): Promise<CollectionRow[]> {
    const { rows } = await raw.query<Record<string, unknown>>(
      `select to_char(collection_date, 'YYYY-MM-DD') as day, channel, bank_code,
              count(*)::int as payments, coalesce(sum(amount), 0)::bigint as amount
         from payment
        where tenant_id = $1 and collection_date between $2::date and $3::date
        group by collection_date, channel, bank_code
        order by collection_date, channel, bank_code`,
      [tenantId, from, to],
    );
    return rows.map((row) => ({
      day: String(row.day),
      channel: String(row.channel),
      bankCode: (row.bank_code as string | null) ?? null,
      bankName: row.bank_code ? findBankName(String(row.bank_code)) : null,
      payments: toInt(row.payments),
      amount: toInt(row.amount),
    }));
  }

  async function collectionsByConcept(
    tenantId: string,
    from: string,
    to: string,
  ): Promise<CollectionByConceptRow[]> {
    const { rows } = await raw.query<Record<string, unknown>>(
      `select to_char(p.collection_date, 'YYYY-MM-DD') as day, a.vigencia, a.concept, a.component,
              sum(a.amount)::bigint as amount
         from payment_application a join payment p on p.id = a.payment_id
        where p.tenant_id = $1 and p.collection_date between $2::date and $3::date
          and a.component not in ('descuento', 'alivio')
        group by p.collection_date, a.vigencia, a.concept, a.component
        order by p.collection_date, a.vigencia, a.concept, a.component`,
      [tenantId, from, to],
    );
    return rows.map((row) => ({
      day: String(row.day),
      vigencia: toInt(row.vigencia),
      concept: String(row.concept),
      component: String(row.component),
      amount: toInt(row.amount),
    }));
  }

  async function portfolio(tenantId: string): Promise<PortfolioRow[]> {
    const { rows } = await raw.query<Record<string, unknown>>(
      `select d.vigencia, pr.comuna_code, count(distinct d.subject_id)::int as predios,
              sum(d.amount)::bigint as liquidated, sum(d.settled)::bigint as settled,
              sum(d.amount - d.settled)::bigint as balance
         from tax_demand d join predio pr on pr.id = d.subject_id
        where d.tenant_id = $1 and d.tax = 'predial'
        group by d.vigencia, pr.comuna_code
        order by d.vigencia desc, pr.comuna_code`,
      [tenantId],
    );
    return rows.map((row) => ({
      vigencia: toInt(row.vigencia),
      comunaCode: (row.comuna_code as string | null) ?? null,
      predios: toInt(row.predios),
      liquidated: toInt(row.liquidated),
      settled: toInt(row.settled),
      balance: toInt(row.balance),
    }));
  }

  async function payments(
    tenantId: string,
    filters: { from: string; to: string; channel?: string; bankCode?: string },
    page: { page: number; pageSize: number },
  ) {
    const conditions = ['p.tenant_id = $1', 'p.collection_date between $2::date and $3::date'];
    const values: unknown[] = [tenantId, filters.from, filters.to];
    if (filters.channel) {
      values.push(filters.channel);
      conditions.push(`p.channel = $${values.length}`);
    }
    if (filters.bankCode) {
      values.push(filters.bankCode);
      conditions.push(`p.bank_code = $${values.length}`);
    }
    const where = conditions.join(' and ');
    const { rows: totals } = await raw.query<{ count: number; amount: string }>(
      `select count(*)::int as count, coalesce(sum(amount), 0)::bigint as amount from payment p where ${where}`,
      values,
    );
    values.push(page.pageSize, (page.page - 1) * page.pageSize);
    const { rows } = await raw.query<Record<string, unknown>>(
      `select p.id, p.channel, p.amount, p.unapplied, p.paid_at, to_char(p.collection_date, 'YYYY-MM-DD') as day,
              p.bank_code, p.external_id, b.number as bill_number, b.payment_reference,
              pr.numero_predial
         from payment p join bill b on b.id = p.bill_id left join predio pr on pr.id = b.subject_id
        where ${where}
        order by p.paid_at desc, p.id
        limit $${values.length - 1} offset $${values.length}`,
      values,
    );
    return {
      total: totals[0]!.count,
      amount: toInt(totals[0]!.amount),
      items: rows.map((row) => ({
        id: String(row.id),
        channel: String(row.channel),
        amount: toInt(row.amount),
        unapplied: toInt(row.unapplied),
        paidAt: new Date(row.paid_at as string).toISOString(),
        collectionDate: String(row.day),
        bankCode: (row.bank_code as string | null) ?? null,
        bankName: row.bank_code ? findBankName(String(row.bank_code)) : null,
        externalId: String(row.external_id),
        billNumber: String(row.bill_number),
        paymentReference: String(row.payment_reference),
        numeroPredial: (row.numero_predial as string | null) ?? null,
      })),
    };
  }

  /** Predios that owe something, and how much, per comuna over every vigencia (a predio counted once). */
  async function portfolioByComuna(tenantId: string) {
    const { rows } = await raw.query<Record<string, unknown>>(
      `select pr.comuna_code, count(distinct d.subject_id)::int as predios,
              sum(d.amount - d.settled)::bigint as balance
         from tax_demand d join predio pr on pr.id = d.subject_id
        where d.tenant_id = $1 and d.tax = 'predial' and d.settled < d.amount
        group by pr.comuna_code order by pr.comuna_code`,
      [tenantId],
    );
    return rows.map((row) => ({
      comunaCode: (row.comuna_code as string | null) ?? null,
      prediosWithDebt: toInt(row.predios),
      balance: toInt(row.balance),
    }));
  }

  return { collections, collectionsByConcept, portfolio, portfolioByComuna, payments };
}

export type TaxesReports = ReturnType<typeof createTaxesReports>;

const CSV_COLUMNS = ['fecha', 'vigencia', 'concepto', 'componente', 'valor'];

/** The SIF export: one line per day, vigencia, concept and component, values in whole pesos. */
export function collectionsCsv(rows: CollectionByConceptRow[]): string {
  const lines = rows.map((row) => [row.day, row.vigencia, row.concept, row.component, row.amount].join(';'));
  return `\uFEFF${[CSV_COLUMNS.join(';'), ...lines].join('\r\n')}\r\n`;
}
