import { afterEach, describe, expect, it } from 'vitest';
import {
  type BackendReceiver,
  jaegerReceiver,
  otlpReceiver,
  zipkinReceiver,
} from './support/backend-receivers.ts';
import { type RunningExample, runExample } from './support/run-example.ts';
import { expectForecastTrace, fromStore } from './support/trace-span.ts';

let receivers: BackendReceiver[] = [];
let example: RunningExample | undefined;

afterEach(async () => {
  await example?.stop();
  for (const receiver of receivers) await receiver.close();
  example = undefined;
  receivers = [];
});

/** Starts the receivers, then the example with `file` pointed at them, and makes one forecast call. */
async function oneForecastCall(file: string, started: BackendReceiver[]): Promise<RunningExample> {
  receivers = started;
  example = await runExample(file, Object.assign({}, ...started.map((receiver) => receiver.env)));
  expect(await example.client.forecast('Lisbon')).toBe('Lisbon: sunny, 24 °C');
  await example.observability.forceFlush();
  return example;
}

const singleBackends = [
  {
    file: 'otlp.yaml',
    via: 'OTLP http/protobuf',
    adapter: 'otlp',
    start: () => otlpReceiver('http/protobuf'),
  },
  { file: 'otlp.yaml', via: 'OTLP http/json', adapter: 'otlp', start: () => otlpReceiver('http/json') },
  { file: 'otlp.yaml', via: 'OTLP gRPC', adapter: 'otlp', start: () => otlpReceiver('grpc') },
  { file: 'zipkin.yaml', via: 'Zipkin v2 JSON', adapter: 'zipkin', start: () => zipkinReceiver() },
  { file: 'jaeger.yaml', via: 'Jaeger OTLP', adapter: 'jaeger', start: () => jaegerReceiver('otlp') },
  {
    file: 'jaeger.yaml',
    via: 'Jaeger Thrift',
    adapter: 'jaeger',
    start: () => jaegerReceiver('thrift-http'),
  },
] as const;

describe('the same server and client, with the backend chosen by the config file', () => {
  it.each(singleBackends)(
    '$file via $via: client, server and integration spans, one trace',
    async ({ file, adapter, start }) => {
      const receiver = await start();
      const { observability } = await oneForecastCall(file, [receiver]);

      expect(observability.diagnostics().adapters).toEqual(['memory', adapter]);
      const received = expectForecastTrace(receiver.spans(), receiver.name);
      expect(new Set(receiver.serviceNames())).toEqual(new Set(['weather-mcp']));
      // The in-memory backend is the same pipeline: the same spans, ids and parents.
      const stored = expectForecastTrace(observability.store?.recentSpans().map(fromStore) ?? [], 'memory');
      expect(stored).toEqual(received);
      expect(observability.diagnostics().faults).toEqual([]);
    },
  );
});

describe('all-traces.yaml: OTLP, Zipkin and Jaeger at once', () => {
  it('every backend and the in-memory one receive the same three spans with one trace id', async () => {
    const started = [await otlpReceiver(), await zipkinReceiver(), await jaegerReceiver('thrift-http')];
    const { observability } = await oneForecastCall('all-traces.yaml', started);

    expect(observability.diagnostics().adapters).toEqual(['memory', 'otlp', 'zipkin', 'jaeger']);
    const stored = expectForecastTrace(observability.store?.recentSpans().map(fromStore) ?? [], 'memory');
    for (const receiver of started) {
      expect(expectForecastTrace(receiver.spans(), receiver.name), receiver.name).toEqual(stored);
    }
    expect(observability.diagnostics().faults).toEqual([]);
  });
});
