import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDaysBetween, isBusinessDay, toBogotaDate } from '../../platform/calendar/index.ts';
import { HelpdeskError } from './helpdesk.errors.ts';
import {
  activeCategory,
  HELPDESK_RULES_FILE,
  loadHelpdeskRules,
  mayReopen,
  periodOn,
  readHelpdeskRules,
  reopenDeadline,
  slaOf,
} from './helpdesk.rules.ts';
import { HELPDESK_WORKFLOW_FILE, loadHelpdeskWorkflow, readHelpdeskWorkflow } from './helpdesk.workflow.ts';

const shipped = () => JSON.parse(fs.readFileSync(HELPDESK_RULES_FILE, 'utf8'));
const bogota = (local: string) => new Date(`${local}-05:00`);

/** The rule file's error, to look at its code, path and Spanish detail. */
function problemOf(json: unknown): HelpdeskError {
  try {
    loadHelpdeskRules(json);
  } catch (error) {
    if (error instanceof HelpdeskError) return error;
    throw error;
  }
  throw new Error('the rules loaded');
}

describe('config/rules/helpdesk.json', () => {
  it('loads the categories modelled on the TIC report and the SLAs of every priority', () => {
    const rules = readHelpdeskRules();
    expect(rules.office.dependencia).toBe('tic');
    expect(rules.categories.map((category) => category.code)).toEqual([
      'equipos',
      'red',
      'telefonia',
      'servidores',
      'teletrabajo',
      'sistemas_informacion',
      'cuentas_permisos',
      'correo_ofimatica',
      'plataformas_web',
      'otro',
    ]);
    for (const category of rules.categories) expect(category.source.length).toBeGreaterThan(5);
    const period = periodOn(rules, '2026-07-01');
    expect(period.officeHours).toEqual({ start: '07:30', end: '16:30' });
    expect(Object.keys(period.priorities)).toEqual(['critica', 'alta', 'media', 'baja']);
    for (const rule of Object.values(period.priorities))
      expect(rule.firstResponseHours).toBeLessThanOrEqual(rule.solutionHours);
    expect(period.reopenWindowBusinessDays).toBe(5);
  });

  it('gives the clock a business-hours SLA in the office hours of the period', () => {
    const period = periodOn(readHelpdeskRules(), '2026-07-01');
    expect(slaOf(period, 'alta', 'solution')).toEqual({
      unit: 'businessHours',
      amount: 9,
      hours: { start: '07:30', end: '16:30' },
    });
    expect(slaOf(period, 'critica', 'firstResponse').amount).toBe(1);
  });

  it('names the path of each problem in Spanish', () => {
    const missingPriority = shipped();
    delete missingPriority.periods[0].priorities.baja;
    const error = problemOf(missingPriority);
    expect(error).toMatchObject({ status: 422, code: 'REGLAS_MESA_AYUDA_INVALIDAS' });
    expect(error.detail).toContain('periods[0].priorities.baja');

    const slower = shipped();
    slower.periods[0].priorities.media.firstResponseHours = 30;
    expect(problemOf(slower).detail).toContain(
      'periods[0].priorities.media.firstResponseHours: la primera respuesta no puede tardar más que la solución',
    );

    const fractional = shipped();
    fractional.periods[0].priorities.alta.solutionHours = 2.5;
    expect(problemOf(fractional).field).toBe('periods[0].priorities.alta.solutionHours');

    const hours = shipped();
    hours.periods[0].officeHours = { start: '16:30', end: '07:30' };
    expect(problemOf(hours).detail).toContain(
      'periods[0].officeHours.end: la hora de cierre debe ser posterior a la de apertura',
    );

    const duplicate = shipped();
    duplicate.categories.push({ ...duplicate.categories[0] });
    expect(problemOf(duplicate).detail).toContain('categories[10].code: el código «equipos» ya se usa');

    const overlap = shipped();
    overlap.periods.push({ ...overlap.periods[0], validFrom: '2025-01-01' });
    expect(problemOf(overlap).detail).toContain('periods[1].validFrom: sus fechas se solapan con periods[0]');

    const wrongFile = shipped();
    wrongFile.rules = 'pqrsd-terms';
    expect(problemOf(wrongFile).detail).toContain('rules: debe ser "helpdesk"');

    const badConfidence = shipped();
    badConfidence.categories[1].confidence = '[V]';
    expect(problemOf(badConfidence).field).toBe('categories[1].confidence');
  });

  it('lists every problem at once', () => {
    const broken = shipped();
    broken.periods[0].reopenWindowBusinessDays = 0;
    broken.periods[0].warnBusinessDays = -1;
    const error = problemOf(broken);
    expect(error.detail).toMatch(/\(2 problemas\)/);
    expect(error.extra).toMatchObject({ problems: [expect.any(Object), expect.any(Object)] });
  });

  it('answers which period governs a day, and refuses a day before the rules', () => {
    const rules = readHelpdeskRules();
    expect(periodOn(rules, '2020-01-01').validFrom).toBe('2020-01-01');
    expect(() => periodOn(rules, '2019-12-31')).toThrow(
      /No hay reglas de la mesa de ayuda para el 2019-12-31/,
    );
  });

  it('refuses an unknown or retired category on the field «category»', () => {
    const json = shipped();
    json.categories[2].active = false;
    const rules = loadHelpdeskRules(json);
    expect(activeCategory(rules, 'red').code).toBe('red');
    for (const code of ['telefonia', 'impresoras']) {
      expect(() => activeCategory(rules, code)).toThrow(
        expect.objectContaining({ status: 400, code: 'CATEGORIA_INVALIDA', field: 'category' }),
      );
    }
  });
});

describe('config/workflows/helpdesk.json', () => {
  it('loads, and the resolved state closes itself when the reopen window of the rules runs out', () => {
    const definition = readHelpdeskWorkflow(3);
    const resolved = definition.states.find((state) => state.code === 'resuelto')!;
    expect(resolved).toMatchObject({
      pausesClock: true,
      onSlaExceeded: 'cerrar',
      sla: { unit: 'businessDays', amount: 3 },
    });
    expect(definition.states.filter((state) => state.final).map((state) => state.code)).toEqual([
      'cerrado',
      'cancelado',
    ]);
  });

  it('refuses a workflow the module cannot run, naming the path', () => {
    const json = JSON.parse(fs.readFileSync(HELPDESK_WORKFLOW_FILE, 'utf8'));
    const withoutReopen = {
      ...json,
      actions: json.actions.filter((a: { code: string }) => a.code !== 'reabrir'),
    };
    expect(() => loadHelpdeskWorkflow(withoutReopen, 5)).toThrow(/falta la acción «reabrir»/);
    const running = structuredClone(json);
    running.states.find((s: { code: string }) => s.code === 'resuelto').pausesClock = false;
    expect(() => loadHelpdeskWorkflow(running, 5)).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_DEFINITION_INVALID', field: 'states[4].pausesClock' }),
    );
  });
});

describe('the reopen window', () => {
  it('ends at the end of the n-th business day after the solution', () => {
    // Monday 2 March 2026, 10:00 → Tue 3, Wed 4, Thu 5, Fri 6, Mon 9: until Monday 9 March, 23:59:59.999.
    expect(reopenDeadline(bogota('2026-03-02T10:00:00'), 5).toISOString()).toBe('2026-03-10T04:59:59.999Z');
    // Friday 20 March 2026: Monday 23 is San José, so Tue 24 … Mon 30.
    expect(toBogotaDate(reopenDeadline(bogota('2026-03-20T15:00:00'), 5))).toBe('2026-03-30');
    // Solved on a Saturday: counted from Monday 9 March.
    expect(toBogotaDate(reopenDeadline(bogota('2026-03-07T11:00:00'), 5))).toBe('2026-03-16');
    // Holy week 2026: Thursday 2 and Friday 3 April are holidays.
    expect(toBogotaDate(reopenDeadline(bogota('2026-03-31T09:00:00'), 2))).toBe('2026-04-06');
  });

  it('lets the requester reopen up to the last millisecond and not after', () => {
    const solved = bogota('2026-03-02T10:00:00');
    const deadline = reopenDeadline(solved, 5);
    expect(mayReopen(solved, solved, 5)).toBe(true);
    expect(mayReopen(solved, deadline, 5)).toBe(true);
    expect(mayReopen(solved, new Date(deadline.getTime() + 1), 5)).toBe(false);
  });

  // Whole minutes between 2024 and 2034, any hour of the day.
  const instant = fc
    .integer({
      min: Date.parse('2024-01-01T05:00:00Z') / 60_000,
      max: Date.parse('2034-12-31T05:00:00Z') / 60_000,
    })
    .map((minute) => new Date(minute * 60_000));

  it('always ends on a business day, n business days after the day the solution counts for', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (solved, days) => {
        const deadline = reopenDeadline(solved, days);
        const lastDay = toBogotaDate(deadline);
        const solvedDay = toBogotaDate(solved);
        expect(deadline.getTime()).toBeGreaterThan(solved.getTime());
        expect(isBusinessDay(lastDay)).toBe(true);
        // The window closes at the end of a Bogotá day.
        expect(toBogotaDate(new Date(deadline.getTime() + 1))).not.toBe(lastDay);
        // From a business day the window is the n days after it; from a weekend or holiday the solution
        // counts for the next business day, which is one more business day after the solution's date.
        expect(businessDaysBetween(solvedDay, lastDay)).toBe(isBusinessDay(solvedDay) ? days : days + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('grows with the window, and reopening is allowed exactly until the deadline', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 19 }),
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        (solved, days, later) => {
          expect(reopenDeadline(solved, days + 1).getTime()).toBeGreaterThan(
            reopenDeadline(solved, days).getTime(),
          );
          const now = new Date(solved.getTime() + later);
          expect(mayReopen(solved, now, days)).toBe(now.getTime() <= reopenDeadline(solved, days).getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
