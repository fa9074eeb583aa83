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

export interface ArcgisGeocoderOptions {
  /** e.g. https://geocode.arcgis.com/arcgis/rest/services/World/GeocodeServer, or the city's own locator. */
  baseUrl: string;
  /**
   * An ArcGIS access token. With it, requests carry `forStorage=true`: Esri's terms forbid keeping
   * geocoding results (our cache is a database table) unless they were asked for with forStorage=true,
   * which needs a token and is billed. Without a token, do not turn the cache into a store of record.
   */
  token?: string;
  /** Per request, connect + headers + body. Default 10 s. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * ArcGIS REST `findAddressCandidates` with one line of text, restricted to Colombia, best candidate only,
 * coordinates asked in WGS 84 (`outSR=4326`) so that a city locator published in MAGNA-SIRGAS answers in
 * degrees too. Parameter names are case-insensitive in ArcGIS; the documented spelling is used.
 */
export function createArcgisGeocoder(options: ArcgisGeocoderOptions): OnlineGeocoder {
  const base = checkBaseUrl(options.baseUrl);
  const token = options.token?.trim() || undefined;
  const settings = {
    provider: 'arcgis' as const,
    timeoutMs: options.timeoutMs ?? 10_000,
    fetchImpl: options.fetchImpl ?? fetch,
  };

  return {
    provider: 'arcgis',
    async geocode(rawQuery, signal) {
      const query = checkQuery('arcgis', rawQuery);
      const url = new URL(`${base}/findAddressCandidates`);
      url.searchParams.set('f', 'json');
      url.searchParams.set('singleLine', `${query.address}, ${query.municipio}, ${query.departamento}`);
      url.searchParams.set('countryCode', 'COL');
      url.searchParams.set('maxLocations', '1');
      url.searchParams.set('outFields', 'Addr_type,Score');
      url.searchParams.set('outSR', '4326');
      url.searchParams.set('langCode', 'ES');
      if (token) {
        url.searchParams.set('forStorage', 'true');
        url.searchParams.set('token', token);
      }

      const answer = await getText(settings, url, { accept: 'application/json' }, signal);
      if (answer.status === 429)
        throw new OnlineGeocoderBusyError('arcgis', parseRetryAfter(answer.retryAfter));
      let body: unknown;
      try {
        body = parseJsonText('arcgis', answer.text);
      } catch (error) {
        // An HTML error page from a proxy: the HTTP status is the useful part.
        if (answer.status < 200 || answer.status >= 300) throw errorForHttpStatus(answer.status, '');
        throw error;
      }
      // ArcGIS usually reports errors as 200 with {"error": {"code", "message"}}.
      if (isRecord(body) && isRecord(body.error)) throw errorForEnvelope(body.error, answer.status);
      if (answer.status < 200 || answer.status >= 300) throw errorForHttpStatus(answer.status, '');
      return parseCandidates(body);
    },
  };
}

function errorForEnvelope(error: Record<string, unknown>, httpStatus: number) {
  const code = Number(error.code);
  const message = typeof error.message === 'string' ? error.message.slice(0, 200) : '';
  if (!Number.isFinite(code)) return errorForHttpStatus(httpStatus, message);
  if (code === 429) return new OnlineGeocoderBusyError('arcgis', null);
  if (code === 498 || code === 499 || code === 401 || code === 403) {
    return onlineGeocoderErrors.refused(
      'arcgis',
      code,
      `${message ? `${message}. ` : ''}Revise GEOCODER_TOKEN (vigencia y permiso de geocodificación con ` +
        'almacenamiento).',
      'error',
    );
  }
  if (code >= 500) return onlineGeocoderErrors.unavailable('arcgis', code);
  return onlineGeocoderErrors.rejected('arcgis', code, message, 'error');
}

function errorForHttpStatus(status: number, message: string) {
  if (status === 401 || status === 403) {
    return onlineGeocoderErrors.refused('arcgis', status, 'revise GEOCODER_TOKEN y GEOCODER_URL.');
  }
  if (status >= 500) return onlineGeocoderErrors.unavailable('arcgis', status);
  return onlineGeocoderErrors.rejected('arcgis', status, message);
}

function parseCandidates(body: unknown): OnlineResult | null {
  if (!isRecord(body) || !Array.isArray(body.candidates)) {
    throw onlineGeocoderErrors.badResponse('arcgis', 'falta la lista «candidates»');
  }
  const reference = body.spatialReference;
  if (isRecord(reference)) {
    const wkid = reference.latestWkid ?? reference.wkid;
    if (wkid !== undefined && wkid !== 4326) {
      throw onlineGeocoderErrors.badResponse(
        'arcgis',
        `coordenadas en el sistema ${String(wkid)}, no en WGS 84`,
      );
    }
  }
  const first: unknown = body.candidates[0];
  if (first === undefined) return null;
  if (!isRecord(first) || !isRecord(first.location)) {
    throw onlineGeocoderErrors.badResponse('arcgis', 'candidato sin «location»');
  }
  const lon = first.location.x;
  const lat = first.location.y;
  if (
    typeof lon !== 'number' ||
    typeof lat !== 'number' ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  ) {
    throw onlineGeocoderErrors.badResponse('arcgis', 'coordenadas ausentes o fuera de rango');
  }
  const attributes = isRecord(first.attributes) ? first.attributes : {};
  const rawScore = typeof first.score === 'number' ? first.score : attributes.Score;
  const score =
    typeof rawScore === 'number' && Number.isFinite(rawScore) && rawScore >= 0 && rawScore <= 100
      ? rawScore
      : null;
  return {
    lon,
    lat,
    label: typeof first.address === 'string' ? first.address : '',
    score,
    kind: typeof attributes.Addr_type === 'string' && attributes.Addr_type ? attributes.Addr_type : null,
  };
}
