import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from './calendar-date.ts';
import { holidaysOf, isHoliday } from './holidays.ts';

describe('Colombian national holidays', () => {
  it('lists 2026 with official Spanish names, in date order', () => {
    expect(holidaysOf(2026)).toEqual([
      { date: '2026-01-01', name: 'Año Nuevo' },
      { date: '2026-01-12', name: 'Día de los Reyes Magos' },
      { date: '2026-03-23', name: 'San José' },
      { date: '2026-04-02', name: 'Jueves Santo' },
      { date: '2026-04-03', name: 'Viernes Santo' },
      { date: '2026-05-01', name: 'Día del Trabajador' },
      { date: '2026-05-18', name: 'Ascensión del Señor' },
      { date: '2026-06-08', name: 'Corpus Christi' },
      { date: '2026-06-15', name: 'Sagrado Corazón de Jesús' },
      { date: '2026-06-29', name: 'San Pedro y San Pablo' },
      { date: '2026-07-13', name: 'Nuestra Señora del Rosario de Chiquinquirá' },
      { date: '2026-07-20', name: 'Día de la Independencia' },
      { date: '2026-08-07', name: 'Batalla de Boyacá' },
      { date: '2026-08-17', name: 'Asunción de la Virgen' },
      { date: '2026-10-12', name: 'Día de la Raza' },
      { date: '2026-11-02', name: 'Todos los Santos' },
      { date: '2026-11-16', name: 'Independencia de Cartagena' },
      { date: '2026-12-08', name: 'Inmaculada Concepción' },
      { date: '2026-12-25', name: 'Navidad' },
    ]);
  });

  it('includes Chiquinquirá (Ley 2578 de 2026) moved to Monday, only from 2026', () => {
    expect(isHoliday(parseCalendarDate('2026-07-13'))).toBe(true);
    expect(isHoliday(parseCalendarDate('2026-07-09'))).toBe(false);
    expect(isHoliday(parseCalendarDate('2027-07-12'))).toBe(true);
    expect(isHoliday(parseCalendarDate('2025-07-09'))).toBe(false);
    expect(isHoliday(parseCalendarDate('2025-07-14'))).toBe(false);
    expect(holidaysOf(2025).some((h) => h.name.includes('Chiquinquirá'))).toBe(false);
  });

  it('does not count Easter Sunday as a national holiday', () => {
    expect(isHoliday(parseCalendarDate('2026-04-05'))).toBe(false);
  });

  it('keeps both holidays that fall on the same Monday', () => {
    expect(
      holidaysOf(2025)
        .filter((h) => h.date === '2025-06-30')
        .map((h) => h.name),
    ).toEqual(['Sagrado Corazón de Jesús', 'San Pedro y San Pablo']);
  });

  it('returns the cached, immutable list for a year', () => {
    expect(holidaysOf(2026)).toBe(holidaysOf(2026));
    expect(Object.isFrozen(holidaysOf(2026))).toBe(true);
  });

  it.each([1983, 2100, 2026.5, Number.NaN])('rejects the unsupported year %s in Spanish', (year) => {
    expect(() => holidaysOf(year)).toThrow(/^Año fuera del calendario soportado/);
  });

  // date-holidays works with Date objects internally; check no local-time drift leaks out at UTC+14 and UTC−11.
  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'gives the same answers when the process runs in %s',
    (timeZone) => {
      const indexUrl = new URL('./index.ts', import.meta.url).href;
      const script = `const m = await import(${JSON.stringify(indexUrl)});
        console.log(JSON.stringify({
          holidays: m.listHolidays(2026),
          bogota: m.toBogotaDate(new Date('2026-03-01T03:00:00Z')),
          deadline: m.addBusinessDays('2026-07-08', 3),
        }));`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        env: { ...process.env, TZ: timeZone },
        encoding: 'utf8',
      });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual({
        holidays: holidaysOf(2026),
        bogota: '2026-02-28',
        deadline: '2026-07-14',
      });
    },
  );
});
