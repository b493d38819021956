import { describeAdapterConformance } from '@mcp-o11y/testkit';
import { afterAll } from 'vitest';
import { adapter } from '../src/index.js';
import { startHttpCollector } from './otlp-receivers.js';

// Configured through env only, so the suite also proves that create reads OTEL_* from context.env,
// never from process.env (the OpenTelemetry exporters would read process.env on their own).
const collector = await startHttpCollector();
afterAll(() => collector.close());

describeAdapterConformance({
  name: 'otlp',
  descriptor: adapter,
  options: {},
  env: {
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=conformance-secret',
    OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2000',
    OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'cumulative',
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
  },
  receive: {
    spans: async () => collector.accepted().spans,
    metrics: async () => collector.accepted().metrics,
    logs: async () =>
      collector
        .accepted()
        .logs.map((log) => ({ body: typeof log.body === 'string' ? log.body : JSON.stringify(log.body) })),
  },
  importModule: () => import('../src/index.js'),
});
