/** What an OpenTelemetry exporter reports through its callback: `code` 0 is success. */
export interface ExportOutcome {
  readonly code: number;
  readonly error?: Error;
}

/** The shape all three OpenTelemetry exporter kinds share. */
interface Exporter<Batch> {
  // Method syntax on purpose: its parameters are checked bivariantly, so the SDK's `ExportResult` callback fits.
  export(batch: Batch, resultCallback: (result: ExportOutcome) => void): void;
}

/** One call of `export`, and what the exporter reported for it once it did. */
export interface TappedExport<Batch> {
  readonly batch: Batch;
  outcome?: ExportOutcome;
}

/**
 * Wraps an exporter so the suite sees what the SDK hands it and what it reports back, without changing
 * its behaviour: every other member (temporality selectors, `forceFlush`, `shutdown`) is the original's.
 */
export function tapExporter<Batch, E extends Exporter<Batch>>(
  exporter: E,
): { exporter: E; exports: TappedExport<Batch>[] } {
  const exports: TappedExport<Batch>[] = [];
  const tapped = new Proxy(exporter, {
    get(target, property) {
      if (property === 'export') {
        return (batch: Batch, resultCallback: (result: ExportOutcome) => void): void => {
          const entry: TappedExport<Batch> = { batch };
          exports.push(entry);
          target.export(batch, (result) => {
            entry.outcome = result;
            resultCallback(result);
          });
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { exporter: tapped, exports };
}
