import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { createIntegration } from './create-integration.js';

let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  observability = undefined;
});

async function withSpans() {
  const exporter = new InMemorySpanExporter();
  observability = await createObservability({
    memory: false,
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    alerts: false,
    adapters: [
      {
        specificationVersion: 'v1',
        id: 'spans',
        kinds: ['traces'],
        create: () => ({
          specificationVersion: 'v1',
          id: 'spans',
          traces: { processors: [new SimpleSpanProcessor({ exporter })] },
        }),
      },
    ],
  });
  return { exporter, observability };
}

describe('integration spans', () => {
  it('records one CLIENT span per call, retries as events, nested under the caller and around what fn does', async () => {
    const { exporter, observability } = await withSpans();
    const weather = createIntegration({ name: 'weather-api', kind: 'http', retry: { initialDelayMs: 1 } });
    let calls = 0;
    await observability.tracer.startActiveSpan('tools/call get_weather', async (parent) => {
      await weather.execute(
        async () => {
          calls += 1;
          observability.tracer.startSpan('GET /forecast').end();
          if (calls === 1) throw Object.assign(new Error('upstream 503'), { status: 503 });
          return 'sunny';
        },
        { operation: 'GET /forecast' },
      );
      parent.end();
    });
    weather.dispose();
    const spans = exporter.getFinishedSpans();
    const call = spans.find((span) => span.name === 'weather-api GET /forecast');
    const parent = spans.find((span) => span.name === 'tools/call get_weather');
    expect(call?.kind).toBe(SpanKind.CLIENT);
    expect(call?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(call?.attributes).toMatchObject({
      'peer.service': 'weather-api',
      'mcp_o11y.integration.kind': 'http',
    });
    expect(call?.events.map((event) => event.name)).toEqual(['retry']);
    const inner = spans.filter((span) => span.name === 'GET /forecast');
    expect(inner).toHaveLength(2);
    for (const span of inner) expect(span.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
  });

  it('marks a failed call with error.type and an ERROR status', async () => {
    const { exporter } = await withSpans();
    const database = createIntegration({
      name: 'postgres',
      kind: 'database',
      retry: false,
      circuitBreaker: false,
    });
    await expect(
      database.execute(async () => Promise.reject(new Error('connect ECONNREFUSED'))),
    ).rejects.toThrow();
    database.dispose();
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBeDefined();
    expect(span?.events.some((event) => event.name === 'exception')).toBe(true);
  });
});
