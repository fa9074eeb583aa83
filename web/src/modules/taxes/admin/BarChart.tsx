export interface BarDatum {
  key: string;
  label: string;
  value: number;
}

interface BarChartProps {
  /** Read by screen readers instead of the drawing; the table next to the chart has the figures. */
  label: string;
  data: BarDatum[];
  format: (value: number) => string;
}

// A narrow drawing with the label above each bar: on a 360-px phone its text stays about 12 px high.
const WIDTH = 400;
const VALUE_WIDTH = 120;
const LABEL_HEIGHT = 18;
const BAR = 16;
const ROW = LABEL_HEIGHT + BAR + 10;

/** Horizontal bars, each with its label above and its value at the end. */
export function BarChart({ label, data, format }: BarChartProps) {
  const max = Math.max(1, ...data.map((datum) => datum.value));
  const barSpace = WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, data.length * ROW);
  return (
    <figure className="chart">
      <svg
        className="chart__svg"
        role="img"
        aria-label={label}
        viewBox={`0 0 ${WIDTH} ${height}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {data.map((datum, index) => {
          const top = index * ROW;
          const width = datum.value > 0 ? Math.max(2, (datum.value / max) * barSpace) : 0;
          const barY = top + LABEL_HEIGHT;
          return (
            <g key={datum.key}>
              <text x={0} y={top + 13} className="chart__label">
                {datum.label}
              </text>
              <rect x={0} y={barY} width={width} height={BAR} rx={3} className="chart__bar" />
              <text x={width + 6} y={barY + 12.5} className="chart__value">
                {format(datum.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
