/// <reference lib="dom" />
import type UPlot from 'uplot';
import { byId } from './dom.js';

// uPlot is loaded by a classic script before this module (served from the package's node_modules).
const uPlotCtor = (globalThis as unknown as { uPlot: typeof UPlot }).uPlot;

const palette = ['#3056d3', '#cf222e', '#b35900', '#1f883d', '#8250df', '#0a7ea4', '#bf3989', '#57606a'];

/** One line of a chart: its label and values aligned on the chart's timestamps. */
export interface ChartLine {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color?: string;
}

/** A time chart in a container that keeps its uPlot instance while the set of lines stays the same. */
export class TimeChart {
  private plot: UPlot | undefined = undefined;
  private labels = '';

  constructor(
    private readonly containerId: string,
    private readonly options: { readonly bars?: boolean; readonly points?: boolean; readonly unit: string },
  ) {
    window.addEventListener('resize', () => this.plot?.setSize(this.size()));
  }

  /** Draws `lines` over `timestamps` (epoch seconds). */
  update(timestamps: readonly number[], lines: readonly ChartLine[]): void {
    const data = [timestamps, ...lines.map((line) => line.values)] as unknown as UPlot.AlignedData;
    const labels = lines.map((line) => line.label).join('\u0000');
    // How many plotted values are above zero: lets a test (or a person in devtools) tell data from an empty chart.
    byId(this.containerId).dataset.values = String(
      lines.reduce(
        (total, line) => total + line.values.filter((value) => value !== null && value > 0).length,
        0,
      ),
    );
    if (this.plot !== undefined && labels === this.labels) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.labels = labels;
    const container = byId(this.containerId);
    const bars = this.options.bars ? uPlotCtor.paths.bars?.({ size: [0.8, 24] }) : undefined;
    this.plot = new uPlotCtor(
      {
        ...this.size(),
        legend: { live: true },
        scales: { x: { time: true }, y: { range: (_plot, min, max) => [0, Math.max(max, min, 1e-9) * 1.1] } },
        axes: [{}, { label: this.options.unit, size: 56 }],
        series: [
          {},
          ...lines.map((line, index) => {
            const color = line.color ?? palette[index % palette.length]!;
            return {
              label: line.label,
              stroke: color,
              width: 2,
              spanGaps: false,
              // Latency exists only where the sampler ran: markers keep lone samples visible.
              ...(this.options.points ? { points: { show: true, size: 5 } } : {}),
              ...(bars === undefined ? {} : { paths: bars, fill: `${color}99` }),
            };
          }),
        ],
      },
      data,
      container,
    );
  }

  /** The uPlot instance, for tests and debugging. */
  get instance(): UPlot | undefined {
    return this.plot;
  }

  private size(): { width: number; height: number } {
    const width = Math.max(240, byId(this.containerId).clientWidth || 320);
    return { width, height: 220 };
  }
}

/** A sparkline: a tiny uPlot without axes, legend or cursor. */
export function sparkline(
  timestamps: readonly number[],
  values: readonly number[],
  errors: readonly number[],
): UPlot {
  const element = document.createElement('div');
  element.className = 'spark';
  return new uPlotCtor(
    {
      width: 160,
      height: 36,
      legend: { show: false },
      cursor: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: true }, y: { range: (_plot, _min, max) => [0, Math.max(max, 1)] } },
      series: [{}, { stroke: palette[0], width: 1.5, fill: '#3056d322' }, { stroke: palette[1], width: 1 }],
    },
    [timestamps, values, errors] as unknown as UPlot.AlignedData,
    element,
  );
}
