import { z } from 'zod';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { AREA_CODE_PATTERN, AREA_KINDS, type TerritoryService } from './territory.service.ts';

const tags = ['territorio'];
/** Public, read-only and cheap: the same limit for the three routes. */
const config = { auth: 'public' as const, rateLimit: { max: 120, timeWindow: '1 minute' } };

const kindQuery = z.enum(AREA_KINDS, { error: 'kind: use comuna, corregimiento, barrio o vereda.' });
const parentCodeQuery = z
  .string({ error: 'parentCode: debe ser texto.' })
  .trim()
  .regex(AREA_CODE_PATTERN, 'parentCode: no es un código de área válido.');

/** A coordinate in the query string: required, a decimal number, within its range. */
function coordinateQuery(name: 'lon' | 'lat') {
  const [what, limit] = name === 'lon' ? ['la longitud', 180] : ['la latitud', 90];
  const range = `${name}: ${what} debe estar entre -${limit} y ${limit}.`;
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `${name}: es obligatorio.` : `${name}: debe ser texto.`),
    })
    .trim()
    .min(1, `${name}: es obligatorio.`)
    .transform(Number)
    .pipe(
      z
        .number({
          error: `${name}: ${what} debe ser un número (grados decimales, p. ej. ${name === 'lon' ? '-73.1227' : '7.119'}).`,
        })
        .min(-limit, range)
        .max(limit, range),
    );
}

const areaSummary = z.object({
  kind: z.enum(AREA_KINDS),
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
});
const locatedArea = z.object({ code: z.string(), name: z.string() }).nullable();

/** The territory's public HTTP surface; the service comes from the caller (src/platform/http/routes.ts). */
export function territoryRoutesWith(service: TerritoryService): RoutePlugin {
  return async (app) => {
    app.get(
      '/api/v1/territory/areas',
      {
        config,
        schema: {
          tags,
          summary: 'Comunas, corregimientos y barrios del municipio (sin geometría)',
          querystring: z.strictObject({ kind: kindQuery.optional(), parentCode: parentCodeQuery.optional() }),
          response: { 200: z.object({ items: z.array(areaSummary) }) },
        },
      },
      async (request) => ({ items: await service.listAreas(request.actor.tenantId, request.query) }),
    );

    app.get(
      '/api/v1/territory/areas.geojson',
      {
        config,
        schema: {
          tags,
          summary: 'Polígonos de las áreas como GeoJSON (FeatureCollection, WGS84)',
          querystring: z.strictObject({ kind: kindQuery.optional() }),
          // The geometry is validated on import; describing it here would re-check every coordinate.
          response: {
            200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }),
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return service.areasGeoJson(request.actor.tenantId, request.query.kind);
      },
    );

    app.get(
      '/api/v1/territory/locate',
      {
        config,
        schema: {
          tags,
          summary: 'Barrio y comuna (o corregimiento) de un punto',
          querystring: z.strictObject({ lon: coordinateQuery('lon'), lat: coordinateQuery('lat') }),
          response: {
            200: z.object({ barrio: locatedArea, comuna: locatedArea, corregimiento: locatedArea }),
          },
        },
      },
      async (request) => service.findAreaAt(request.actor.tenantId, request.query.lon, request.query.lat),
    );
  };
}
