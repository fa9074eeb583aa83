import { formatMoney } from '../../../platform/format';
import type { AreaFeature, Position } from '../types';

/** Light to dark GOV.CO blues; the text drawn on each has at least 4.5:1 contrast. */
const CLASS_COLOURS = ['#dce7f7', '#a9c4ec', '#6f9ad9', '#3366cc', '#003366'];
const CLASS_TEXT = ['#1f1f1f', '#1f1f1f', '#1f1f1f', '#ffffff', '#ffffff'];
const NO_DATA = '#ececec';
const WIDTH = 600;
const PADDING = 8;

interface ChoroplethMapProps {
  label: string;
  features: AreaFeature[];
  values: Map<string, number>;
  attribution?: string;
}

function ringsOf(feature: AreaFeature): Position[][] {
  return feature.geometry.type === 'Polygon'
    ? feature.geometry.coordinates
    : feature.geometry.coordinates.flat();
}

/**
 * Equirectangular fit: longitudes shrink by the cosine of the middle latitude, so near the equator
 * (Colombia) the shapes keep their proportions without a map library.
 */
function projection(features: AreaFeature[]) {
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const feature of features) {
    for (const ring of ringsOf(feature)) {
      for (const [lon, lat] of ring) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-9, (maxLon - minLon) * cos);
  const scale = (WIDTH - 2 * PADDING) / spanX;
  const height = Math.round((maxLat - minLat) * scale + 2 * PADDING);
  const project = ([lon, lat]: Position): [number, number] => [
    Math.round(((lon - minLon) * cos * scale + PADDING) * 10) / 10,
    Math.round(((maxLat - lat) * scale + PADDING) * 10) / 10,
  ];
  return { project, height };
}

function pathOf(feature: AreaFeature, project: (position: Position) => [number, number]): string {
  return ringsOf(feature)
    .map((ring) => `M${ring.map((position) => project(position).join(' ')).join('L')}Z`)
    .join('');
}

/** Where to write the code: the middle of the bounding box of the largest ring. */
function labelPoint(
  feature: AreaFeature,
  project: (position: Position) => [number, number],
): [number, number] {
  let best: Position[] = [];
  for (const ring of ringsOf(feature)) if (ring.length > best.length) best = ring;
  const points = best.map(project);
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/** Quantile breaks over the areas that have a value: five classes, fewer when there are few values. */
export function classBreaks(values: number[]): number[] {
  const sorted = values.filter((value) => value > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const classes = Math.min(CLASS_COLOURS.length, sorted.length);
  const breaks: number[] = [];
  for (let index = 1; index <= classes; index++) {
    const value = sorted[Math.min(sorted.length - 1, Math.ceil((index / classes) * sorted.length) - 1)] ?? 0;
    if (breaks.at(-1) !== value) breaks.push(value);
  }
  return breaks;
}

function classOf(value: number, breaks: number[]): number {
  const index = breaks.findIndex((limit) => value <= limit);
  const position = index === -1 ? breaks.length - 1 : index;
  // Spread fewer classes over the whole ramp so the darkest always means "the most".
  return breaks.length <= 1
    ? CLASS_COLOURS.length - 1
    : Math.round((position / (breaks.length - 1)) * (CLASS_COLOURS.length - 1));
}

export function ChoroplethMap({ label, features, values, attribution }: ChoroplethMapProps) {
  if (features.length === 0) return <p>No hay límites de comunas cargados para dibujar el mapa.</p>;
  const { project, height } = projection(features);
  const breaks = classBreaks([...values.values()]);
  const legend = breaks.map((limit, index) => ({
    from: index === 0 ? 1 : (breaks[index - 1] ?? 0) + 1,
    to: limit,
    colour: CLASS_COLOURS[classOf(limit, breaks)] ?? NO_DATA,
  }));

  return (
    <figure className="chart chart--map">
      <svg
        className="chart__svg"
        role="img"
        aria-label={label}
        viewBox={`0 0 ${WIDTH} ${height}`}
        preserveAspectRatio="xMidYMid meet"
      >
        {features.map((feature) => {
          const value = values.get(feature.properties.code) ?? 0;
          const cls = value > 0 ? classOf(value, breaks) : -1;
          return (
            <path
              key={feature.properties.code}
              d={pathOf(feature, project)}
              fill={cls >= 0 ? CLASS_COLOURS[cls] : NO_DATA}
              fillRule="evenodd"
              stroke="#4b4b4b"
              strokeWidth={0.8}
              strokeLinejoin="round"
            />
          );
        })}
        {features.map((feature) => {
          const value = values.get(feature.properties.code) ?? 0;
          const cls = value > 0 ? classOf(value, breaks) : -1;
          const [x, y] = labelPoint(feature, project);
          return (
            <text
              key={feature.properties.code}
              x={x}
              y={y}
              textAnchor="middle"
              dominantBaseline="middle"
              className="chart__map-code"
              fill={cls >= 0 ? CLASS_TEXT[cls] : '#1f1f1f'}
            >
              {feature.properties.code}
            </text>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart__legend" aria-label="Convenciones del mapa">
          {legend.map((entry) => (
            <li key={entry.to}>
              <svg className="chart__swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <rect width="16" height="16" fill={entry.colour} stroke="#4b4b4b" />
              </svg>
              {formatMoney(entry.from)} a {formatMoney(entry.to)}
            </li>
          ))}
          <li>
            <svg className="chart__swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <rect width="16" height="16" fill={NO_DATA} stroke="#4b4b4b" />
            </svg>
            Sin saldo
          </li>
        </ul>
        {attribution && <p className="chart__attribution">{attribution}</p>}
      </figcaption>
    </figure>
  );
}
