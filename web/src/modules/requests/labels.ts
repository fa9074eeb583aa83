import type { DueCategory } from './types';

export const PUBLIC_BASE = '/pqrsd';
export const ADMIN_BASE = '/admin/pqrsd';
export const API = '/api/v1/pqrsd';

export const trackingPath = (radicado?: string) =>
  radicado ? `${PUBLIC_BASE}/consultar?radicado=${encodeURIComponent(radicado)}` : `${PUBLIC_BASE}/consultar`;

/** Types as the citizen reads them, with one line on what each is for (Ley 1755 de 2015). */
export const TYPE_EXPLANATIONS: Record<string, string> = {
  peticion: 'Pida a la Alcaldía que actúe, le reconozca un derecho o resuelva una situación.',
  documentos: 'Pida copias de documentos o información pública que tenga la Alcaldía.',
  consulta: 'Pida el concepto de la Alcaldía sobre un asunto de su competencia.',
  queja: 'Manifieste su inconformidad con la conducta de un servidor público.',
  reclamo: 'Manifieste su inconformidad con un servicio que no se prestó o se prestó mal.',
  sugerencia: 'Proponga una idea para mejorar un servicio o un trámite.',
  denuncia: 'Informe de un posible hecho irregular o de corrupción; puede hacerlo de forma anónima.',
};

export const CHANNEL_LABELS: Record<string, string> = {
  web: 'Sede electrónica',
  ventanilla: 'Ventanilla',
  correo: 'Correo electrónico',
};

export const channelLabel = (channel: string | null | undefined) =>
  channel ? (CHANNEL_LABELS[channel] ?? channel) : '—';

/** The officials' names of the states (config/workflows/pqrsd.json). */
export const STATE_LABELS: Record<string, string> = {
  radicada: 'Radicada',
  asignada: 'Asignada a un funcionario',
  en_tramite: 'En trámite',
  esperando_informacion: 'Esperando información del peticionario',
  respuesta_en_revision: 'Respuesta en revisión del jefe de la dependencia',
  respondida: 'Respondida',
  trasladada: 'Trasladada por competencia',
  desistida: 'Desistimiento tácito',
  retirada: 'Retirada por el peticionario',
  duplicada: 'Duplicada de otro radicado',
};

export const stateLabel = (state: string | null | undefined) =>
  state ? (STATE_LABELS[state] ?? state) : '—';

/** How each step of the history reads (workflow actions plus the engine's own steps). */
export const STEP_LABELS: Record<string, string> = {
  abrir: 'Radicada',
  asignar: 'Asignada',
  reasignar: 'Reasignada',
  tomar: 'Trámite iniciado',
  solicitar_informacion: 'Información solicitada al peticionario',
  recibir_informacion: 'Información recibida',
  desistimiento_tacito: 'Desistimiento tácito declarado',
  proyectar_respuesta: 'Respuesta enviada a revisión',
  devolver_respuesta: 'Respuesta devuelta con observaciones',
  aprobar_respuesta: 'Respuesta aprobada y enviada',
  trasladar: 'Trasladada por competencia',
  marcar_duplicada: 'Marcada como duplicada',
  retirar: 'Retiro registrado',
  prorrogar: 'Término prorrogado',
  cambiar_tipo: 'Tipo de solicitud cambiado',
  cambiar_termino: 'Término cambiado',
  comentar: 'Nota interna',
};

export const stepLabel = (action: string) => STEP_LABELS[action] ?? action;

export const DUE_LABELS: Record<DueCategory, string> = {
  vencido: 'Vencida',
  vence_hoy: 'Vence hoy',
  por_vencer: 'Por vencer',
  en_termino: 'En término',
  pausado: 'Término suspendido',
  cerrado: 'Cerrada',
};

/** Badge modifier for each due category (styles.css: danger, pendiente, success, en_proceso). */
export const DUE_BADGES: Record<DueCategory, string> = {
  vencido: 'badge badge--danger',
  vence_hoy: 'badge badge--pendiente',
  por_vencer: 'badge badge--pendiente',
  en_termino: 'badge badge--success',
  pausado: 'badge badge--en_proceso',
  cerrado: 'badge',
};

export const CLOCK_LABELS: Record<string, string> = {
  running: 'Corriendo',
  paused: 'Suspendido',
  stopped: 'Detenido (solicitud cerrada)',
};

const calendarFormat = new Intl.DateTimeFormat('es-CO', { timeZone: 'UTC', dateStyle: 'long' });
const weekdayFormat = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortCalendarFormat = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const monthFormat = new Intl.DateTimeFormat('es-CO', { timeZone: 'UTC', month: 'long', year: 'numeric' });

function parseDay(day: string | null | undefined): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * "28 de diciembre de 2026" for a calendar day ("2026-12-28"). Read as UTC on purpose: in Bogotá time the
 * midnight of that day would print as the day before.
 */
export function formatDay(day: string | null | undefined): string {
  const date = parseDay(day);
  return date ? calendarFormat.format(date) : '—';
}

/** "lunes, 28 de diciembre de 2026": the due date on a receipt. */
export function formatDayWithWeekday(day: string | null | undefined): string {
  const date = parseDay(day);
  return date ? weekdayFormat.format(date) : '—';
}

/** "28 dic 2026" for lists. */
export function formatShortDay(day: string | null | undefined): string {
  const date = parseDay(day);
  return date ? shortCalendarFormat.format(date) : '—';
}

/** "diciembre de 2026" for "2026-12". */
export function formatMonth(month: string): string {
  const date = parseDay(`${month}-01`);
  return date ? monthFormat.format(date) : month;
}

const bogotaDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' });

/** Today's calendar day in Bogotá ("2026-12-03"). */
export function todayInBogota(): string {
  return bogotaDayFormat.format(new Date());
}

/** The Bogotá calendar day of an instant ("2026-12-03T04:00:00Z" → "2026-12-02"). */
export function bogotaDateOf(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant.slice(0, 10) : bogotaDayFormat.format(date);
}

/**
 * The server's messages may carry a prefix for programs ("Revise el formulario: petitioner.email: …");
 * people next to the field need only the rest, starting with a capital letter.
 */
export function cleanMessage(message: string): string {
  const text = message.replace(/^Revise (el formulario|el campo «[^»]*»): /, '').replace(/^[\w.[\]]+: /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function cleanFieldErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, cleanMessage(text)]));
}

export { newIdempotencyKey } from '../../app/api';

/** "1,2 MB" / "350 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Business days in Spanish: "1 día hábil", "3 días hábiles". */
export function businessDays(days: number): string {
  return days === 1 ? '1 día hábil' : `${days} días hábiles`;
}
