import type { AdapterV1, TracesContributionV1 } from '@mcp-o11y/core';

type SpanExporter = NonNullable<TracesContributionV1['exporters']>[number];

/**
 * The adapter with every span exporter wrapped so `onExport` hears of each `export` call, unchanged
 * otherwise. A refused connection never reaches the fault server, so the suite counts the exports the
 * pipeline started while the port was closed: the attempts that met the fault.
 */
export function countExports(adapter: AdapterV1, onExport: () => void): AdapterV1 {
  const wrap = (exporter: SpanExporter): SpanExporter =>
    new Proxy(exporter, {
      get(target, property) {
        if (property === 'export') {
          return (...parameters: Parameters<SpanExporter['export']>) => {
            onExport();
            target.export(...parameters);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return {
    ...adapter,
    create: async (context) => {
      const instance = await adapter.create(context);
      const traces = instance.traces;
      if (traces?.exporters === undefined) return instance;
      return { ...instance, traces: { ...traces, exporters: traces.exporters.map(wrap) } };
    },
  };
}
