import multipart from '@fastify/multipart';
import { z } from 'zod';
import { uploadedBytes } from '../../platform/files/upload-bytes.ts';
import { validationError } from '../../platform/http/errors.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { text } from '../../platform/http/zod-text.ts';
import { divipolaMunicipios } from './divipola.ts';
import { batchFormatOf, readBatchFile } from './geocoding/batch-file.ts';
import { GEOCODE_BATCH_QUEUE, type GeocodeBatchData } from './geocoding/geocode-batch.job.ts';
import type { GeocodingService } from './geocoding/geocoding.service.ts';
import { PRECISIONS } from './geocoding/local-geocoder.rules.ts';
import { TERRITORY_PERMISSIONS as P } from './territory.authz.ts';
import { AREA_CODE_PATTERN, AREA_KINDS, type TerritoryService } from './territory.service.ts';
import {
  LAYER_SRIDS,
  LAYER_TYPES,
  type LayerSrid,
  type TerritoryLayersService,
} from './territory-layers.service.ts';

const tags = ['territorio'];
/** Public, read-only and cheap: the same limit for the three routes. */
const config = { auth: 'public' as const, rateLimit: { max: 120, timeWindow: '1 minute' } };

const kindQuery = z.enum(AREA_KINDS, {
  error: 'kind: use municipio, comuna, corregimiento, barrio o vereda.',
});
const divipola = (label: string) =>
  z
    .string({ error: `${label}: debe ser texto.` })
    .trim()
    .regex(/^\d{5}$/, `${label}: use el código DIVIPOLA de 5 dígitos del municipio (p. ej. 68001).`);
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
const codes = z.object({
  municipio: z.string().nullable(),
  comuna: z.string().nullable(),
  barrio: z.string().nullable(),
});
const geocodeResponse = z.object({
  input: z.string(),
  canonical: z.string().nullable(),
  status: z.enum(['completa', 'interseccion', 'solo_via', 'rural', 'no_es_direccion']),
  precision: z.enum(PRECISIONS),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  municipio: z.string().nullable(),
  comuna: z.string().nullable(),
  barrio: z.string().nullable(),
  complemento: z.string().nullable(),
  codigos: codes,
});
const bboxQuery = z
  .string({ error: 'bbox: es obligatorio.' })
  .transform((value) => value.split(',').map((part) => Number(part.trim())))
  .refine(
    (parts) =>
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      parts[0]! >= -180 &&
      parts[2]! <= 180 &&
      parts[1]! >= -90 &&
      parts[3]! <= 90 &&
      parts[0]! < parts[2]! &&
      parts[1]! < parts[3]!,
    'bbox: use minLon,minLat,maxLon,maxLat en grados decimales (p. ej. -73.13,7.11,-73.11,7.13).',
  );
/** Layers and batches weigh more than a citizen's attachment: a city's parcels are tens of MB. */
const TERRITORY_UPLOAD_MB = 100;

export interface TerritoryRouteServices {
  territory: TerritoryService;
  layers: TerritoryLayersService;
  geocoding: GeocodingService;
  map: { baseMap: { url: string; attribution: string } | null };
}

/** The territory's HTTP surface: public map, geocoding and look-up; officials' layers and batches. */
export function territoryRoutes(services: TerritoryRouteServices): RoutePlugin {
  const { territory: service, layers, geocoding } = services;
  return async (app, ctx) => {
    await app.register(multipart, {
      limits: { fileSize: TERRITORY_UPLOAD_MB * 1024 * 1024, files: 1, fields: 8 },
    });

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
            200: z.object({
              municipio: locatedArea,
              barrio: locatedArea,
              comuna: locatedArea,
              corregimiento: locatedArea,
            }),
          },
        },
      },
      async (request) => service.findAreaAt(request.actor.tenantId, request.query.lon, request.query.lat),
    );

    app.get(
      '/api/territorio/geocodificar',
      {
        config,
        schema: {
          tags,
          summary:
            'Ubicar una dirección (o un barrio) en el mapa: punto, forma canónica, estado y precisión (punto, interpolada, intersección, barrio, municipio)',
          querystring: z.strictObject({
            direccion: text({ label: 'direccion', max: 300 }),
            barrio: text({ label: 'barrio', max: 120 }).optional(),
            municipio: divipola('municipio').optional(),
          }),
          response: { 200: geocodeResponse },
        },
      },
      async (request) => geocoding.geocode(request.actor.tenantId, request.query),
    );

    app.get(
      '/api/territorio/ubicar',
      {
        config,
        schema: {
          tags,
          summary: 'Municipio, comuna (o corregimiento) y barrio de un punto',
          querystring: z.strictObject({ lat: coordinateQuery('lat'), lon: coordinateQuery('lon') }),
          response: {
            200: z.object({
              lat: z.number(),
              lon: z.number(),
              municipio: z.string().nullable(),
              comuna: z.string().nullable(),
              barrio: z.string().nullable(),
              corregimiento: z.string().nullable(),
              codigos: codes,
            }),
          },
        },
      },
      async (request) => {
        const { lat, lon } = request.query;
        const where = await service.findAreaAt(request.actor.tenantId, lon, lat);
        return {
          lat,
          lon,
          municipio: where.municipio?.name ?? null,
          comuna: where.comuna?.name ?? null,
          barrio: where.barrio?.name ?? null,
          corregimiento: where.corregimiento?.name ?? null,
          codigos: {
            municipio: where.municipio?.code ?? null,
            comuna: (where.comuna ?? where.corregimiento)?.code ?? null,
            barrio: where.barrio?.code ?? null,
          },
        };
      },
    );

    app.get(
      '/api/v1/territory/map',
      {
        config,
        schema: {
          tags,
          summary: 'Configuración del mapa: municipio, extensión, mapa base opcional y créditos de los datos',
          response: {
            200: z.object({
              municipio: z.object({ codigo: z.string(), nombre: z.string() }),
              /** The tenant's own first, then those with limits or layers: what the search may ask for. */
              municipios: z.array(z.object({ codigo: z.string(), nombre: z.string() })),
              bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
              baseMap: z.object({ url: z.string(), attribution: z.string() }).nullable(),
              attribution: z.string(),
            }),
          },
        },
      },
      async (request) => {
        const { tenantId } = request.actor;
        const tenant = await ctx.tenants.getById(tenantId);
        const [limits, loaded, areaCredits] = await Promise.all([
          service.listAreas(tenantId, { kind: 'municipio' }),
          layers.layerSummary(tenantId),
          service.attribution(tenantId),
        ]);
        const codes = [
          ...new Set([tenant.divipola, ...limits.map((area) => area.code), ...loaded.municipios]),
        ];
        const names = divipolaMunicipios();
        return {
          municipio: { codigo: tenant.divipola, nombre: tenant.name },
          municipios: codes.map((codigo) => ({ codigo, nombre: names.get(codigo)?.name ?? codigo })),
          bounds: await service.bounds(tenantId),
          baseMap: services.map.baseMap,
          attribution: [...new Set([...areaCredits.split(' · '), ...loaded.sources].filter(Boolean))].join(
            ' · ',
          ),
        };
      },
    );

    app.get(
      '/api/v1/territory/streets.geojson',
      {
        config,
        schema: {
          tags,
          summary: 'Ejes de vía cargados dentro de un rectángulo (máximo 5 000), como GeoJSON',
          querystring: z.strictObject({ bbox: bboxQuery }),
          response: { 200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }) },
        },
      },
      async (request) => {
        const [minLon, minLat, maxLon, maxLat] = request.query.bbox as [number, number, number, number];
        return layers.streetsGeoJson(request.actor.tenantId, { minLon, minLat, maxLon, maxLat });
      },
    );

    app.get(
      '/api/v1/admin/territory/layers',
      {
        config: { permission: P.manage },
        schema: {
          tags,
          summary: 'Capas de referencia cargadas (las más recientes primero)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  tipo: z.enum(LAYER_TYPES),
                  municipio: z.string(),
                  nombre: z.string(),
                  fuente: z.string().nullable(),
                  elementos: z.number(),
                  omitidos: z.number(),
                  srid: z.number(),
                  cargadaEn: z.string(),
                  cargadaPor: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ items: await layers.listLayers(request.actor.tenantId) }),
    );

    app.post(
      '/api/v1/admin/territory/layers',
      {
        config: { permission: P.manage, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Cargar una capa de referencia (GeoJSON, Shapefile en .zip o CSV con WKT; EPSG:4326, 3116 o 9377): reemplaza la anterior del mismo tipo y municipio, toda o nada',
          consumes: ['multipart/form-data'],
          response: {
            201: z.object({
              id: z.string(),
              tipo: z.enum(LAYER_TYPES),
              municipio: z.string(),
              elementos: z.number(),
              omitidos: z.number(),
              srid: z.number(),
              problemas: z.array(
                z.object({ index: z.number().nullable(), field: z.string(), message: z.string() }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        const tenant = await ctx.tenants.getById(actor.tenantId);
        const fields: Record<string, string> = {};
        let file: { name: string; bytes: Uint8Array } | undefined;
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'archivo')
              throw validationError(part.fieldname, 'Adjunte la capa en el campo «archivo».');
            file = { name: part.filename, bytes: await uploadedBytes(part, TERRITORY_UPLOAD_MB) };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value.trim();
          }
        }
        const form = layerForm.safeParse(fields);
        if (!form.success) {
          const issue = form.error.issues[0]!;
          throw validationError(String(issue.path[0] ?? 'tipo'), issue.message);
        }
        if (!file) throw validationError('archivo', 'archivo: adjunte el archivo de la capa.');
        const imported = await layers.importLayer({
          tenantId: actor.tenantId,
          tenantDivipola: tenant.divipola,
          userId: actor.userId,
          type: form.data.tipo,
          municipio: form.data.municipio || tenant.divipola,
          srid: form.data.srid,
          field: form.data.campo || undefined,
          source: form.data.fuente || undefined,
          fileName: file.name,
          bytes: file.bytes,
        });
        geocoding.forget(actor.tenantId);
        await ctx.audit.record(ctx.db, actor, {
          action: 'territory.layer.import',
          entityType: 'territory_layer',
          entityId: imported.id,
          details: {
            tipo: imported.tipo,
            municipio: imported.municipio,
            elementos: imported.elementos,
            archivo: file.name,
          },
        });
        return reply.status(201).send(imported);
      },
    );

    app.post(
      '/api/v1/admin/territory/geocode-batches',
      {
        config: { permission: P.geocode, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Geocodificar un archivo CSV o Excel con una columna «direccion» (y opcionales «barrio» y «municipio»): se procesa en segundo plano y se descarga con las columnas de resultado',
          consumes: ['multipart/form-data'],
          response: { 202: z.object({ jobId: z.string() }) },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        const part = await request.file();
        if (!part) throw validationError('archivo', 'archivo: adjunte el archivo CSV o Excel.');
        if (part.fieldname !== 'archivo')
          throw validationError(part.fieldname, 'Adjunte el archivo en el campo «archivo».');
        const bytes = await uploadedBytes(part, TERRITORY_UPLOAD_MB);
        if (bytes.byteLength === 0) throw validationError('archivo', 'archivo: el archivo está vacío.');
        const format = batchFormatOf(part.filename, bytes);
        // Read now, so a file without an address column is refused at once, not in the worker.
        await readBatchFile(part.filename, bytes);
        const saved = await ctx.files.saveGenerated({
          tenantId: actor.tenantId,
          ownerUserId: actor.userId,
          purpose: 'geocode_batch',
          originalName: part.filename,
          mediaType:
            format === 'csv'
              ? 'text/csv'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          bytes,
        });
        const jobId = await ctx.jobs.enqueue<GeocodeBatchData>({
          queue: GEOCODE_BATCH_QUEUE,
          label: `Geocodificación de ${part.filename}`.slice(0, 200),
          tenantId: actor.tenantId,
          createdByUserId: actor.userId,
          data: { fileId: saved.id, fileName: part.filename, userId: actor.userId },
        });
        // A list of addresses is personal data (Ley 1581): who placed which file is on the record.
        await ctx.audit.record(ctx.db, actor, {
          action: 'territory.geocode_batch.start',
          entityType: 'stored_file',
          entityId: saved.id,
          details: { archivo: part.filename, jobId },
        });
        return reply.status(202).send({ jobId });
      },
    );
  };
}

const layerForm = z.object({
  tipo: z.enum(LAYER_TYPES, {
    error: 'tipo: use direcciones, vias, manzanas, barrios, comunas o municipios.',
  }),
  municipio: z.union([z.literal(''), divipola('municipio')]).optional(),
  srid: z
    .union([z.literal(''), z.enum(LAYER_SRIDS.map(String) as [string, ...string[]])], {
      error: 'srid: use 4326, 3116 o 9377 (o déjelo vacío para detectarlo).',
    })
    .optional()
    .transform((value) => (value ? (Number(value) as LayerSrid) : undefined)),
  campo: z.string().max(60, 'campo: admite como máximo 60 caracteres.').optional(),
  fuente: z.string().max(200, 'fuente: admite como máximo 200 caracteres.').optional(),
});
