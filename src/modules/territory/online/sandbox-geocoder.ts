import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { normalizeForKey } from './online-geocoder.ts';

/**
 * The other side of the online geocoder, for tests and the demo: a real HTTP server on 127.0.0.1 that
 * speaks Nominatim `/search` (jsonv2) and ArcGIS `findAddressCandidates` over a fixed list of places.
 * A query matches a place when its normalised text contains the place's normalised `query`; the longest
 * such `query` wins. Like the public Nominatim it refuses requests without a proper User-Agent (403), and
 * with `strictRate` it answers 429 to a client asking more than once per second.
 */

export interface SandboxPlace {
  /** Text that must appear in the request, e.g. "Calle 35 # 20-15, Bucaramanga". */
  query: string;
  lon: number;
  lat: number;
  label: string;
  /** ArcGIS score (default 100). */
  score?: number;
  /** ArcGIS Addr_type (default PointAddress). */
  kind?: string;
}

export interface SandboxGeocoderBehaviour {
  /** Answer every geocoding request with this HTTP status and a plain text body (e.g. 500, 503). */
  failStatus?: number;
  /** Answer 200 with this body instead of a real answer (e.g. broken JSON). */
  rawBody?: string;
  /** Wait this long before answering (to test timeouts). */
  delayMs?: number;
  /** ArcGIS only: answer 200 with the error envelope {"error": {code, message, details}}. */
  arcgisError?: { code: number; message: string };
}

export interface SandboxGeocoderOptions {
  /** 0 or absent: a free port. */
  port?: number;
  places: SandboxPlace[];
  /** Nominatim answers 403 without a User-Agent naming the application (stock agents such as "node" count as none). Default true. */
  requireUserAgent?: boolean;
  /** Answer 429 when a client (by address) asks again less than one second after its previous request. */
  strictRate?: boolean;
  /** When set, an ArcGIS `token` must equal it (else error 498); forStorage=true without a token is error 499 either way. */
  arcgisToken?: string;
  behaviour?: SandboxGeocoderBehaviour;
}

export interface SandboxRequest {
  /** performance.now() at arrival, in ms. */
  at: number;
  provider: 'nominatim' | 'arcgis' | null;
  path: string;
  params: Record<string, string>;
  userAgent: string | null;
  status: number;
}

export interface SandboxGeocoder {
  url: string;
  /** Base URL for createNominatimGeocoder (…/nominatim, serving …/nominatim/search). */
  nominatimUrl: string;
  /** Base URL for createArcgisGeocoder (…/GeocodeServer, serving …/findAddressCandidates). */
  arcgisUrl: string;
  /** Geocoding requests received so far (both protocols, refused ones included). */
  requests(): number;
  requestLog: SandboxRequest[];
  setBehaviour(patch: SandboxGeocoderBehaviour): void;
  close(): Promise<void>;
}

const NOMINATIM_PATH = '/nominatim/search';
const ARCGIS_PATH = '/arcgis/rest/services/World/GeocodeServer/findAddressCandidates';
/** Loopback jitter between our limiter's clock and the arrival here. */
const STRICT_RATE_SLACK_MS = 20;
const STOCK_AGENTS = /^(node|undici|node-fetch|axios|got|python-requests|python-urllib|curl|wget|java)\b/i;

export async function startSandboxGeocoder(options: SandboxGeocoderOptions): Promise<SandboxGeocoder> {
  const requireUserAgent = options.requireUserAgent ?? true;
  const places = options.places.map((place) => ({ ...place, key: normalizeForKey(place.query) }));
  let behaviour: SandboxGeocoderBehaviour = { ...options.behaviour };
  const requestLog: SandboxRequest[] = [];
  const lastArrival = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((request, response) => {
    const at = performance.now();
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const provider =
      url.pathname === NOMINATIM_PATH ? 'nominatim' : url.pathname === ARCGIS_PATH ? 'arcgis' : null;
    const userAgent = request.headers['user-agent'] ?? null;
    const entry: SandboxRequest = {
      at,
      provider,
      path: url.pathname,
      params: Object.fromEntries(url.searchParams),
      userAgent,
      status: 0,
    };
    requestLog.push(entry);
    const send = (
      status: number,
      body: string,
      contentType: string,
      headers: Record<string, string> = {},
    ) => {
      entry.status = status;
      const write = () => {
        if (response.writableEnded || response.destroyed) return;
        response.writeHead(status, { 'content-type': contentType, ...headers });
        response.end(body);
      };
      const delay = behaviour.delayMs ?? 0;
      if (delay <= 0 || provider === null) return write();
      const timer = setTimeout(() => {
        timers.delete(timer);
        write();
      }, delay);
      timers.add(timer);
    };
    const json = (status: number, body: unknown) =>
      send(status, JSON.stringify(body), 'application/json; charset=utf-8');
    const text = (status: number, body: string, headers?: Record<string, string>) =>
      send(status, body, 'text/plain; charset=utf-8', headers);

    if (url.pathname === '/health') return json(200, { status: 'ok' });
    if (provider === null) return text(404, 'Not found');
    if (request.method !== 'GET') return text(405, 'Method not allowed');

    if (
      provider === 'nominatim' &&
      requireUserAgent &&
      (!userAgent?.trim() || STOCK_AGENTS.test(userAgent))
    ) {
      return text(
        403,
        'Access blocked: a User-Agent identifying the application is required (usage policy).',
      );
    }
    if (options.strictRate) {
      const client = request.socket.remoteAddress ?? '?';
      const previous = lastArrival.get(client);
      lastArrival.set(client, at);
      if (previous !== undefined && at - previous < 1000 - STRICT_RATE_SLACK_MS) {
        return text(429, 'Too Many Requests: at most 1 request per second.', { 'retry-after': '1' });
      }
    }
    if (behaviour.failStatus !== undefined)
      return text(behaviour.failStatus, `Scripted failure ${behaviour.failStatus}`);
    if (behaviour.rawBody !== undefined)
      return send(200, behaviour.rawBody, 'application/json; charset=utf-8');

    if (provider === 'nominatim') {
      const answer = nominatimAnswer(url.searchParams);
      return json(answer.status, answer.body);
    }
    return json(200, arcgisAnswer(url.searchParams));
  });

  function matches(text: string, limit: number) {
    const normalised = normalizeForKey(text);
    return places
      .filter((place) => place.key.length > 0 && normalised.includes(place.key))
      .sort((a, b) => b.key.length - a.key.length)
      .slice(0, limit);
  }

  function nominatimAnswer(params: URLSearchParams): { status: number; body: unknown } {
    const error = (message: string) => ({ status: 400, body: { error: { code: 400, message } } });
    const format = params.get('format') ?? 'xml';
    if (format !== 'json' && format !== 'jsonv2')
      return error(`The sandbox only speaks format=json|jsonv2, not ${format}.`);
    const structured = ['amenity', 'street', 'city', 'county', 'state', 'country', 'postalcode']
      .map((name) => params.get(name))
      .filter((value): value is string => Boolean(value));
    const q = params.get('q');
    if (q && structured.length > 0) {
      return error(
        "Structured query parameters(amenity, street, city, county, state, postalcode, country) cannot be used together with 'q' parameter.",
      );
    }
    const text = q ?? structured.join(', ');
    if (!text) return error('Nothing to search for.');
    const limit = Math.min(50, Math.max(1, Number(params.get('limit') ?? 10) || 10));
    const body = matches(text, limit).map((place, index) => ({
      place_id: 100_000 + places.indexOf(place),
      licence: 'Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright',
      osm_type: 'node',
      osm_id: 1_000_000 + places.indexOf(place),
      lat: String(place.lat),
      lon: String(place.lon),
      ...(format === 'jsonv2' ? { category: 'place' } : { class: 'place' }),
      type: 'house',
      place_rank: 30,
      importance: 0.0001 * (index + 1),
      addresstype: 'place',
      name: '',
      display_name: place.label,
      boundingbox: [place.lat - 0.0001, place.lat + 0.0001, place.lon - 0.0001, place.lon + 0.0001].map(
        String,
      ),
    }));
    return { status: 200, body };
  }

  function arcgisAnswer(raw: URLSearchParams): unknown {
    // ArcGIS parameter names are case-insensitive.
    const params = new Map<string, string>();
    for (const [name, value] of raw) params.set(name.toLowerCase(), value);
    const error = (code: number, message: string) => ({ error: { code, message, details: [] } });
    const format = params.get('f') ?? 'html';
    if (format !== 'json' && format !== 'pjson')
      return error(400, `The sandbox only speaks f=json, not ${format}.`);
    const token = params.get('token');
    if (params.get('forstorage') === 'true' && !token) return error(499, 'Token Required');
    if (options.arcgisToken !== undefined && token !== undefined && token !== options.arcgisToken) {
      return error(498, 'Invalid Token');
    }
    if (behaviour.arcgisError) return error(behaviour.arcgisError.code, behaviour.arcgisError.message);
    const text = params.get('singleline') ?? params.get('address');
    if (!text) return error(400, 'Unable to complete operation. SingleLine or Address is required.');
    const limit = Math.min(50, Math.max(1, Number(params.get('maxlocations') ?? 50) || 50));
    const outFields = (params.get('outfields') ?? '').split(',').map((field) => field.trim().toLowerCase());
    const wants = (field: string) => outFields.includes('*') || outFields.includes(field.toLowerCase());
    const candidates = matches(text, 50)
      .map((place) => ({ place, score: place.score ?? 100 }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ place, score }) => {
        const attributes: Record<string, unknown> = {};
        if (wants('Addr_type')) attributes.Addr_type = place.kind ?? 'PointAddress';
        if (wants('Score')) attributes.Score = score;
        return {
          address: place.label,
          location: { x: place.lon, y: place.lat },
          score,
          attributes,
          extent: {
            xmin: place.lon - 0.001,
            ymin: place.lat - 0.001,
            xmax: place.lon + 0.001,
            ymax: place.lat + 0.001,
          },
        };
      });
    return { spatialReference: { wkid: 4326, latestWkid: 4326 }, candidates };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    nominatimUrl: `${url}/nominatim`,
    arcgisUrl: `${url}/arcgis/rest/services/World/GeocodeServer`,
    requests: () => requestLog.filter((entry) => entry.provider !== null).length,
    requestLog,
    setBehaviour(patch) {
      behaviour = { ...behaviour, ...patch };
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
