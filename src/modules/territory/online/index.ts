// The optional online geocoder (off by default); the geocoding chain asks it only for what the local layers
// cannot resolve. The sandbox is exported for tests and the demo.
export { type ArcgisGeocoderOptions, createArcgisGeocoder } from './arcgis-geocoder.adapter.ts';
export {
  type CachedOnlineGeocoderOptions,
  createCachedOnlineGeocoder,
  type OnlineGeocodeCache,
} from './cached-online-geocoder.ts';
export { createNominatimGeocoder, type NominatimGeocoderOptions } from './nominatim-geocoder.adapter.ts';
export {
  COLOMBIA_BOUNDS,
  isInColombia,
  normalizeForKey,
  type OnlineGeocoder,
  OnlineGeocoderBusyError,
  OnlineGeocoderError,
  type OnlineProvider,
  type OnlineQuery,
  type OnlineResult,
  onlineCacheKey,
  PROVIDER_NAMES,
} from './online-geocoder.ts';
export {
  createRateLimiter,
  type RateLimiter,
  RateLimiterFullError,
  type RateLimiterOptions,
} from './rate-limiter.ts';
export {
  type SandboxGeocoder,
  type SandboxGeocoderBehaviour,
  type SandboxGeocoderOptions,
  type SandboxPlace,
  type SandboxRequest,
  startSandboxGeocoder,
} from './sandbox-geocoder.ts';
