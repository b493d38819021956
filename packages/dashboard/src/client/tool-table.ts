/// <reference lib="dom" />
import type UPlot from 'uplot';
import type { ToolsView } from '../view-model/build-tools.js';
import { sparkline } from './charts.js';
import { byId, el, replaceChildren } from './dom.js';
import { formatNumber, formatPercent, formatSeconds } from './format.js';

/** The per-tool table; each row's sparkline keeps its uPlot instance across refreshes. */
export class ToolTable {
  private readonly sparks = new Map<string, UPlot>();

  render(view: ToolsView): void {
    const body = byId('tools').querySelector('tbody') as HTMLElement;
    const rows = view.tools.map((tool) => {
      const data = [
        view.sparklineTimestamps,
        tool.sparkline,
        tool.sparklineErrors,
      ] as unknown as UPlot.AlignedData;
      let spark = this.sparks.get(tool.name);
      if (spark === undefined) {
        spark = sparkline(view.sparklineTimestamps, tool.sparkline, tool.sparklineErrors);
        this.sparks.set(tool.name, spark);
      } else {
        spark.setData(data);
      }
      return el(
        'tr',
        { 'data-tool': tool.name },
        el('td', {}, el('strong', {}, tool.name)),
        el('td', {}, formatNumber(tool.requests)),
        el('td', {}, `${formatNumber(tool.errors)} (${formatPercent(tool.errorRatio)})`),
        el('td', {}, formatSeconds(tool.p50)),
        el('td', {}, formatSeconds(tool.p95)),
        el('td', {}, formatSeconds(tool.p99)),
        el('td', {}, spark.root),
      );
    });
    replaceChildren(
      body,
      rows.length > 0
        ? rows
        : [el('tr', {}, el('td', { colspan: '7', class: 'empty' }, 'No tool calls yet.'))],
    );
  }
}
