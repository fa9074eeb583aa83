import { ConfigError } from '../../../platform/config/config.ts';
import {
  checkBaseUrl,
  checkQuery,
  getText,
  isRecord,
  type OnlineGeocoder,
  OnlineGeocoderBusyError,
  type OnlineResult,
  onlineGeocoderErrors,
  parseJsonText,
  parseRetryAfter,
} from './online-geocoder.ts';

export interface NominatimGeocoderOptions {
  /** e.g. https://nominatim.openstreetmap.org, or the city's own instance (a path prefix is kept). */
  baseUrl: string;
  /** Names the application and a contact; the usage policy refuses stock library agents. */
  userAgent: string;
  /** Sent as `email=`: the policy asks for it from anyone making many requests. */
  email?: string;
  /** Per request, connect + headers + body. Default 10 s. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * Nominatim `/search` with a free-form `q` ("<address>, <municipio>, <departamento>, Colombia") limited to
 * Colombia. The structured form (`street=<housenumber> <streetname>`) expects a house number and a street
 * name, which a Colombian grid address ("Calle 35 # 20-15") is not; the free form copes better with it.
 */
export function createNominatimGeocoder(options: NominatimGeocoderOptions): OnlineGeocoder {
  const base = checkBaseUrl(options.baseUrl);
  const userAgent = options.userAgent?.trim() ?? '';
  if (userAgent.length < 3) {
    throw new ConfigError([
      {
        variable: 'GEOCODER_USER_AGENT',
        message:
          'Nominatim exige un User-Agent que identifique la aplicación (p. ej. «AlcaldiaDigital/1.0 (correo)»)',
      },
    ]);
  }
  const settings = {
    provider: 'nominatim' as const,
    timeoutMs: options.timeoutMs ?? 10_000,
    fetchImpl: options.fetchImpl ?? fetch,
  };

  return {
    provider: 'nominatim',
    async geocode(rawQuery, signal) {
      const query = checkQuery('nominatim', rawQuery);
      const url = new URL(`${base}/search`);
      url.searchParams.set('q', `${query.address}, ${query.municipio}, ${query.departamento}, Colombia`);
      url.searchParams.set('format', 'jsonv2');
      url.searchParams.set('countrycodes', 'co');
      url.searchParams.set('limit', '1');
      url.searchParams.set('addressdetails', '0');
      if (options.email) url.searchParams.set('email', options.email);

      const answer = await getText(
        settings,
        url,
        { accept: 'application/json', 'accept-language': 'es', 'user-agent': userAgent },
        signal,
      );
      if (answer.status === 429)
        throw new OnlineGeocoderBusyError('nominatim', parseRetryAfter(answer.retryAfter));
      if (answer.status === 401 || answer.status === 403) {
        throw onlineGeocoderErrors.refused(
          'nominatim',
          answer.status,
          'el servicio bloqueó este cliente; revise GEOCODER_USER_AGENT y la política de uso (1 consulta por ' +
            'segundo, nada de geocodificación masiva).',
        );
      }
      if (answer.status >= 500) throw onlineGeocoderErrors.unavailable('nominatim', answer.status);
      if (answer.status < 200 || answer.status >= 300) {
        throw onlineGeocoderErrors.rejected('nominatim', answer.status, errorMessageOf(answer.text));
      }
      return parsePlaces(parseJsonText('nominatim', answer.text));
    },
  };
}

function parsePlaces(body: unknown): OnlineResult | null {
  // Some failures come back as 200 with {"error": …}.
  if (isRecord(body) && body.error !== undefined) {
    const message = isRecord(body.error) ? String(body.error.message ?? '') : String(body.error);
    throw onlineGeocoderErrors.rejected('nominatim', 200, message);
  }
  if (!Array.isArray(body))
    throw onlineGeocoderErrors.badResponse('nominatim', 'se esperaba una lista de lugares');
  const first: unknown = body[0];
  if (first === undefined) return null;
  if (!isRecord(first)) throw onlineGeocoderErrors.badResponse('nominatim', 'el lugar no es un objeto');
  // jsonv2 sends coordinates as strings; accept numbers as well.
  const lat = Number(first.lat);
  const lon = Number(first.lon);
  if (
    first.lat === undefined ||
    first.lon === undefined ||
    !Number.isFinite(lat) ||
    !Number.isFinite(lon) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  ) {
    throw onlineGeocoderErrors.badResponse('nominatim', 'coordenadas ausentes o fuera de rango');
  }
  const category = typeof first.category === 'string' ? first.category : undefined;
  const type = typeof first.type === 'string' ? first.type : undefined;
  return {
    lon,
    lat,
    label: typeof first.display_name === 'string' ? first.display_name : '',
    // `importance` ranks places by prominence, not how well the query matched: no score.
    score: null,
    kind: category && type ? `${category}=${type}` : (type ?? null),
  };
}

function errorMessageOf(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && isRecord(body.error)) return String(body.error.message ?? '').slice(0, 200);
  } catch {
    // Not JSON (an HTML error page): the status says enough.
  }
  return '';
}
