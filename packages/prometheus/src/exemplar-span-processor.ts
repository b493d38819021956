import type { TracesContributionV1 } from '@mcp-o11y/core';
import type { ExemplarSource, PromClientExemplar } from './convert-to-prom-client-metrics.js';

/** The SDK's span processor type, taken from core's contract so no tracing SDK is imported here. */
type SpanProcessor = NonNullable<TracesContributionV1['processors']>[number];
type ReadableSpan = Parameters<SpanProcessor['onEnd']>[0];

// SpanKind.SERVER and SpanKind.CLIENT; literals keep @opentelemetry/api out of the runtime imports.
const serverKind = 1;
const clientKind = 2;

/** Which histogram an MCP span's duration is an exemplar of. */
const metricBySpanKind: Readonly<Record<number, string>> = {
  [serverKind]: 'mcp.server.operation.duration',
  [clientKind]: 'mcp.client.operation.duration',
};

/**
 * The attributes a span and a histogram point must agree on. The duration histogram's points carry a
 * subset of the span's attributes; comparing these keeps a failing call's trace off a success bucket.
 */
const matchedKeys = ['mcp.method.name', 'gen_ai.tool.name', 'gen_ai.prompt.name', 'error.type'] as const;

interface StoredExemplar {
  readonly metric: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly exemplar: PromClientExemplar;
}

/**
 * Remembers the last `capacity` sampled MCP server and client spans (trace id, span id, duration) so a
 * scrape that negotiated OpenMetrics can attach them as exemplars to the buckets of
 * `mcp_server_operation_duration_seconds` / `mcp_client_operation_duration_seconds`. The OpenTelemetry
 * SDK 3.x metrics pipeline keeps no exemplars itself. `onEnd` costs one ring-buffer write.
 */
export class ExemplarSpanProcessor implements SpanProcessor, ExemplarSource {
  private readonly ring: (StoredExemplar | undefined)[];
  private next = 0;

  constructor(readonly capacity = 256) {
    this.ring = new Array<StoredExemplar | undefined>(capacity);
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    const metric = metricBySpanKind[span.kind];
    if (metric === undefined) return;
    const attributes = span.attributes;
    if (attributes['mcp.method.name'] === undefined) return;
    const context = span.spanContext();
    // Unsampled traces are stored nowhere: an exemplar pointing at them would be a dead link.
    if ((context.traceFlags & 1) === 0) return;
    const [seconds, nanoseconds] = span.duration;
    const [endSeconds, endNanoseconds] = span.endTime;
    this.ring[this.next] = {
      metric,
      attributes,
      exemplar: {
        labelSet: { trace_id: context.traceId, span_id: context.spanId },
        value: seconds + nanoseconds / 1e9,
        timestamp: endSeconds + Math.floor(endNanoseconds / 1e6) / 1e3,
      },
    };
    this.next = (this.next + 1) % this.capacity;
  }

  exemplarsFor(metric: string, attributes: Readonly<Record<string, unknown>>): readonly PromClientExemplar[] {
    const found: PromClientExemplar[] = [];
    // Newest first: walk backwards from the last write.
    for (let step = 1; step <= this.capacity; step += 1) {
      const stored = this.ring[(this.next - step + this.capacity) % this.capacity];
      if (stored === undefined) break;
      if (stored.metric !== metric) continue;
      if (matchedKeys.every((key) => attributes[key] === stored.attributes[key])) found.push(stored.exemplar);
    }
    return found;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.ring.fill(undefined);
    return Promise.resolve();
  }
}
