import { ConfigError } from '../../../platform/config/config.ts';
import { AppError } from '../../../platform/http/errors.ts';

/**
 * The optional online geocoder (issue 5): the last step of the geocoding chain, asked only for what the
 * local layers cannot resolve. Two adapters speak the providers' public protocols (Nominatim, ArcGIS
 * World Geocoding); `createCachedOnlineGeocoder` puts the rate limit, the cache and the sanity checks
 * in front of either. See README.md.
 */

export type OnlineProvider = 'nominatim' | 'arcgis';

export interface OnlineQuery {
  /** As the person typed it, e.g. "Calle 35 # 20-15". */
  address: string;
  /** Name, e.g. "Bucaramanga". */
  municipio: string;
  /** Name, e.g. "Santander". */
  departamento: string;
  /** Only Colombia; absent means 'CO' (the geocoding service's OnlineFallback sends no country). */
  country?: 'CO';
}

export interface OnlineResult {
  /** WGS 84 degrees. */
  lon: number;
  lat: number;
  /** The provider's own text for what it found. */
  label: string;
  /** 0..100 when the provider gives one (ArcGIS); null otherwise (Nominatim). */
  score: number | null;
  /** The provider's match type: ArcGIS `Addr_type` (PointAddress, StreetName…), Nominatim `category=type`. */
  kind: string | null;
}

export interface OnlineGeocoder {
  readonly provider: OnlineProvider;
  /** null: the provider found nothing. Throws an OnlineGeocoderError when it could not be asked. */
  geocode(query: OnlineQuery, signal?: AbortSignal): Promise<OnlineResult | null>;
}

export const PROVIDER_NAMES: Record<OnlineProvider, string> = {
  nominatim: 'Nominatim (OpenStreetMap)',
  arcgis: 'ArcGIS World Geocoding',
};

/** Every failure of an online geocoder, in Spanish with a stable code; `retryable` says whether later may work. */
export class OnlineGeocoderError extends AppError {
  readonly provider: OnlineProvider;
  /** The provider's HTTP status (or ArcGIS error code) when there was one. */
  readonly providerStatus: number | null;
  readonly retryable: boolean;

  constructor(
    status: number,
    code: string,
    detail: string,
    options: { provider: OnlineProvider; providerStatus?: number; retryable?: boolean; field?: string },
  ) {
    super(status, code, detail, options.field);
    this.name = 'OnlineGeocoderError';
    this.provider = options.provider;
    this.providerStatus = options.providerStatus ?? null;
    this.retryable = options.retryable ?? false;
  }
}

/** The provider answered 429: we (or someone behind the same address) asked too often. Wait, do not retry now. */
export class OnlineGeocoderBusyError extends OnlineGeocoderError {
  /** From the Retry-After header when the provider sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(provider: OnlineProvider, retryAfterSeconds: number | null) {
    super(
      503,
      'GEOCODER_BUSY',
      `El geocodificador en línea ${PROVIDER_NAMES[provider]} respondió HTTP 429 (demasiadas consultas)` +
        `${retryAfterSeconds !== null ? `; pide esperar ${retryAfterSeconds} s` : ''}. Inténtelo más tarde.`,
      { provider, providerStatus: 429, retryable: true },
    );
    this.name = 'OnlineGeocoderBusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const onlineGeocoderErrors = {
  invalidQuery: (provider: OnlineProvider, field: string, detail: string) =>
    new OnlineGeocoderError(400, 'GEOCODER_INVALID_QUERY', detail, { provider, field }),
  timeout: (provider: OnlineProvider, timeoutMs: number) =>
    new OnlineGeocoderError(
      504,
      'GEOCODER_TIMEOUT',
      `El geocodificador en línea ${PROVIDER_NAMES[provider]} no respondió en ${formatSeconds(timeoutMs)} s.`,
      { provider, retryable: true },
    ),
  unreachable: (provider: OnlineProvider, reason: string) =>
    new OnlineGeocoderError(
      503,
      'GEOCODER_UNREACHABLE',
      `No fue posible comunicarse con el geocodificador en línea ${PROVIDER_NAMES[provider]} (${reason}).`,
      { provider, retryable: true },
    ),
  unavailable: (provider: OnlineProvider, httpStatus: number) =>
    new OnlineGeocoderError(
      503,
      'GEOCODER_UNAVAILABLE',
      `El geocodificador en línea ${PROVIDER_NAMES[provider]} no está disponible (respondió HTTP ${httpStatus}).`,
      { provider, providerStatus: httpStatus, retryable: true },
    ),
  /** `source`: 'HTTP' for a status, 'error' for a code inside an ArcGIS error envelope. */
  refused: (provider: OnlineProvider, providerStatus: number, hint: string, source = 'HTTP') =>
    new OnlineGeocoderError(
      503,
      'GEOCODER_REFUSED',
      `El geocodificador en línea ${PROVIDER_NAMES[provider]} rechazó la consulta (${source} ${providerStatus}): ${hint}`,
      { provider, providerStatus },
    ),
  rejected: (provider: OnlineProvider, providerStatus: number, message: string, source = 'HTTP') =>
    new OnlineGeocoderError(
      502,
      'GEOCODER_REJECTED',
      `El geocodificador en línea ${PROVIDER_NAMES[provider]} no aceptó la consulta (${source} ${providerStatus}` +
        `${message ? `: ${message}` : ''}).`,
      { provider, providerStatus },
    ),
  badResponse: (provider: OnlineProvider, why: string) =>
    new OnlineGeocoderError(
      502,
      'GEOCODER_BAD_RESPONSE',
      `El geocodificador en línea ${PROVIDER_NAMES[provider]} devolvió una respuesta que no se puede interpretar (${why}).`,
      { provider, retryable: true },
    ),
};

const MAX_ADDRESS = 300;
const MAX_NAME = 100;

/** Checks a query before anything leaves the process; returns it trimmed. */
export function checkQuery(provider: OnlineProvider, query: OnlineQuery): OnlineQuery {
  const invalid = (field: string, detail: string) =>
    onlineGeocoderErrors.invalidQuery(provider, field, detail);
  const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');
  const address = text(query?.address);
  if (address.length === 0 || address.length > MAX_ADDRESS) {
    throw invalid('address', `La dirección debe tener entre 1 y ${MAX_ADDRESS} caracteres.`);
  }
  const municipio = text(query.municipio);
  if (municipio.length === 0 || municipio.length > MAX_NAME) {
    throw invalid('municipio', `El nombre del municipio debe tener entre 1 y ${MAX_NAME} caracteres.`);
  }
  const departamento = text(query.departamento);
  if (departamento.length === 0 || departamento.length > MAX_NAME) {
    throw invalid('departamento', `El nombre del departamento debe tener entre 1 y ${MAX_NAME} caracteres.`);
  }
  if (query.country !== undefined && query.country !== 'CO') {
    throw invalid('country', 'El geocodificador en línea solo busca direcciones en Colombia (país «CO»).');
  }
  return { address, municipio, departamento, country: 'CO' };
}

/** Upper case, accents folded, separators and spaces made uniform: "Cra. 27 #  36–14" ≈ "CRA. 27#36-14". */
export function normalizeForKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[–—−]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?([#,-]) ?/g, '$1')
    .trim();
}

/** The cache key of a query: the normalised address, municipio and departamento (same names recur). */
export function onlineCacheKey(query: OnlineQuery): string {
  return [query.address, query.municipio, query.departamento].map(normalizeForKey).join('|');
}

/** Colombia's extent with its islands (San Andrés, Malpelo) and Leticia; anything outside is a wrong match. */
export const COLOMBIA_BOUNDS = { minLon: -82, maxLon: -66, minLat: -4.5, maxLat: 13.6 } as const;

export function isInColombia(lon: number, lat: number): boolean {
  return (
    lon >= COLOMBIA_BOUNDS.minLon &&
    lon <= COLOMBIA_BOUNDS.maxLon &&
    lat >= COLOMBIA_BOUNDS.minLat &&
    lat <= COLOMBIA_BOUNDS.maxLat
  );
}

/** Shared by both adapters: one GET with a timeout, the answer's status, headers and text. */
export interface HttpSettings {
  provider: OnlineProvider;
  timeoutMs: number;
  fetchImpl: typeof fetch;
}

export interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

export async function getText(
  settings: HttpSettings,
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<HttpAnswer> {
  signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  try {
    // One signal covers connecting, the headers and the body.
    const response = await settings.fetchImpl(url, {
      method: 'GET',
      headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), text };
  } catch (error) {
    // The caller gave up: that is theirs to handle, not the provider's failure.
    if (signal?.aborted) throw signal.reason;
    const name = (error as Error).name;
    if (timeout.aborted || name === 'TimeoutError' || name === 'AbortError') {
      throw onlineGeocoderErrors.timeout(settings.provider, settings.timeoutMs);
    }
    throw onlineGeocoderErrors.unreachable(settings.provider, describeNetworkError(error));
  }
}

export function parseJsonText(provider: OnlineProvider, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw onlineGeocoderErrors.badResponse(provider, 'no es JSON válido');
  }
}

export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

/** Checks the adapter settings that come from the environment, naming the variable a person sets. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError([{ variable: 'GEOCODER_URL', message: 'debe ser una URL http(s) completa' }]);
  }
  return baseUrl.replace(/\/+$/, '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'error de red';
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toLocaleString('es-CO', { maximumFractionDigits: 1 });
}
