import { z } from 'zod';
import { validationError } from '../http/errors.ts';
import type { RoutePlugin } from '../http/types.ts';
import { calendarDate } from '../http/zod-text.ts';
import { addBusinessDays, listHolidays } from './business-days.ts';
import { CalendarInputError, FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './index.ts';

const tags = ['calendario'];

export const calendarRoutes: RoutePlugin = async (app, ctx) => {
  const rateLimit = { max: ctx.config.RATE_LIMIT_PUBLIC_PER_MINUTE, timeWindow: '1 minute' };
  app.get(
    '/api/v1/calendar/business-days',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'El n-ésimo día hábil después de una fecha (festivos de Colombia)',
        querystring: z.strictObject({
          from: calendarDate('from'),
          days: z.coerce.number().int('days: debe ser un número entero.').min(-3650).max(3650),
        }),
        response: { 200: z.object({ date: z.string() }) },
      },
    },
    async (request) => {
      try {
        return { date: addBusinessDays(request.query.from, request.query.days) };
      } catch (error) {
        if (error instanceof CalendarInputError) throw validationError('from', error.message);
        throw error;
      }
    },
  );
  app.get(
    '/api/v1/calendar/holidays',
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: 'Festivos nacionales de un año',
        querystring: z.strictObject({
          year: z.coerce.number().int().min(FIRST_SUPPORTED_YEAR).max(LAST_SUPPORTED_YEAR),
        }),
      },
    },
    async (request) => ({ year: request.query.year, holidays: listHolidays(request.query.year) }),
  );
};
