import type { Observability } from '@mcp-o11y/core';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';

/**
 * Records the canonical pair every decoding test checks: a SERVER span `tools/call lookup` with MCP
 * attributes and two events, and its CLIENT child `GET /forecast` with an error status and a link.
 */
export function recordCanonicalSpans(observability: Observability): void {
  const tracer = observability.tracer;
  const linked = tracer.startSpan('earlier work');
  linked.end();
  tracer.startActiveSpan(
    'tools/call lookup',
    {
      kind: SpanKind.SERVER,
      attributes: {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'lookup',
        'client.address': '127.0.0.1',
        'retry.count': 2,
      },
    },
    (server) => {
      server.addEvent('cache miss', { 'cache.key': 'k1' });
      server.addEvent('validated');
      const client = tracer.startSpan('GET /forecast', {
        kind: SpanKind.CLIENT,
        attributes: { 'server.address': 'weather.example.com', 'server.port': 443 },
        links: [{ context: linked.spanContext() }],
      });
      client.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 503' });
      client.end();
      server.end();
    },
  );
}
