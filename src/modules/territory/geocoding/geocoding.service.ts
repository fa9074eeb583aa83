import { validationError } from '../../../platform/http/errors.ts';
import { type AddressStatus, formatAddress, parseAddress } from '../address/address-parser.ts';
import { divipolaMunicipios, municipioNamedIn } from '../divipola.ts';
import type { BarrioAliasFile } from '../gazetteer/index.ts';
import { interiorPoint } from '../layers/index.ts';
import type { AreaLocator, IndexedArea, TerritoryService } from '../territory.service.ts';
import type { TerritoryLayersService } from '../territory-layers.service.ts';
import { type BarrioFinder, createBarrioFinder } from './barrio-finder.ts';
import { geocodeLocally, type LocalLayers, type PlaceMatch, type Precision } from './local-geocoder.rules.ts';
import { createStreetNetwork, type LonLat } from './street-network.rules.ts';

/** One address to place. `municipio` is a DIVIPOLA code (default: the tenant's). */
export interface GeocodeQuery {
  direccion: string;
  barrio?: string | null;
  municipio?: string | null;
}

export interface GeocodeResult {
  input: string;
  canonical: string | null;
  status: AddressStatus;
  precision: Precision;
  lat: number | null;
  lon: number | null;
  /** Names as the loaded layers spell them. */
  municipio: string | null;
  comuna: string | null;
  barrio: string | null;
  complemento: string | null;
  codigos: { municipio: string | null; comuna: string | null; barrio: string | null };
}

/** What the geocoder asks of an online provider (src/modules/territory/online), when one is configured. */
export interface OnlineFallback {
  geocode(query: {
    address: string;
    municipio: string;
    departamento: string;
  }): Promise<{ lon: number; lat: number } | null>;
}

export const DIVIPOLA_PATTERN = /^\d{5}$/;
/** Longest address text looked at: anything longer is cut (nobody's address is a page long). */
const MAX_ADDRESS_LENGTH = 300;
/** How often a web instance asks whether another one loaded a layer. */
const VERSION_CHECK_MS = 10_000;

interface MunicipioLayers {
  layers: LocalLayers;
  municipioName: string | null;
}

interface TenantCache {
  version: string;
  checkedAt: number;
  locator: Promise<AreaLocator>;
  areasByCode: Promise<Map<string, IndexedArea>>;
  municipios: Map<string, Promise<MunicipioLayers>>;
}

export type GeocodingService = ReturnType<typeof createGeocodingService>;

/**
 * Addresses → points on the municipality's own layers (src/modules/territory/geocoding/README.md): the
 * local chain, then the optional online provider for what it could not place, then the areas of the point.
 */
export function createGeocodingService(deps: {
  territory: TerritoryService;
  layers: TerritoryLayersService;
  tenants: { getById(id: string): Promise<{ divipola: string; name: string }> };
  online?: OnlineFallback | null;
  /** The barrio alias table (sectors and conjuntos per barrio), read once; null when there is none. */
  aliases?: () => Promise<BarrioAliasFile | null>;
  /** Told of online failures (a refused User-Agent, an expired token) that the chain answers as misses. */
  onOnlineError?: (error: unknown) => void;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const caches = new Map<string, TenantCache>();
  let aliasFile: Promise<BarrioAliasFile | null> | undefined;

  async function tenantCache(tenantId: string): Promise<TenantCache> {
    const cached = caches.get(tenantId);
    if (cached && now() - cached.checkedAt < VERSION_CHECK_MS) return cached;
    const version = await deps.layers.layersVersion(tenantId);
    if (cached && cached.version === version) {
      cached.checkedAt = now();
      return cached;
    }
    if (cached) deps.territory.forget(tenantId);
    const areas = deps.territory.indexedAreas(tenantId);
    const fresh: TenantCache = {
      version,
      checkedAt: now(),
      locator: deps.territory.areaLocator(tenantId),
      areasByCode: areas.then((rows) => new Map(rows.map((row) => [`${row.kind}:${row.code}`, row]))),
      municipios: new Map(),
    };
    caches.set(tenantId, fresh);
    return fresh;
  }

  async function buildMunicipio(
    tenantId: string,
    municipio: string,
    tenantDivipola: string,
  ): Promise<MunicipioLayers> {
    aliasFile ??= deps.aliases ? deps.aliases() : Promise.resolve(null);
    const [aliases, areas, segments, points] = await Promise.all([
      aliasFile,
      deps.territory.indexedAreas(tenantId),
      deps.layers.streetSegments(tenantId, municipio),
      deps.layers.addressPoints(tenantId, municipio),
    ]);
    const ofMunicipio = (area: IndexedArea) => (area.municipio ?? tenantDivipola) === municipio;
    const barrios = areas.filter(
      (area) => (area.kind === 'barrio' || area.kind === 'vereda') && ofMunicipio(area),
    );
    const finder: BarrioFinder = createBarrioFinder(municipio, barrios, aliases);
    const limit = areas.find((area) => area.kind === 'municipio' && area.code === municipio);
    const limitPoint = limit ? interiorPoint(limit.geometry) : null;
    const municipioMatch: PlaceMatch | null =
      limit && limitPoint
        ? { code: limit.code, name: limit.name, point: [limitPoint[0], limitPoint[1]] }
        : null;
    return {
      municipioName: limit?.name ?? null,
      layers: {
        addressPoints: new Map(points.map((point) => [point.canonical, [point.lon, point.lat] as LonLat])),
        streets: createStreetNetwork(segments),
        barrioNamed: (name) => finder.named(name),
        barrioInText: (text) => finder.inText(text),
        municipio: municipioMatch,
      },
    };
  }

  async function municipioLayers(tenantId: string, municipio: string, tenantDivipola: string) {
    const cache = await tenantCache(tenantId);
    let layers = cache.municipios.get(municipio);
    if (!layers) {
      layers = buildMunicipio(tenantId, municipio, tenantDivipola);
      cache.municipios.set(municipio, layers);
      layers.catch(() => cache.municipios.delete(municipio));
    }
    return layers;
  }

  /** Prepares one tenant's look-ups; the returned function places one address (batches call it per row). */
  async function prepare(tenantId: string) {
    const tenant = await deps.tenants.getById(tenantId);
    const cache = await tenantCache(tenantId);
    const [locate, areasByCode] = await Promise.all([cache.locator, cache.areasByCode]);

    return async function geocodeOne(query: GeocodeQuery): Promise<GeocodeResult> {
      const text = typeof query.direccion === 'string' ? query.direccion.slice(0, MAX_ADDRESS_LENGTH) : '';
      const parsed = parseAddress(text);
      // «…, Medellín» is placed in Medellín (or honestly nowhere), never in the city's centre.
      const written = query.municipio?.trim()
        ? null
        : municipioNamedIn(parsed.complement, divipolaMunicipios().get(tenant.divipola)?.departamento ?? '');
      const municipio = query.municipio?.trim() || written?.code || tenant.divipola;
      const known = divipolaMunicipios().get(municipio);
      if (!known) {
        throw validationError(
          'municipio',
          `municipio: ${municipio.slice(0, 10)} no es un código DIVIPOLA de municipio.`,
        );
      }
      const { layers, municipioName } = await municipioLayers(tenantId, municipio, tenant.divipola);
      let local = geocodeLocally(layers, parsed, { barrio: query.barrio?.slice(0, 120) ?? null });
      if (
        deps.online &&
        (parsed.status === 'completa' || parsed.status === 'interseccion') &&
        (local.precision === 'barrio' || local.precision === 'municipio' || local.precision === 'ninguna')
      ) {
        const found = await deps.online
          .geocode({
            // Providers read «Carrera 27 # 36 - 14», not our key «KR 27 36 14».
            address: formatAddress(parsed.components) ?? text,
            municipio: municipioName ?? known.name,
            departamento: known.departamento,
          })
          .catch((error: unknown) => {
            deps.onOnlineError?.(error);
            return null;
          });
        // An online answer outside the municipality is someone else's street of the same name.
        if (found && (!layers.municipio || locate(found.lon, found.lat).municipio?.code === municipio)) {
          local = { precision: 'en_linea', point: [found.lon, found.lat], barrio: null };
        }
      }
      const base = {
        input: typeof query.direccion === 'string' ? query.direccion : '',
        canonical: parsed.canonical,
        status: parsed.status,
        precision: local.precision,
        complemento: parsed.complement,
      };
      const municipioArea = {
        code: municipio,
        name: municipioName ?? (municipio === tenant.divipola ? tenant.name : null),
      };
      if (!local.point) return { ...base, ...NOWHERE };
      const [lon, lat] = local.point;
      const rounded = { lat: round(lat), lon: round(lon) };
      if (local.precision === 'municipio') {
        // The municipality's centre says nothing about barrio or comuna.
        return {
          ...base,
          ...rounded,
          municipio: municipioArea.name,
          comuna: null,
          barrio: null,
          codigos: { municipio: municipioArea.code, comuna: null, barrio: null },
        };
      }
      if (local.precision === 'barrio' && local.barrio) {
        const area =
          areasByCode.get(`barrio:${local.barrio.code}`) ?? areasByCode.get(`vereda:${local.barrio.code}`);
        const parent = area?.parentCode
          ? (areasByCode.get(`comuna:${area.parentCode}`) ??
            areasByCode.get(`corregimiento:${area.parentCode}`))
          : undefined;
        return {
          ...base,
          ...rounded,
          municipio: municipioArea.name,
          comuna: parent?.name ?? null,
          barrio: local.barrio.name,
          codigos: { municipio: municipioArea.code, comuna: parent?.code ?? null, barrio: local.barrio.code },
        };
      }
      const where = locate(lon, lat);
      const comuna = where.comuna ?? where.corregimiento;
      return {
        ...base,
        ...rounded,
        municipio: where.municipio?.name ?? municipioArea.name,
        comuna: comuna?.name ?? null,
        barrio: where.barrio?.name ?? null,
        codigos: {
          municipio: where.municipio?.code ?? municipioArea.code,
          comuna: comuna?.code ?? null,
          barrio: where.barrio?.code ?? null,
        },
      };
    };
  }

  async function geocode(tenantId: string, query: GeocodeQuery): Promise<GeocodeResult> {
    return (await prepare(tenantId))(query);
  }

  /**
   * Many addresses in order; a bad row gets its honest status and never stops the batch. Progress is
   * reported every `progressEvery` rows.
   */
  async function geocodeMany(
    tenantId: string,
    queries: readonly GeocodeQuery[],
    options: {
      onProgress?: (done: number, total: number) => Promise<void> | void;
      progressEvery?: number;
    } = {},
  ): Promise<GeocodeResult[]> {
    const geocodeOne = await prepare(tenantId);
    const every = options.progressEvery ?? 1_000;
    const results: GeocodeResult[] = [];
    for (const query of queries) {
      // A row naming a municipality that does not exist is placed nowhere; the batch goes on.
      results.push(await geocodeOne(query).catch(() => unplaced(query)));
      if (results.length % every === 0) await options.onProgress?.(results.length, queries.length);
    }
    await options.onProgress?.(results.length, queries.length);
    return results;
  }

  return {
    geocode,
    geocodeMany,
    prepare,
    /** Drops cached indexes (after a layer import in this process; other instances notice within seconds). */
    forget(tenantId?: string) {
      if (tenantId) caches.delete(tenantId);
      else caches.clear();
    },
  };
}

/** The place fields of a result that has no point. */
const NOWHERE = {
  lat: null,
  lon: null,
  municipio: null,
  comuna: null,
  barrio: null,
  codigos: { municipio: null, comuna: null, barrio: null },
} as const;

function unplaced(query: GeocodeQuery): GeocodeResult {
  const parsed = parseAddress(
    typeof query.direccion === 'string' ? query.direccion.slice(0, MAX_ADDRESS_LENGTH) : '',
  );
  return {
    input: typeof query.direccion === 'string' ? query.direccion : '',
    canonical: parsed.canonical,
    status: parsed.status,
    precision: 'ninguna',
    complemento: parsed.complement,
    ...NOWHERE,
  };
}

/** Seven decimals: about a centimetre, and stable output for the same input. */
function round(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
