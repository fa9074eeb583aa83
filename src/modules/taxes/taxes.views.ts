import { z } from 'zod';
import type { BillView } from './billing.service.ts';
import { findDestinoEconomico } from './cadastre/destino-economico.ts';
import type { predio, predioAvaluo, predioTitular } from './predios.schema.ts';

type PredioRow = typeof predio.$inferSelect;
type AvaluoRow = typeof predioAvaluo.$inferSelect;
type TitularRow = typeof predioTitular.$inferSelect;

export const destinoLabel = (letra: string) => findDestinoEconomico(letra)?.nombre ?? letra;

/** What a bill keeps of its predio on the day it is issued (the receipt prints it). */
export interface PredioSnapshot {
  predioId: string;
  numeroPredial: string | null;
  numeroPredialAnterior: string | null;
  direccion: string | null;
  barrioCode: string | null;
  comunaCode: string | null;
  destino: string;
  estrato: number | null;
  areaTerrenoM2: string | null;
  areaConstruidaM2: string | null;
  avaluos: { vigencia: number; avaluo: number }[];
  owners: { nombre: string; documento: string; participacion: string | null }[];
}

export function predioSnapshot(row: PredioRow, avaluos: AvaluoRow[], owners: TitularRow[]): PredioSnapshot {
  return {
    predioId: row.id,
    numeroPredial: row.numeroPredial,
    numeroPredialAnterior: row.numeroPredialAnterior,
    direccion: row.direccion,
    barrioCode: row.barrioCode,
    comunaCode: row.comunaCode,
    destino: destinoLabel(row.destinoLetra),
    estrato: row.estrato,
    areaTerrenoM2: row.areaTerrenoM2,
    areaConstruidaM2: row.areaConstruidaM2,
    avaluos: avaluos.map(({ vigencia, avaluo }) => ({ vigencia, avaluo })),
    owners: owners.map((owner) => ({
      nombre: owner.nombre ?? '',
      documento: `${owner.documentType ?? ''} ${owner.documentNumber ?? ''}`.trim(),
      participacion:
        owner.participacionNumerador && owner.participacionDenominador
          ? `${owner.participacionNumerador}/${owner.participacionDenominador}`
          : null,
    })),
  };
}

export const predioPublicSchema = z.object({
  id: z.string(),
  numeroPredial: z.string().nullable(),
  numeroPredialAnterior: z.string().nullable(),
  destino: z.string(),
  estrato: z.number().nullable(),
  barrioCode: z.string().nullable(),
  comunaCode: z.string().nullable(),
});

/** The public face of a predio: its codes and what the tariff depends on, never its owners. */
export function predioPublic(row: PredioRow): z.infer<typeof predioPublicSchema> {
  return {
    id: row.id,
    numeroPredial: row.numeroPredial,
    numeroPredialAnterior: row.numeroPredialAnterior,
    destino: destinoLabel(row.destinoLetra),
    estrato: row.estrato,
    barrioCode: row.barrioCode,
    comunaCode: row.comunaCode,
  };
}

const money = z.number().int();

export const statementSchema = z.object({
  asOf: z.string(),
  balance: money,
  totalToday: money,
  vigencias: z.array(
    z.object({
      vigencia: z.number(),
      balance: money,
      totalToday: money,
      concepts: z.array(
        z.object({
          id: z.string(),
          concept: z.string(),
          inAgreement: z.boolean(),
          amount: money,
          settled: money,
          balance: money,
          dueDate: z.string(),
          interest: money,
          discount: money,
          relief: money,
          sanctionUpdate: money,
          totalToday: money,
        }),
      ),
    }),
  ),
});

export const billSchema = z.object({
  id: z.string(),
  number: z.string(),
  paymentReference: z.string(),
  issuedAt: z.string(),
  expiresOn: z.string(),
  state: z.enum(['vigente', 'pagada', 'vencida', 'anulada']),
  predio: z.object({
    numeroPredial: z.string().nullable(),
    numeroPredialAnterior: z.string().nullable(),
    destino: z.string().nullable(),
  }),
  lines: z.array(z.object({ vigencia: z.number(), concept: z.string(), capital: money })),
  options: z.array(
    z.object({
      seq: z.number(),
      payBy: z.string(),
      label: z.string(),
      total: money,
      barcodeText: z.string(),
      lines: z.array(
        z.object({
          vigencia: z.number(),
          concept: z.string(),
          capital: money,
          interest: money,
          discount: money,
          relief: money,
          total: money,
        }),
      ),
    }),
  ),
  receiptUrl: z.string(),
  payable: z.boolean(),
});

export function billPublic(view: BillView, today: string): z.infer<typeof billSchema> {
  const snapshot = view.snapshot as Partial<PredioSnapshot>;
  return {
    id: view.id,
    number: view.number,
    paymentReference: view.paymentReference,
    issuedAt: view.issuedAt.toISOString(),
    expiresOn: view.expiresOn,
    state: view.state,
    predio: {
      numeroPredial: snapshot.numeroPredial ?? null,
      numeroPredialAnterior: snapshot.numeroPredialAnterior ?? null,
      destino: snapshot.destino ?? null,
    },
    lines: view.lines.map(({ vigencia, concept, capital }) => ({ vigencia, concept, capital })),
    options: view.options.map((option) => ({
      seq: option.seq,
      payBy: option.payBy,
      label: option.label,
      total: option.total,
      barcodeText: option.barcodeText,
      lines: option.lines.map(({ vigencia, concept, capital, interest, discount, relief, total }) => ({
        vigencia,
        concept,
        capital,
        interest,
        discount,
        relief,
        total,
      })),
    })),
    receiptUrl: `/api/v1/predial/facturas/${view.paymentReference}/pdf`,
    payable: view.state === 'vigente' && view.options.some((option) => option.payBy >= today),
  };
}

/** Spanish names of the demand concepts, as bills and statements print them. */
export const CONCEPT_LABELS: Record<string, string> = {
  impuesto: 'Impuesto predial unificado',
  sobretasaAmbiental: 'Sobretasa ambiental (CDMB)',
  sancion: 'Sanción',
};

export const agreementSchema = z.object({
  id: z.string(),
  number: z.string(),
  predioId: z.string(),
  numeroPredial: z.string().nullable(),
  planId: z.string(),
  planLabel: z.string(),
  state: z.enum(['solicitado', 'vigente', 'rechazado', 'cumplido', 'incumplido']),
  total: money,
  interestFree: z.boolean(),
  instalments: z.array(
    z.object({
      number: z.number(),
      dueDate: z.string(),
      amount: money,
      paid: money,
      billReference: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const amendmentSchema = z.object({
  id: z.string(),
  demandId: z.string(),
  numeroPredial: z.string().nullable(),
  vigencia: z.number(),
  concept: z.string(),
  previousAmount: money,
  newAmount: money,
  reason: z.string(),
  origin: z.enum(['manual', 'reliquidacion']),
  status: z.enum(['pendiente', 'aprobada', 'rechazada']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
