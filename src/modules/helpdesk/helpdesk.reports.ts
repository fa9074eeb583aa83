import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { appUser, dependencia } from '../../platform/identity/identity.schema.ts';
import type { ClockEvent } from '../../platform/workflow/clock/index.ts';
import { workflowCase } from '../../platform/workflow/workflow.schema.ts';
import { categoryLabel, type HelpdeskRules, periodAt, slaOf, type TicketPriority } from './helpdesk.rules.ts';
import { helpdeskTicket, TICKET_PRIORITIES } from './helpdesk.schema.ts';
import {
  compliancePercent,
  fromStoredEvents,
  mean,
  measureSla,
  median,
  type SlaMeasure,
  toHours,
} from './helpdesk.sla.ts';
import { HELPDESK_STATES as S } from './helpdesk.workflow.ts';

/**
 * The help desk's figures for a period of opening dates: tickets by the requester's dependencia (the table of
 * the Oficina TIC's 2020 report: «DEPENDENCIA · Nº DE SOLICITUDES · TOTAL»), by category and by technician,
 * the time to the first response and to the solution in business hours (waiting for the requester left out),
 * and the SLA compliance per priority. The figures are computed from each ticket's clock history, so they
 * agree with what the ticket's page and the queue showed.
 */

/** One ticket as the report reads it. */
export interface ReportTicket {
  number: string;
  openedAt: Date;
  category: string;
  priority: TicketPriority;
  state: string;
  dependenciaId: string | null;
  dependenciaName: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  satisfaction: number | null;
  reopenCount: number;
  events: ClockEvent[];
}

export interface SlaStats {
  /** Met or missed (pending tickets already past their due instant count as missed). */
  measured: number;
  met: number;
  missed: number;
  /** Still running and not yet due. */
  pending: number;
  /** met / measured, %, one decimal; null without measured tickets. */
  compliancePercent: number | null;
  /** Of the tickets answered (responded, solved): business hours, two decimals. */
  meanHours: number | null;
  medianHours: number | null;
}

export interface TicketMetrics {
  ticket: ReportTicket;
  firstResponse: SlaMeasure | null;
  solution: SlaMeasure | null;
}

export interface HelpdeskReport {
  desde: string;
  hasta: string;
  generatedAt: string;
  totals: {
    tickets: number;
    open: number;
    resolved: number;
    closed: number;
    cancelled: number;
    reopened: number;
    rated: number;
    satisfactionAverage: number | null;
  };
  firstResponse: SlaStats;
  solution: SlaStats;
  byDependencia: { dependenciaId: string | null; name: string; tickets: number; percent: number }[];
  byCategory: {
    code: string;
    label: string;
    tickets: number;
    resolved: number;
    solution: SlaStats;
  }[];
  byTechnician: {
    userId: string | null;
    name: string;
    tickets: number;
    resolved: number;
    solution: SlaStats;
    satisfactionAverage: number | null;
    rated: number;
  }[];
  byPriority: {
    priority: TicketPriority;
    label: string;
    firstResponseHours: number;
    solutionHours: number;
    tickets: number;
    firstResponse: SlaStats;
    solution: SlaStats;
  }[];
}

/** Both SLAs of one ticket now; a cancelled ticket has no solution SLA (nor a first response if none came). */
export function ticketMetrics(ticket: ReportTicket, rules: HelpdeskRules, now: Date): TicketMetrics {
  const period = periodAt(rules, ticket.openedAt);
  const cancelled = ticket.state === S.cancelled;
  const firstResponse =
    cancelled && !ticket.firstResponseAt
      ? null
      : measureSla(
          ticket.events,
          slaOf(period, ticket.priority, 'firstResponse'),
          ticket.firstResponseAt,
          now,
        );
  const solution = cancelled
    ? null
    : measureSla(ticket.events, slaOf(period, ticket.priority, 'solution'), ticket.resolvedAt, now);
  return { ticket, firstResponse, solution };
}

export function slaStats(measures: readonly (SlaMeasure | null)[]): SlaStats {
  const present = measures.filter((measure): measure is SlaMeasure => measure !== null);
  const met = present.filter((measure) => measure.status === 'cumplido').length;
  const missed = present.filter((measure) => measure.status === 'incumplido').length;
  const answered = present.filter((measure) => measure.at !== null).map((measure) => measure.businessMs);
  const meanMs = mean(answered);
  const medianMs = median(answered);
  return {
    measured: met + missed,
    met,
    missed,
    pending: present.length - met - missed,
    compliancePercent: compliancePercent(met, met + missed),
    meanHours: meanMs === null ? null : toHours(meanMs),
    medianHours: medianMs === null ? null : toHours(medianMs),
  };
}

function average(values: readonly number[]): number | null {
  const value = mean(values);
  return value === null ? null : Math.round(value * 100) / 100;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'es');

/** The report of a set of tickets (pure: the tests give it a known data set). */
export function buildReport(
  tickets: readonly ReportTicket[],
  rules: HelpdeskRules,
  now: Date,
  range: { desde: string; hasta: string },
): HelpdeskReport {
  const metrics = tickets.map((ticket) => ticketMetrics(ticket, rules, now));
  const total = tickets.length;
  const rated = tickets.filter((ticket) => ticket.satisfaction !== null);
  const current = periodAt(rules, now);

  const byDependencia = [...groupBy(tickets, (ticket) => ticket.dependenciaId)]
    .map(([dependenciaId, group]) => ({
      dependenciaId,
      name: group[0]?.dependenciaName ?? 'Sin dependencia',
      tickets: group.length,
      percent: total === 0 ? 0 : Math.round((group.length / total) * 1000) / 10,
    }))
    .sort(byName);

  const byCategory = [...groupBy(metrics, (metric) => metric.ticket.category)]
    .map(([code, group]) => ({
      code,
      label: categoryLabel(rules, code),
      tickets: group.length,
      resolved: group.filter((metric) => metric.ticket.resolvedAt !== null).length,
      solution: slaStats(group.map((metric) => metric.solution)),
    }))
    .sort((a, b) => b.tickets - a.tickets || a.label.localeCompare(b.label, 'es'));

  const byTechnician = [...groupBy(metrics, (metric) => metric.ticket.assigneeUserId)]
    .map(([userId, group]) => {
      const ratings = group.flatMap((metric) =>
        metric.ticket.satisfaction === null ? [] : [metric.ticket.satisfaction],
      );
      return {
        userId,
        name: userId ? (group[0]?.ticket.assigneeName ?? '—') : 'Sin asignar',
        tickets: group.length,
        resolved: group.filter((metric) => metric.ticket.resolvedAt !== null).length,
        solution: slaStats(group.map((metric) => metric.solution)),
        satisfactionAverage: average(ratings),
        rated: ratings.length,
      };
    })
    .sort(byName);

  const byPriority = TICKET_PRIORITIES.map((priority) => {
    const group = metrics.filter((metric) => metric.ticket.priority === priority);
    const rule = current.priorities[priority];
    return {
      priority,
      label: rule.label,
      firstResponseHours: rule.firstResponseHours,
      solutionHours: rule.solutionHours,
      tickets: group.length,
      firstResponse: slaStats(group.map((metric) => metric.firstResponse)),
      solution: slaStats(group.map((metric) => metric.solution)),
    };
  });

  return {
    desde: range.desde,
    hasta: range.hasta,
    generatedAt: now.toISOString(),
    totals: {
      tickets: total,
      open: tickets.filter((ticket) => ticket.closedAt === null).length,
      resolved: tickets.filter((ticket) => ticket.resolvedAt !== null).length,
      closed: tickets.filter((ticket) => ticket.state === S.closed).length,
      cancelled: tickets.filter((ticket) => ticket.state === S.cancelled).length,
      reopened: tickets.filter((ticket) => ticket.reopenCount > 0).length,
      rated: rated.length,
      satisfactionAverage: average(rated.map((ticket) => ticket.satisfaction!)),
    },
    firstResponse: slaStats(metrics.map((metric) => metric.firstResponse)),
    solution: slaStats(metrics.map((metric) => metric.solution)),
    byDependencia,
    byCategory,
    byTechnician,
    byPriority,
  };
}

// ───────── CSV ─────────

export const REPORT_TABLES = ['dependencias', 'categorias', 'tecnicos', 'prioridades', 'tickets'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** A CSV cell: «;» separated, quoted when needed, and never a formula for a spreadsheet (CWE-1236). */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csv = (header: string[], rows: (string | number | null)[][]) =>
  `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;

const STATUS_LABELS = { cumplido: 'cumplido', incumplido: 'incumplido', pendiente: 'pendiente' } as const;

/** One table of the report as CSV (UTF-8 with BOM, «;», decimal comma: what Excel in Colombia opens). */
export function reportCsv(
  report: HelpdeskReport,
  table: ReportTable,
  detail: readonly TicketMetrics[] = [],
  rules?: HelpdeskRules,
): string {
  switch (table) {
    case 'dependencias':
      return csv(
        ['dependencia', 'solicitudes', 'porcentaje'],
        [
          ...report.byDependencia.map((row) => [row.name, row.tickets, row.percent]),
          ['TOTAL', report.totals.tickets, report.totals.tickets > 0 ? 100 : 0],
        ],
      );
    case 'categorias':
      return csv(
        ['categoria', 'tickets', 'resueltos', 'cumplimiento_solucion_pct', 'solucion_media_horas'],
        report.byCategory.map((row) => [
          row.label,
          row.tickets,
          row.resolved,
          row.solution.compliancePercent,
          row.solution.meanHours,
        ]),
      );
    case 'tecnicos':
      return csv(
        [
          'tecnico',
          'tickets',
          'resueltos',
          'cumplimiento_solucion_pct',
          'solucion_media_horas',
          'solucion_mediana_horas',
          'satisfaccion_promedio',
          'calificaciones',
        ],
        report.byTechnician.map((row) => [
          row.name,
          row.tickets,
          row.resolved,
          row.solution.compliancePercent,
          row.solution.meanHours,
          row.solution.medianHours,
          row.satisfactionAverage,
          row.rated,
        ]),
      );
    case 'prioridades':
      return csv(
        [
          'prioridad',
          'ans_primera_respuesta_horas',
          'ans_solucion_horas',
          'tickets',
          'primera_respuesta_cumplimiento_pct',
          'primera_respuesta_media_horas',
          'primera_respuesta_mediana_horas',
          'solucion_cumplimiento_pct',
          'solucion_media_horas',
          'solucion_mediana_horas',
        ],
        report.byPriority.map((row) => [
          row.label,
          row.firstResponseHours,
          row.solutionHours,
          row.tickets,
          row.firstResponse.compliancePercent,
          row.firstResponse.meanHours,
          row.firstResponse.medianHours,
          row.solution.compliancePercent,
          row.solution.meanHours,
          row.solution.medianHours,
        ]),
      );
    case 'tickets':
      return csv(
        [
          'numero',
          'abierto',
          'dependencia',
          'categoria',
          'prioridad',
          'estado',
          'tecnico',
          'primera_respuesta_horas',
          'primera_respuesta_ans',
          'solucion_horas',
          'solucion_ans',
          'reaperturas',
          'satisfaccion',
        ],
        detail.map(({ ticket, firstResponse, solution }) => [
          ticket.number,
          ticket.openedAt.toISOString(),
          ticket.dependenciaName ?? 'Sin dependencia',
          rules ? categoryLabel(rules, ticket.category) : ticket.category,
          ticket.priority,
          ticket.state,
          ticket.assigneeName,
          firstResponse?.at ? toHours(firstResponse.businessMs) : null,
          firstResponse ? STATUS_LABELS[firstResponse.status] : 'no aplica',
          solution?.at ? toHours(solution.businessMs) : null,
          solution ? STATUS_LABELS[solution.status] : 'no aplica',
          ticket.reopenCount,
          ticket.satisfaction,
        ]),
      );
  }
}

// ───────── reading the tickets ─────────

/** Longest period one report covers (a year's report is about 5,500 tickets, per the 2020 figures). */
export const MAX_REPORT_DAYS = 731;

/** The instant a Bogotá day starts (Colombia keeps UTC−5 all year since 1993). */
const startOfBogotaDay = (day: string) => new Date(`${day}T00:00:00-05:00`);

export function createHelpdeskReports(deps: { db: Db; rules(): HelpdeskRules; now(): Date }) {
  const { db } = deps;

  function checkRange(desde: string, hasta: string): void {
    if (desde > hasta) {
      throw new AppError(400, 'VALIDATION_ERROR', 'hasta: debe ser igual o posterior a «desde».', 'hasta');
    }
    const days = (Date.parse(hasta) - Date.parse(desde)) / 86_400_000;
    if (days > MAX_REPORT_DAYS) {
      throw new AppError(
        400,
        'VALIDATION_ERROR',
        `hasta: el informe cubre como máximo ${MAX_REPORT_DAYS} días; acorte el periodo.`,
        'hasta',
      );
    }
  }

  /** The tickets opened between two Bogotá dates (both included). */
  async function tickets(tenantId: string, desde: string, hasta: string): Promise<ReportTicket[]> {
    checkRange(desde, hasta);
    const until = new Date(startOfBogotaDay(hasta).getTime() + 86_400_000);
    const rows = await db
      .select({
        number: helpdeskTicket.number,
        openedAt: helpdeskTicket.openedAt,
        category: helpdeskTicket.category,
        priority: helpdeskTicket.priority,
        state: workflowCase.state,
        dependenciaId: helpdeskTicket.requesterDependenciaId,
        dependenciaName: dependencia.name,
        assigneeUserId: workflowCase.assigneeUserId,
        assigneeName: appUser.fullName,
        firstResponseAt: helpdeskTicket.firstResponseAt,
        resolvedAt: helpdeskTicket.resolvedAt,
        closedAt: workflowCase.closedAt,
        satisfaction: helpdeskTicket.satisfaction,
        reopenCount: helpdeskTicket.reopenCount,
        clockEvents: workflowCase.clockEvents,
      })
      .from(helpdeskTicket)
      .innerJoin(workflowCase, eq(workflowCase.id, helpdeskTicket.caseId))
      .leftJoin(dependencia, eq(dependencia.id, helpdeskTicket.requesterDependenciaId))
      .leftJoin(appUser, eq(appUser.id, workflowCase.assigneeUserId))
      .where(
        and(
          eq(helpdeskTicket.tenantId, tenantId),
          gte(helpdeskTicket.openedAt, startOfBogotaDay(desde)),
          lt(helpdeskTicket.openedAt, until),
        ),
      )
      .orderBy(helpdeskTicket.openedAt);
    return rows.map(({ clockEvents, ...row }) => ({ ...row, events: fromStoredEvents(clockEvents) }));
  }

  async function summary(tenantId: string, desde: string, hasta: string): Promise<HelpdeskReport> {
    return buildReport(await tickets(tenantId, desde, hasta), deps.rules(), deps.now(), { desde, hasta });
  }

  async function exportCsv(tenantId: string, desde: string, hasta: string, table: ReportTable) {
    const rows = await tickets(tenantId, desde, hasta);
    const rules = deps.rules();
    const now = deps.now();
    const report = buildReport(rows, rules, now, { desde, hasta });
    const detail = table === 'tickets' ? rows.map((ticket) => ticketMetrics(ticket, rules, now)) : [];
    return reportCsv(report, table, detail, rules);
  }

  return { tickets, summary, exportCsv };
}

export type HelpdeskReports = ReturnType<typeof createHelpdeskReports>;
