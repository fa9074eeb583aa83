import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { api, isAbortError } from '../../app/api';
import { AREA_KIND_LABELS } from './labels';
import type { AreaFeature, AreaKind, MapConfig, StreetFeatureCollection } from './types';
import './territory.css';

/** How each kind of area is drawn; the legend (MapLegend) shows the same colours. */
export const AREA_STYLES: Record<AreaKind, L.PathOptions> = {
  // Filled, but invisibly: the whole municipality answers a pointer with its name.
  municipio: { color: '#003366', weight: 3, fillColor: '#003366', fillOpacity: 0 },
  comuna: { color: '#3366cc', weight: 2.5, fillColor: '#3366cc', fillOpacity: 0.05 },
  corregimiento: { color: '#0b6e3c', weight: 2.5, dashArray: '6 4', fillColor: '#0b6e3c', fillOpacity: 0.05 },
  barrio: { color: '#8a5300', weight: 1, fillColor: '#ffab00', fillOpacity: 0.12 },
  vereda: { color: '#0b6e3c', weight: 1, fillColor: '#6fbf73', fillOpacity: 0.12 },
};

/** Bottom to top: a barrio drawn over its comuna is what a pointer over it reaches first. */
const DRAW_ORDER: AreaKind[] = ['municipio', 'comuna', 'corregimiento', 'vereda', 'barrio'];
const OUTLINED_ON_TOP: AreaKind[] = ['comuna', 'corregimiento', 'municipio'];
const STREET_STYLE: L.PolylineOptions = { color: '#4b4b4b', weight: 2, opacity: 0.8 };
/** Streets are fetched for the visible box only from this zoom on (a neighbourhood fills the screen). */
const STREETS_MIN_ZOOM = 15;

export interface MapMarker {
  lat: number;
  lon: number;
  /** Read by the tooltip of the marker. */
  label: string;
  /** How close to zoom: a barrio's centre deserves a wider view than a house; null keeps the view. */
  zoom: number | null;
}

interface TerritoryMapProps {
  /** The accessible name of the map region. */
  label: string;
  config: MapConfig;
  areas: AreaFeature[];
  marker: MapMarker | null;
  /** A click (or tap) on the map, in WGS84. */
  onPick: (lat: number, lon: number) => void;
}

/** The text of a value that may carry markup (credits from configuration): never rendered as HTML. */
export function textOf(value: string): string {
  return (new DOMParser().parseFromString(value, 'text/html').body.textContent ?? '').trim();
}

/** Leaflet writes tooltips and credits as HTML: names and credits go in escaped. */
function plainText(value: string): string {
  const escaped = document.createElement('span');
  escaped.textContent = textOf(value);
  return escaped.innerHTML;
}

function toLatLngBounds([minLon, minLat, maxLon, maxLat]: [number, number, number, number]): L.LatLngBounds {
  return L.latLngBounds([minLat, minLon], [maxLat, maxLon]);
}

/** Colombia, for a city that has loaded no area yet (the areas, once there, set the view). */
const COLOMBIA: { center: L.LatLngExpression; zoom: number } = { center: [4.6, -74.1], zoom: 5 };

function tooltipOf(feature: AreaFeature, names: Map<string, string>): string {
  const { kind, name, parentCode } = feature.properties;
  const parent = parentCode ? names.get(parentCode) : undefined;
  const own = `${AREA_KIND_LABELS[kind] ?? kind} ${name}`;
  return plainText(parent ? `${own} · ${parent}` : own);
}

/**
 * Leaflet driven from React: the map is created once; areas, marker, base map and the street layer are
 * kept in sync by their own effects. Everything drawn comes from our API; a tile layer is added only when
 * the city configured one.
 */
export function TerritoryMap({ label, config, areas, marker, onPick }: TerritoryMapProps) {
  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const hasBounds = config.bounds !== null;

  // The map itself, its controls and the click handler: once per mount.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, {
      zoomControl: false,
      attributionControl: false,
      scrollWheelZoom: false,
      minZoom: 5,
      maxZoom: 19,
    });
    L.control.zoom({ zoomInTitle: 'Acercar', zoomOutTitle: 'Alejar' }).addTo(map);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>' }).addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => onPickRef.current(event.latlng.lat, event.latlng.lng));
    mapRef.current = map;
    return () => {
      mapRef.current = null;
      map.remove();
    };
  }, []);

  // The view and the credits follow the city's configuration.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (config.bounds) map.fitBounds(toLatLngBounds(config.bounds));
    else map.setView(COLOMBIA.center, COLOMBIA.zoom);
    const credits = plainText(config.attribution);
    map.attributionControl.addAttribution(credits);
    const base = config.baseMap
      ? L.tileLayer(config.baseMap.url, { attribution: plainText(config.baseMap.attribution), maxZoom: 19 })
      : null;
    base?.addTo(map);
    return () => {
      map.attributionControl.removeAttribution(credits);
      base?.remove();
    };
  }, [config]);

  // Areas: one GeoJSON layer per kind, stacked in DRAW_ORDER.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const names = new Map<string, string>();
    for (const feature of areas) {
      const { kind, code, name } = feature.properties;
      if (kind === 'comuna' || kind === 'corregimiento') names.set(code, `${AREA_KIND_LABELS[kind]} ${name}`);
    }
    const ofKind = (kind: AreaKind) =>
      ({
        type: 'FeatureCollection',
        features: areas.filter((feature) => feature.properties.kind === kind),
      }) as GeoJSON.FeatureCollection;
    const layers = DRAW_ORDER.map((kind) =>
      L.geoJSON(ofKind(kind), {
        // Comunas and corregimientos get their outline drawn again on top (below); here, only their fill.
        style: {
          ...AREA_STYLES[kind],
          ...(OUTLINED_ON_TOP.includes(kind) ? { stroke: false } : {}),
          className: `territorio-area territorio-area--${kind}`,
        },
        onEachFeature: (feature, layer) =>
          layer.bindTooltip(tooltipOf(feature as unknown as AreaFeature, names), {
            sticky: true,
            className: 'territorio-tooltip',
          }),
      }).addTo(map),
    );
    // Their borders over the barrios' own, so a comuna's limit reads in its colour, not mixed with them.
    for (const kind of OUTLINED_ON_TOP) {
      layers.push(
        L.geoJSON(ofKind(kind), {
          style: { ...AREA_STYLES[kind], fill: false, interactive: false, className: 'territorio-limite' },
        }).addTo(map),
      );
    }
    if (!hasBounds && areas.length > 0) {
      const extent = L.latLngBounds([]);
      for (const layer of layers) extent.extend(layer.getBounds());
      if (extent.isValid()) map.fitBounds(extent);
    }
    return () => {
      for (const layer of layers) layer.remove();
    };
  }, [areas, hasBounds]);

  // Streets of the visible box once zoomed in close enough; none when the city loaded no street layer.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const streets = L.layerGroup().addTo(map);
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      controller?.abort();
      if (map.getZoom() < STREETS_MIN_ZOOM) {
        streets.clearLayers();
        return;
      }
      const view = map.getBounds();
      const bbox = [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()]
        .map((value) => value.toFixed(5))
        .join(',');
      const current = new AbortController();
      controller = current;
      api
        .get<StreetFeatureCollection>(
          `/api/v1/territory/streets.geojson?bbox=${encodeURIComponent(bbox)}`,
          current.signal,
        )
        .then(
          (collection) => {
            if (current.signal.aborted) return;
            streets.clearLayers();
            L.geoJSON(collection as GeoJSON.FeatureCollection, {
              style: { ...STREET_STYLE, className: 'territorio-via' },
              onEachFeature: (feature, layer) => {
                const name = (feature.properties as { name?: string } | null)?.name;
                if (name)
                  layer.bindTooltip(plainText(name), { sticky: true, className: 'territorio-tooltip' });
              },
            }).addTo(streets);
          },
          (error: unknown) => {
            // Streets are a visual aid: without them the areas and the search still work.
            if (!isAbortError(error)) streets.clearLayers();
          },
        );
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(load, 300);
    };
    map.on('moveend', schedule);
    schedule();
    return () => {
      clearTimeout(timer);
      controller?.abort();
      map.off('moveend', schedule);
      streets.remove();
    };
  }, []);

  // The place found or picked: a drawn circle (no image files, nothing to fetch) and the view on it.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !marker) return;
    const point = L.latLng(marker.lat, marker.lon);
    const halo = L.circleMarker(point, {
      radius: 14,
      color: '#ffffff',
      weight: 3,
      fillColor: '#a80521',
      fillOpacity: 0.25,
      interactive: false,
    });
    const dot = L.circleMarker(point, {
      radius: 6,
      color: '#ffffff',
      weight: 2,
      fillColor: '#a80521',
      fillOpacity: 1,
      className: 'territorio-marcador',
    }).bindTooltip(plainText(marker.label), { className: 'territorio-tooltip' });
    halo.addTo(map);
    dot.addTo(map);
    if (marker.zoom !== null) map.setView(point, Math.max(marker.zoom, Math.min(map.getZoom(), 18)));
    return () => {
      halo.remove();
      dot.remove();
    };
  }, [marker]);

  return <section ref={containerRef} className="territorio-map" aria-label={label} />;
}

/** The legend, in the page (not inside the map) so it reads as text and never covers a phone's map. */
export function MapLegend({ kinds }: { kinds: AreaKind[] }) {
  return (
    <ul className="territorio-legend" aria-label="Convenciones del mapa">
      {kinds.map((kind) => {
        const style = AREA_STYLES[kind];
        return (
          <li key={kind}>
            <span
              className="territorio-legend__swatch"
              aria-hidden="true"
              style={{
                borderColor: style.color,
                borderWidth: Math.max(2, Math.round(style.weight ?? 1)),
                borderStyle: style.dashArray ? 'dashed' : 'solid',
                // The map fills at a low opacity: the swatch shows the same pale tint.
                background: style.fillOpacity === 0 ? 'transparent' : `${style.fillColor}33`,
              }}
            />
            {legendLabel(kind)}
          </li>
        );
      })}
      <li>
        <span className="territorio-legend__swatch territorio-legend__swatch--marker" aria-hidden="true" />
        Lugar buscado o señalado
      </li>
    </ul>
  );
}

function legendLabel(kind: AreaKind): string {
  if (kind === 'municipio') return 'Límite del municipio';
  return `${AREA_KIND_LABELS[kind]}s`;
}
