import { and, eq, sql } from 'drizzle-orm';
import { csvCell } from '../../platform/audit/audit-export.job.ts';
import { businessDaysBetween, toBogotaDate } from '../../platform/calendar/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { IdentityService } from '../../platform/identity/identity.service.ts';
import { workflowCase } from '../../platform/workflow/workflow.schema.ts';
import { CHANNEL_LABELS } from './pqrsd.views.ts';
import type { PqrsdMunicipalRules } from './pqrsd-config.ts';
import { pqrsdRequest } from './requests.schema.ts';
import { PQRSD_TYPE_LABELS, type PqrsdType } from './terms/index.ts';

/** Cells of the open-data series below this count are suppressed: a rare combination can point to a person. */
export const OPEN_DATA_MIN_CELL = 3;

interface ReportRow {
  radicado: string;
  type: string;
  channel: string;
  category: string;
  dependenciaId: string | null;
  receivedOn: string;
  filedOn: string;
  state: string;
  outcome: string | null;
  closedAt: Date | null;
  dueAt: Date;
  dueOn: string;
  informationDenied: boolean;
}

export type PqrsdOutcomeClass = 'a_tiempo' | 'tarde' | 'trasladada' | 'otra' | 'pendiente' | 'vencida';

/** How a request stands for Ley 1712 reporting, as of `now`. */
export function outcomeClass(
  row: Pick<ReportRow, 'outcome' | 'closedAt' | 'dueAt'>,
  now: Date,
): PqrsdOutcomeClass {
  if (row.outcome === 'respondida')
    return row.closedAt!.getTime() <= row.dueAt.getTime() ? 'a_tiempo' : 'tarde';
  if (row.outcome === 'trasladada') return 'trasladada';
  if (row.outcome) return 'otra';
  return row.dueAt.getTime() < now.getTime() ? 'vencida' : 'pendiente';
}

/**
 * The PQRSD report the transparency law asks for (Ley 1712 de 2014 art. 11 h, Decreto 1081 de 2015 art.
 * 2.1.1.6.2): received by type, channel and dependencia, transferred, answered on time and late, the mean
 * response time and the requests where information was denied; plus the monthly series and its CSV.
 */
export function createPqrsdReports(
  ctx: AppContext,
  deps: { identity: IdentityService; rules(tenantId: string): Promise<PqrsdMunicipalRules> },
) {
  const { db } = ctx;

  async function rows(tenantId: string, from: string | null, to: string | null): Promise<ReportRow[]> {
    const receivedOn = sql<string>`to_char(${pqrsdRequest.filedAt} at time zone 'America/Bogota', 'YYYY-MM-DD')`;
    return db
      .select({
        radicado: pqrsdRequest.radicado,
        type: pqrsdRequest.type,
        channel: pqrsdRequest.channel,
        category: pqrsdRequest.category,
        dependenciaId: workflowCase.dependenciaId,
        receivedOn,
        filedOn: pqrsdRequest.filedOn,
        state: workflowCase.state,
        outcome: workflowCase.outcome,
        closedAt: workflowCase.closedAt,
        dueAt: workflowCase.dueAt,
        dueOn: workflowCase.dueOn,
        informationDenied: pqrsdRequest.informationDenied,
      })
      .from(pqrsdRequest)
      .innerJoin(workflowCase, eq(workflowCase.id, pqrsdRequest.caseId))
      .where(
        and(
          eq(pqrsdRequest.tenantId, tenantId),
          from
            ? sql`${pqrsdRequest.filedAt} >= (${from}::date)::timestamp at time zone 'America/Bogota'`
            : undefined,
          to
            ? sql`${pqrsdRequest.filedAt} < (${to}::date + 1)::timestamp at time zone 'America/Bogota'`
            : undefined,
        ),
      )
      .orderBy(pqrsdRequest.filedAt);
  }

  /** Business days from the filing day to the answer (what the law's terms measure). */
  function responseDays(row: ReportRow): number | null {
    if (row.outcome !== 'respondida' || !row.closedAt) return null;
    return businessDaysBetween(row.filedOn, toBogotaDate(row.closedAt));
  }

  async function labels(tenantId: string) {
    const offices = await deps.identity.listDependencias(tenantId);
    const rules = await deps.rules(tenantId);
    return {
      dependencia: (id: string | null) =>
        offices.find((office) => office.id === id)?.name ?? 'Sin dependencia',
      category: (code: string) => rules.categories.find((category) => category.code === code)?.label ?? code,
    };
  }

  function countBy<T>(items: T[], key: (item: T) => string): { key: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count);
  }

  async function summary(tenantId: string, from: string, to: string) {
    const data = await rows(tenantId, from, to);
    const name = await labels(tenantId);
    const now = ctx.now();
    const classes = data.map((row) => outcomeClass(row, now));
    const count = (which: PqrsdOutcomeClass) => classes.filter((value) => value === which).length;
    const days = data.map(responseDays).filter((value): value is number => value !== null);
    const months = new Map<
      string,
      { received: number; onTime: number; late: number; transferred: number; pending: number }
    >();
    data.forEach((row, index) => {
      const month = row.receivedOn.slice(0, 7);
      const entry = months.get(month) ?? { received: 0, onTime: 0, late: 0, transferred: 0, pending: 0 };
      entry.received += 1;
      const cls = classes[index]!;
      if (cls === 'a_tiempo') entry.onTime += 1;
      if (cls === 'tarde') entry.late += 1;
      if (cls === 'trasladada') entry.transferred += 1;
      if (cls === 'pendiente' || cls === 'vencida') entry.pending += 1;
      months.set(month, entry);
    });
    return {
      from,
      to,
      received: data.length,
      byType: countBy(data, (row) => row.type).map(({ key, count }) => ({
        type: key,
        label: PQRSD_TYPE_LABELS[key as PqrsdType] ?? key,
        count,
      })),
      byChannel: countBy(data, (row) => row.channel).map(({ key, count }) => ({
        channel: key,
        label: CHANNEL_LABELS[key] ?? key,
        count,
      })),
      byDependencia: countBy(data, (row) => row.dependenciaId ?? '').map(({ key, count }) => ({
        dependencia: name.dependencia(key || null),
        count,
      })),
      byCategory: countBy(data, (row) => row.category).map(({ key, count }) => ({
        category: name.category(key),
        count,
      })),
      transferred: count('trasladada'),
      answeredOnTime: count('a_tiempo'),
      answeredLate: count('tarde'),
      otherClosings: count('otra'),
      pending: count('pendiente'),
      pendingOverdue: count('vencida'),
      informationDenied: data.filter((row) => row.informationDenied && row.outcome === 'respondida').length,
      averageResponseBusinessDays:
        days.length === 0 ? null : Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10,
      monthly: [...months]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, entry]) => ({ month, ...entry })),
    };
  }

  /** One line per request, without personal data or free text (the subject may name people). */
  async function csv(tenantId: string, from: string, to: string): Promise<string> {
    const data = await rows(tenantId, from, to);
    const name = await labels(tenantId);
    const now = ctx.now();
    const header = [
      'radicado',
      'fecha_recibida',
      'fecha_radicacion_efectiva',
      'tipo',
      'canal',
      'tema',
      'dependencia',
      'estado',
      'fecha_vencimiento',
      'fecha_cierre',
      'resultado',
      'oportunidad',
      'dias_habiles_respuesta',
      'informacion_negada',
    ];
    const lines = data.map((row) =>
      [
        row.radicado,
        row.receivedOn,
        row.filedOn,
        PQRSD_TYPE_LABELS[row.type as PqrsdType] ?? row.type,
        CHANNEL_LABELS[row.channel] ?? row.channel,
        name.category(row.category),
        name.dependencia(row.dependenciaId),
        row.state,
        row.dueOn,
        row.closedAt ? toBogotaDate(row.closedAt) : '',
        row.outcome ?? '',
        outcomeClass(row, now),
        responseDays(row) ?? '',
        row.informationDenied ? 'si' : 'no',
      ]
        .map(csvCell)
        .join(','),
    );
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }

  /**
   * The monthly series for the open-data catalogue: complete months only, counts by type, channel and
   * dependencia, cells under OPEN_DATA_MIN_CELL suppressed (left empty and flagged).
   */
  async function openDataCsv(tenantId: string): Promise<string> {
    const data = await rows(tenantId, null, null);
    const name = await labels(tenantId);
    const now = ctx.now();
    const currentMonth = toBogotaDate(now).slice(0, 7);
    const cells = new Map<string, { received: number; onTime: number; late: number; transferred: number }>();
    for (const row of data) {
      const month = row.receivedOn.slice(0, 7);
      if (month >= currentMonth) continue;
      const key = [month, row.type, row.channel, row.dependenciaId ?? ''].join('|');
      const cell = cells.get(key) ?? { received: 0, onTime: 0, late: 0, transferred: 0 };
      cell.received += 1;
      const cls = outcomeClass(row, now);
      if (cls === 'a_tiempo') cell.onTime += 1;
      if (cls === 'tarde') cell.late += 1;
      if (cls === 'trasladada') cell.transferred += 1;
      cells.set(key, cell);
    }
    const header = [
      'mes',
      'tipo',
      'canal',
      'dependencia',
      'recibidas',
      'respondidas_a_tiempo',
      'respondidas_tarde',
      'trasladadas',
      'suprimida',
    ];
    const lines = [...cells]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, cell]) => {
        const [month, type, channel, dependenciaId] = key.split('|') as [string, string, string, string];
        const suppressed = cell.received < OPEN_DATA_MIN_CELL;
        const value = (n: number) => (suppressed ? '' : n);
        return [
          month,
          PQRSD_TYPE_LABELS[type as PqrsdType] ?? type,
          CHANNEL_LABELS[channel] ?? channel,
          name.dependencia(dependenciaId || null),
          value(cell.received),
          value(cell.onTime),
          value(cell.late),
          value(cell.transferred),
          suppressed ? 'si' : 'no',
        ]
          .map(csvCell)
          .join(',');
      });
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }

  return { summary, csv, openDataCsv };
}

export type PqrsdReports = ReturnType<typeof createPqrsdReports>;
