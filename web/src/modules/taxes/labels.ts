import type { AgreementState, AmendmentStatus, AttemptState, BillState, LiquidationState } from './types';

/** Spanish names of the demand concepts, as the bills print them (taxes.views.ts CONCEPT_LABELS). */
const CONCEPT_LABELS: Record<string, string> = {
  impuesto: 'Impuesto predial unificado',
  sobretasaAmbiental: 'Sobretasa ambiental (CDMB)',
  sancion: 'Sanción',
};

export function conceptLabel(concept: string): string {
  return CONCEPT_LABELS[concept] ?? concept;
}

export const BILL_STATE_LABELS: Record<BillState, string> = {
  vigente: 'Vigente',
  pagada: 'Pagada',
  vencida: 'Vencida',
  anulada: 'Anulada',
};

/** Badge modifier for each bill state (styles.css has success, danger and pendiente). */
export const BILL_STATE_BADGES: Record<BillState, string> = {
  vigente: 'badge--en_proceso',
  pagada: 'badge--success',
  vencida: 'badge--pendiente',
  anulada: 'badge--danger',
};

export const ATTEMPT_STATE_LABELS: Record<AttemptState, string> = {
  CREATING: 'Iniciando',
  PENDING: 'Pendiente',
  OK: 'Aprobado',
  NOT_AUTHORIZED: 'Rechazado',
  FAILED: 'Fallido',
};

export const LIQUIDATION_STATE_LABELS: Record<LiquidationState, string> = {
  en_curso: 'En curso',
  terminada: 'Terminada',
  fallida: 'Fallida',
};

export const LIQUIDATION_STATE_BADGES: Record<LiquidationState, string> = {
  en_curso: 'badge--en_proceso',
  terminada: 'badge--completado',
  fallida: 'badge--fallido',
};

export const AGREEMENT_STATE_LABELS: Record<AgreementState, string> = {
  solicitado: 'Solicitado (en estudio)',
  vigente: 'Vigente',
  rechazado: 'Rechazado',
  cumplido: 'Cumplido',
  incumplido: 'Incumplido',
};

export const AGREEMENT_STATE_BADGES: Record<AgreementState, string> = {
  solicitado: 'badge--pendiente',
  vigente: 'badge--en_proceso',
  rechazado: 'badge--danger',
  cumplido: 'badge--success',
  incumplido: 'badge--danger',
};

export const AMENDMENT_STATUS_LABELS: Record<AmendmentStatus, string> = {
  pendiente: 'Pendiente',
  aprobada: 'Aprobada',
  rechazada: 'Rechazada',
};

export const BANK_FILE_STATE_LABELS: Record<string, string> = {
  aplicado: 'Aplicado',
  rechazado: 'Rechazado',
  simulado: 'Solo validado (no aplicado)',
};

export const PAYMENT_CHANNEL_LABELS: Record<string, string> = {
  pse: 'PSE (en línea)',
  banco: 'Banco (archivo de recaudo)',
  caja: 'Caja',
};

export function channelLabel(channel: string): string {
  return PAYMENT_CHANNEL_LABELS[channel] ?? channel;
}

const calendarFormat = new Intl.DateTimeFormat('es-CO', { timeZone: 'UTC', dateStyle: 'long' });
const shortCalendarFormat = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function parseCalendarDate(day: string | null | undefined): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * "31 de diciembre de 2026" for a calendar day ("2026-12-31"). Read as UTC on purpose: in Bogotá time
 * the midnight of that day would print as the day before.
 */
export function formatDay(day: string | null | undefined): string {
  const date = parseCalendarDate(day);
  return date ? calendarFormat.format(date) : '—';
}

/** "31 dic 2026" for tables. */
export function formatShortDay(day: string | null | undefined): string {
  const date = parseCalendarDate(day);
  return date ? shortCalendarFormat.format(date) : '—';
}

/** Today's calendar day in Bogotá ("2026-12-03"). */
export function todayInBogota(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
}

/** The server's field messages start with the field's path ("payer.email: …"); people need only the rest. */
export function withoutFieldPrefix(message: string): string {
  return message.replace(/^[\w.[\]]+: /, '');
}

/** Same, for every message of a form. */
export function cleanFieldErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, withoutFieldPrefix(text)]));
}

/** The código predial people recognise: the national one (30 digits) or else the old one (20). */
export function predioCode(predio: {
  numeroPredial: string | null;
  numeroPredialAnterior: string | null;
}): string {
  return predio.numeroPredial ?? predio.numeroPredialAnterior ?? '—';
}

/** Digits only: what people paste often carries spaces or dashes. */
export function onlyDigits(text: string): string {
  return text.replace(/\D/g, '');
}

export function billPath(reference: string): string {
  return `/predial/factura/${encodeURIComponent(reference)}`;
}

export function payPath(reference: string, optionSeq: number): string {
  return `/predial/pagar/${encodeURIComponent(reference)}/${optionSeq}`;
}

/** True when everything still owed is inside a payment agreement: it is paid by instalment bills. */
export function allDebtInAgreement(statement: {
  vigencias: { concepts: { balance: number; inAgreement?: boolean }[] }[];
}): boolean {
  const owed = statement.vigencias.flatMap((vigencia) => vigencia.concepts).filter((c) => c.balance > 0);
  return owed.length > 0 && owed.every((concept) => concept.inAgreement === true);
}

/**
 * The destino económico letters of Res. IGAC 70/2011 art. 86 (src/modules/taxes/cadastre/destino-economico.ts),
 * for the registry correction form: the ficha sends the name, the PATCH takes the letter.
 */
export const DESTINOS_ECONOMICOS: readonly { letra: string; nombre: string }[] = [
  { letra: '0', nombre: 'Sin destinación' },
  { letra: 'A', nombre: 'Habitacional' },
  { letra: 'B', nombre: 'Industrial' },
  { letra: 'C', nombre: 'Comercial' },
  { letra: 'D', nombre: 'Agropecuario' },
  { letra: 'E', nombre: 'Minero' },
  { letra: 'F', nombre: 'Cultural' },
  { letra: 'G', nombre: 'Recreacional' },
  { letra: 'H', nombre: 'Salubridad' },
  { letra: 'I', nombre: 'Institucionales' },
  { letra: 'J', nombre: 'Educativo' },
  { letra: 'K', nombre: 'Religioso' },
  { letra: 'L', nombre: 'Agrícola' },
  { letra: 'M', nombre: 'Pecuario' },
  { letra: 'N', nombre: 'Agroindustrial' },
  { letra: 'O', nombre: 'Forestal' },
  { letra: 'P', nombre: 'Uso público' },
  { letra: 'Q', nombre: 'Servicios especiales' },
  { letra: 'R', nombre: 'Lote urbanizable no urbanizado' },
  { letra: 'S', nombre: 'Lote urbanizado no construido o edificado' },
  { letra: 'T', nombre: 'Lote no urbanizable' },
];

export const CADASTRE_FORMAT_LABELS: Record<string, string> = {
  r1r2: 'R1/R2 del IGAC (ancho fijo)',
  'amb-open-data': 'Datos abiertos del AMB',
  csv: 'CSV de la alcaldía',
  desconocido: 'No reconocido',
};

export const CADASTRE_IMPORT_LABELS: Record<string, string> = {
  aplicada: 'Aplicada',
  rechazada: 'Rechazada',
};

export const CADASTRE_IMPORT_BADGES: Record<string, string> = {
  aplicada: 'badge--completado',
  rechazada: 'badge--fallido',
};
