// Shapes of the taxes API (src/modules/taxes/taxes.views.ts and the *.routes.ts beside it).

import type { Job } from '../admin/types';

export interface StatementConcept {
  /** The demand's id: what an amendment (ajuste) refers to. */
  id: string;
  concept: string;
  amount: number;
  settled: number;
  balance: number;
  dueDate: string;
  interest: number;
  discount: number;
  relief: number;
  sanctionUpdate: number;
  totalToday: number;
  /** Part of a payment agreement in force: billed by instalments, not by an ordinary bill. */
  inAgreement?: boolean;
}

export interface StatementVigencia {
  vigencia: number;
  balance: number;
  totalToday: number;
  concepts: StatementConcept[];
}

export interface Statement {
  asOf: string;
  balance: number;
  totalToday: number;
  vigencias: StatementVigencia[];
}

export interface PredioPublic {
  id: string;
  numeroPredial: string | null;
  numeroPredialAnterior: string | null;
  destino: string;
  estrato: number | null;
  barrioCode: string | null;
  comunaCode: string | null;
}

export interface PredioConsulta {
  predio: PredioPublic;
  estadoCuenta: Statement;
}

export type BillState = 'vigente' | 'pagada' | 'vencida' | 'anulada';

export interface BillOptionLine {
  vigencia: number;
  concept: string;
  capital: number;
  interest: number;
  discount: number;
  relief: number;
  total: number;
}

export interface BillOption {
  seq: number;
  payBy: string;
  label: string;
  total: number;
  barcodeText: string;
  lines: BillOptionLine[];
}

export interface Bill {
  id: string;
  number: string;
  paymentReference: string;
  issuedAt: string;
  expiresOn: string;
  state: BillState;
  predio: { numeroPredial: string | null; numeroPredialAnterior: string | null; destino: string | null };
  lines: { vigencia: number; concept: string; capital: number }[];
  options: BillOption[];
  receiptUrl: string;
  payable: boolean;
}

export interface Bank {
  code: string;
  name: string;
}

export type AttemptState = 'CREATING' | 'PENDING' | 'OK' | 'NOT_AUTHORIZED' | 'FAILED';

export interface PaymentAttempt {
  id: string;
  state: AttemptState;
  amount: number;
  reference: string;
  billReference: string;
  cus: string | null;
  settledAt: string | null;
}

export interface MyPredio extends PredioPublic {
  direccion: string | null;
  saldo: number;
  totalHoy: number;
}

export interface MyPredioStatement {
  predio: PredioPublic & { direccion: string | null };
  estadoCuenta: Statement;
  facturas: Bill[];
}

export interface PazYSalvo {
  id: string;
  code: string;
  downloadUrl: string;
  validUntil: string;
}

// ───────── payment agreements (acuerdos de pago) ─────────

export interface Instalment {
  number: number;
  dueDate: string;
  amount: number;
}

export interface AgreementOffer {
  planId: string;
  label: string;
  interestWaived: boolean;
  vigencias: number[];
  total: number;
  maxInstalments: number;
  instalments: Instalment[];
}

export type AgreementState = 'solicitado' | 'vigente' | 'rechazado' | 'cumplido' | 'incumplido';

export interface Agreement {
  id: string;
  number: string;
  predioId: string;
  numeroPredial: string | null;
  planId: string;
  planLabel: string;
  state: AgreementState;
  total: number;
  interestFree: boolean;
  instalments: (Instalment & { paid: number; billReference: string | null })[];
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

// ───────── back office ─────────

export interface PredioRow {
  id: string;
  numeroPredial: string | null;
  numeroPredialAnterior: string | null;
  direccion: string | null;
  destino: string;
  estrato: number | null;
  comunaCode: string | null;
  barrioCode: string | null;
  estado: string;
}

export interface PredioFicha {
  predio: PredioRow & {
    matriculaInmobiliaria: string | null;
    areaTerrenoM2: string | null;
    areaConstruidaM2: string | null;
  };
  avaluos: { vigencia: number; avaluo: number; actualizado: boolean }[];
  propietarios: {
    nombre: string | null;
    documentType: string | null;
    documentNumber: string | null;
    calidad: string | null;
    participacion: string | null;
  }[];
  estadoCuenta: Statement;
  facturas: Bill[];
}

export type LiquidationState = 'en_curso' | 'terminada' | 'fallida';

export interface LiquidationRun {
  id: string;
  vigencia: number;
  state: LiquidationState;
  jobId: string | null;
  total: number;
  processed: number;
  created: number;
  existing: number;
  failed: number;
  ruleVersion: string | null;
  problems: { subject: string; detail: string }[];
  startedAt: string;
  finishedAt: string | null;
}

export interface BankFileReport {
  fileId: string | null;
  state: 'aplicado' | 'rechazado' | 'simulado';
  valid: boolean;
  bank: { code: string; name: string | null } | null;
  collectionDate: string | null;
  lots: number;
  records: number;
  total: number;
  applied: number;
  errors: { line: number | null; code: string; detail: string }[];
}

export interface BankFileRow {
  id: string;
  fileName: string | null;
  bankCode: string | null;
  collectionDate: string | null;
  state: string;
  records: number;
  total: number;
  applied: number;
  createdAt: string;
}

export interface DecodedBarcode {
  gln: string;
  reference: string;
  amount: number;
  dueDate: string;
  glnCheckDigitValid: boolean;
  bill: Bill | null;
}

export interface CashPaymentResult {
  paymentId: string;
  created: boolean;
  amount: number;
  unapplied: number;
  billState: string;
}

export type PaymentChannel = 'pse' | 'banco' | 'caja';

export interface PaymentRow {
  id: string;
  channel: string;
  amount: number;
  unapplied: number;
  paidAt: string;
  collectionDate: string;
  bankCode: string | null;
  externalId: string;
  billNumber: string;
  paymentReference: string;
  numeroPredial: string | null;
}

export interface PaymentsPage {
  total: number;
  amount: number;
  items: PaymentRow[];
}

export interface CollectionRow {
  day: string;
  channel: string;
  bankCode: string | null;
  payments: number;
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

export type AmendmentStatus = 'pendiente' | 'aprobada' | 'rechazada';

export interface Amendment {
  id: string;
  demandId: string;
  numeroPredial: string | null;
  vigencia: number;
  concept: string;
  previousAmount: number;
  newAmount: number;
  reason: string;
  origin: string;
  status: AmendmentStatus;
  createdAt: string;
  decidedAt: string | null;
}

/** GeoJSON as GET /api/v1/territory/areas.geojson sends it (WGS84 lon/lat). */
export type Position = [number, number];

export interface AreaFeature {
  type: 'Feature';
  properties: { kind: string; code: string; name: string; parentCode: string | null };
  geometry:
    | { type: 'Polygon'; coordinates: Position[][] }
    | { type: 'MultiPolygon'; coordinates: Position[][][] };
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

/** PUT /api/v1/predial/admin/predios/:id/avaluos/:vigencia: the change and the amendments it proposed. */
export interface AvaluoChange {
  previous: number | null;
  avaluo: number;
  ajustes: Amendment[];
}

export type CadastreFormat = 'r1r2' | 'amb-open-data' | 'csv';

export interface CadastreProblem {
  line: number;
  code: string;
  detail: string;
  severity: string;
}

/** One row of GET /api/v1/predial/admin/catastro. */
export interface CadastreImport {
  id: string;
  formato: string;
  estado: 'aplicada' | 'rechazada';
  resumen: Partial<
    Record<
      | 'leidos'
      | 'nuevos'
      | 'cambiados'
      | 'sinCambios'
      | 'retirados'
      | 'ambiguos'
      | 'protegidos'
      | 'errores'
      | 'avisos',
      number
    >
  >;
  problemas: CadastreProblem[];
  createdAt: string;
}

/**
 * GET /api/v1/me/jobs/:id: a job its starter follows, shaped like the administrators' view plus what it
 * reports (the cadastral import's id, the mass billing's ZIP files, …).
 */
export interface OwnJob extends Job {
  result?: Record<string, unknown> | null;
}
