/** The kinds of metric instrument an mcp-o11y component can declare. */
export type MetricInstrumentKindV1 = 'counter' | 'up-down-counter' | 'histogram' | 'gauge';

/**
 * The declaration of one metric: what the generated catalogue, dashboards and rule files are built from.
 * Instruments are created from it through the pipeline's OpenTelemetry meter.
 */
export interface MetricDefinitionV1 {
  /** The interface version this definition follows. */
  readonly specificationVersion: 'v1';
  /** OpenTelemetry name, dot-separated (`mcp.server.operation.duration`); Prometheus translates it. */
  readonly name: string;
  /** What kind of instrument records it. */
  readonly kind: MetricInstrumentKindV1;
  /** UCUM unit: `s` for durations (never `ms`), `1` for ratios, `{request}` for counts, `By` for bytes. */
  readonly unit: string;
  /** One sentence for humans; becomes the Prometheus HELP text. */
  readonly description: string;
  /** The attribute keys this metric may carry; anything else is a bug (cardinality). */
  readonly attributes: readonly string[];
  /**
   * Explicit bucket boundaries for histograms, in the metric's unit. Ignored for other kinds.
   * Default: the OpenTelemetry SDK's default buckets.
   */
  readonly bucketBoundaries?: readonly number[];
}
