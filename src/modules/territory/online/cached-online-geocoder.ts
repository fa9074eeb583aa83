import {
  checkQuery,
  isInColombia,
  type OnlineGeocoder,
  type OnlineProvider,
  type OnlineQuery,
  type OnlineResult,
  onlineCacheKey,
} from './online-geocoder.ts';
import type { RateLimiter } from './rate-limiter.ts';

/**
 * Where answers are kept (the lead's database table). `undefined` = never asked; `null` = asked, and the
 * provider found nothing usable (a cached miss, so the same text is not sent again).
 */
export interface OnlineGeocodeCache {
  get(provider: string, key: string): Promise<OnlineResult | null | undefined>;
  put(provider: string, key: string, result: OnlineResult | null): Promise<void>;
}

export interface CachedOnlineGeocoderOptions {
  geocoder: OnlineGeocoder;
  limiter: RateLimiter;
  cache: OnlineGeocodeCache;
  /** Results with a score below this (ArcGIS 0..100) count as misses. Results without a score are kept. */
  minScore?: number;
}

/**
 * The online geocoder as the chain uses it: a cached answer (hit or miss) never reaches the network;
 * identical queries in flight share one request; the rest wait their turn in the rate limiter. A result
 * outside Colombia or below `minScore` is stored and answered as a miss. Failures (429, 5xx, timeouts)
 * are thrown and not cached, so a later call asks again.
 *
 * A caller's `signal` stops that caller's wait only: the shared request goes on (bounded by the adapter's
 * timeout) and fills the cache for the next one.
 */
export function createCachedOnlineGeocoder(options: CachedOnlineGeocoderOptions): OnlineGeocoder {
  const { geocoder, limiter, cache } = options;
  const provider: OnlineProvider = geocoder.provider;
  const inFlight = new Map<string, Promise<OnlineResult | null>>();

  const usable = (result: OnlineResult | null): OnlineResult | null => {
    if (!result) return null;
    if (!isInColombia(result.lon, result.lat)) return null;
    if (options.minScore !== undefined && result.score !== null && result.score < options.minScore)
      return null;
    return result;
  };

  async function lookUp(query: OnlineQuery, key: string): Promise<OnlineResult | null> {
    const cached = await cache.get(provider, key);
    // Filtered again: minScore may have been raised since the answer was stored.
    if (cached !== undefined) return usable(cached);
    const result = usable(await limiter.schedule(() => geocoder.geocode(query)));
    await cache.put(provider, key, result);
    return result;
  }

  return {
    provider,
    async geocode(rawQuery, signal) {
      const query = checkQuery(provider, rawQuery);
      const key = onlineCacheKey(query);
      let shared = inFlight.get(key);
      if (!shared) {
        shared = lookUp(query, key).finally(() => inFlight.delete(key));
        inFlight.set(key, shared);
      }
      return untilAborted(shared, signal);
    },
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
