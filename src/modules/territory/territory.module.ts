import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { loadBarrioAliases } from './gazetteer/index.ts';
import { registerGeocodeBatchJob } from './geocoding/geocode-batch.job.ts';
import {
  createGeocodingService,
  type GeocodingService,
  type OnlineFallback,
} from './geocoding/geocoding.service.ts';
import {
  createArcgisGeocoder,
  createCachedOnlineGeocoder,
  createNominatimGeocoder,
  createRateLimiter,
  type OnlineGeocodeCache,
  type OnlineResult,
} from './online/index.ts';
import './territory.authz.ts';
import { territoryRoutes } from './territory.routes.ts';
import { territoryGeocodeCache } from './territory.schema.ts';
import { createTerritoryService, type TerritoryService } from './territory.service.ts';
import { createTerritoryLayersService, type TerritoryLayersService } from './territory-layers.service.ts';

export interface TerritoryModule {
  territory: TerritoryService;
  layers: TerritoryLayersService;
  geocoding: GeocodingService;
  routes: RoutePlugin[];
  registerJobs(): void;
}

/** Answers of the online provider kept in PostgreSQL: every instance shares them, none asks twice. */
function databaseCache(ctx: AppContext): OnlineGeocodeCache {
  return {
    async get(provider, key) {
      const [row] = await ctx.db
        .select({ result: territoryGeocodeCache.result })
        .from(territoryGeocodeCache)
        .where(and(eq(territoryGeocodeCache.provider, provider), eq(territoryGeocodeCache.queryKey, key)));
      return row ? ((row.result as OnlineResult | null) ?? null) : undefined;
    },
    async put(provider, key, result) {
      await ctx.db
        .insert(territoryGeocodeCache)
        .values({ provider, queryKey: key, result })
        .onConflictDoNothing();
    },
  };
}

/** The online geocoder when GEOCODER_PROVIDER is set (off by default; see online/README.md). */
function onlineFallback(ctx: AppContext): OnlineFallback | null {
  const { GEOCODER_PROVIDER, GEOCODER_URL, GEOCODER_TOKEN, GEOCODER_RATE_PER_SECOND, GEOCODER_USER_AGENT } =
    ctx.config;
  if (!GEOCODER_PROVIDER) return null;
  const geocoder =
    GEOCODER_PROVIDER === 'nominatim'
      ? createNominatimGeocoder({
          baseUrl: GEOCODER_URL ?? 'https://nominatim.openstreetmap.org',
          userAgent: GEOCODER_USER_AGENT,
        })
      : createArcgisGeocoder({
          baseUrl: GEOCODER_URL ?? 'https://geocode.arcgis.com/arcgis/rest/services/World/GeocodeServer',
          token: GEOCODER_TOKEN,
        });
  const cached = createCachedOnlineGeocoder({
    geocoder,
    limiter: createRateLimiter({ perSecond: GEOCODER_RATE_PER_SECOND, maxQueued: 10_000 }),
    cache: databaseCache(ctx),
    minScore: 80,
  });
  return {
    geocode: (query) => cached.geocode({ ...query, country: 'CO' }),
  };
}

/** The territory module (issue 5): areas, reference layers, geocoding (one address or a batch) and the map. */
export function createTerritoryModule(
  ctx: AppContext,
  options: { online?: OnlineFallback | null } = {},
): TerritoryModule {
  const territory = createTerritoryService(ctx.db);
  const layers = createTerritoryLayersService({ database: ctx.database, territory });
  const geocoding = createGeocodingService({
    territory,
    layers,
    tenants: ctx.tenants,
    aliases: () => loadBarrioAliases(),
    online: options.online === undefined ? onlineFallback(ctx) : options.online,
    onOnlineError: (error) => ctx.logger.warn({ err: error }, 'Geocodificador en línea: consulta fallida'),
  });
  const baseMap = ctx.config.MAP_BASE_URL
    ? { url: ctx.config.MAP_BASE_URL, attribution: ctx.config.MAP_BASE_ATTRIBUTION }
    : null;
  return {
    territory,
    layers,
    geocoding,
    routes: [territoryRoutes({ territory, layers, geocoding, map: { baseMap } })],
    registerJobs() {
      registerGeocodeBatchJob(ctx, geocoding);
    },
  };
}
