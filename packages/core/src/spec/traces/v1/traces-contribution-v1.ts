import type { TextMapPropagator } from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * What a trace-capable adapter adds to the one tracer provider. Exporters are wrapped by core in a batch
 * processor with a bounded queue (dropped spans are counted); processors are registered as they are.
 * Every configured backend receives the same spans with the same trace ids.
 */
export interface TracesContributionV1 {
  /** Span exporters core batches (queue 2048, batch 512, delay 5 000 ms; `OTEL_BSP_*` env honoured). */
  readonly exporters?: readonly SpanExporter[];
  /** Span processors registered as they are. They run on the request path: keep `onStart`/`onEnd` cheap. */
  readonly processors?: readonly SpanProcessor[];
  /**
   * Extra propagators, composed after W3C trace context and baggage (which core always installs).
   * Default: none.
   */
  readonly propagators?: readonly TextMapPropagator[];
}
