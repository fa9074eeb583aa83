import { describe, expect, it } from 'vitest';
import { buildReport, type ReportTicket, reportCsv, ticketMetrics } from './helpdesk.reports.ts';
import { readHelpdeskRules } from './helpdesk.rules.ts';

const bogota = (local: string) => new Date(`${local}-05:00`);
const rules = readHelpdeskRules();

function ticket(extra: Partial<ReportTicket>): ReportTicket {
  const openedAt = extra.openedAt ?? bogota('2026-03-02T08:00:00');
  return {
    number: '2026-MDA-000001',
    openedAt,
    category: 'red',
    priority: 'alta',
    state: 'en_atencion',
    dependenciaId: 'd1',
    dependenciaName: 'Secretaría de Planeación',
    assigneeUserId: null,
    assigneeName: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    satisfaction: null,
    reopenCount: 0,
    events: [
      {
        type: 'started',
        at: openedAt,
        sla: { unit: 'businessHours', amount: 9, hours: { start: '07:30', end: '16:30' } },
      },
    ],
    ...extra,
  };
}

describe('the help-desk report', () => {
  it('orders dependencias alphabetically, like the TIC report, with shares that add up', () => {
    const report = buildReport(
      [
        ticket({ dependenciaId: 'd2', dependenciaName: 'Secretaría de Hacienda' }),
        ticket({}),
        ticket({}),
        ticket({ dependenciaId: null, dependenciaName: null }),
      ],
      rules,
      bogota('2026-03-02T09:00:00'),
      { desde: '2026-03-01', hasta: '2026-03-31' },
    );
    expect(report.byDependencia.map((row) => [row.name, row.tickets, row.percent])).toEqual([
      ['Secretaría de Hacienda', 1, 25],
      ['Secretaría de Planeación', 2, 50],
      ['Sin dependencia', 1, 25],
    ]);
    expect(report.firstResponse).toMatchObject({ measured: 0, pending: 4, compliancePercent: null });
  });

  it('writes CSV for a spreadsheet: BOM, «;», decimal comma, and never a formula', () => {
    const rows = [
      ticket({
        number: '2026-MDA-000007',
        dependenciaName: '=HYPERLINK("http://x")',
        firstResponseAt: bogota('2026-03-02T09:30:00'),
      }),
    ];
    const now = bogota('2026-03-02T10:00:00');
    const report = buildReport(rows, rules, now, { desde: '2026-03-01', hasta: '2026-03-31' });
    const dependencias = reportCsv(report, 'dependencias');
    expect(dependencias.startsWith('\uFEFFdependencia;solicitudes;porcentaje\r\n')).toBe(true);
    expect(dependencias).toContain(`"'=HYPERLINK(""http://x"")";1;100`);
    expect(dependencias.endsWith('TOTAL;1;100\r\n')).toBe(true);
    const detail = reportCsv(
      report,
      'tickets',
      rows.map((row) => ticketMetrics(row, rules, now)),
      rules,
    );
    expect(detail.split('\r\n')[1]).toMatch(
      /^2026-MDA-000007;.*;Red, internet y cableado;alta;en_atencion;;1,5;cumplido;;pendiente;0;$/,
    );
  });
});
