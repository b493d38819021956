import { EventEmitter } from 'node:events';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Meter, MetricOptions } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeliveryPipeline } from '../alerts/delivery/delivery-pipeline.js';
import { notification } from '../alerts/delivery/delivery-test-fixtures.test-helper.js';
import { createIntegration } from '../integrations/create-integration.js';
import { observePool } from '../integrations/observe-pool.js';
import { instrument, instrumentClient } from '../mcp/instrument.js';
import { createObservability } from '../pipeline/create-observability.js';
import { DirectHistogramRegistry } from '../pipeline/direct-histogram-registry.js';
import type { Observability } from '../pipeline/observability.js';
import { captureProcessErrors } from '../process-errors/capture-process-errors.js';
import { startRuntimeMetrics } from '../runtime/start-runtime-metrics.js';
import { recordHttpSecurityEvent } from '../security/security-telemetry.js';
import type { MetricInstrumentKindV1 } from '../spec/metrics/v1/metric-definition-v1.js';
import type { StoredMetric } from '../store/stored-metric.js';
import { traced } from '../traced/traced.js';
import { METRIC_CATALOGUE_V1 } from './metric-catalogue.js';

/** An instrument as created through a real MeterProvider's meter. */
interface CreatedInstrument {
  readonly name: string;
  readonly kind: MetricInstrumentKindV1;
  readonly unit: string;
  readonly description: string;
  readonly boundaries: readonly number[] | undefined;
}

const KIND_OF_METHOD: Readonly<Record<string, MetricInstrumentKindV1>> = {
  createHistogram: 'histogram',
  createCounter: 'counter',
  createObservableCounter: 'counter',
  createUpDownCounter: 'up-down-counter',
  createObservableUpDownCounter: 'up-down-counter',
  createGauge: 'gauge',
  createObservableGauge: 'gauge',
};

const created: CreatedInstrument[] = [];
const patched = new WeakSet<Meter>();

/** Records every instrument created on `meter`, then creates it as usual. */
function recordInstruments(meter: Meter): Meter {
  if (patched.has(meter)) return meter;
  patched.add(meter);
  const target = meter as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [method, kind] of Object.entries(KIND_OF_METHOD)) {
    const original = target[method]!.bind(meter);
    target[method] = (name: unknown, options: unknown = {}) => {
      const given = options as {
        unit?: string;
        description?: string;
        advice?: { explicitBucketBoundaries?: number[] };
      };
      created.push({
        name: String(name),
        kind,
        unit: given.unit ?? '',
        description: given.description ?? '',
        boundaries: given.advice?.explicitBucketBoundaries,
      });
      return original(name, options);
    };
  }
  return meter;
}

let observability: Observability;
let metrics: readonly StoredMetric[] = [];

beforeAll(async () => {
  const getMeter = MeterProvider.prototype.getMeter;
  vi.spyOn(MeterProvider.prototype, 'getMeter').mockImplementation(function (
    this: MeterProvider,
    ...args: Parameters<MeterProvider['getMeter']>
  ) {
    return recordInstruments(getMeter.apply(this, args));
  });
  // Histograms come from the pipeline's direct histograms, not the SDK meter: record those too.
  const histogram = DirectHistogramRegistry.prototype.histogram;
  vi.spyOn(DirectHistogramRegistry.prototype, 'histogram').mockImplementation(function (
    this: DirectHistogramRegistry,
    name: string,
    options: MetricOptions = {},
  ) {
    created.push({
      name,
      kind: 'histogram',
      unit: options.unit ?? '',
      description: options.description ?? '',
      boundaries: options.advice?.explicitBucketBoundaries,
    });
    return histogram.call(this, name, options);
  });
  observability = await createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
    alerts: false,
  });

  // MCP, both sides: a tool that works, one that fails, a prompt, a notification, a closed session.
  const server = new McpServer({ name: 'catalogue', version: '1.0.0' });
  server.registerTool('ok', { description: 'works' }, async () => ({
    content: [{ type: 'text', text: 'ok' }],
  }));
  server.registerTool('broken', { description: 'fails' }, async () => {
    throw new Error('broken on purpose');
  });
  server.registerPrompt('greet', { description: 'hello' }, async () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'hello' } }],
  }));
  instrument(server, { observability });
  const client = instrumentClient(
    new Client(
      { name: 'catalogue-client', version: '1.0.0' },
      { capabilities: { roots: { listChanged: true } } },
    ),
    {
      observability,
    },
  );
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  await client.callTool({ name: 'ok', arguments: {} });
  await client.callTool({ name: 'broken', arguments: {} });
  await client.getPrompt({ name: 'greet' });
  await client.sendRootsListChanged();
  await client.close();

  // An integration: a retried success, then failures that open the breaker.
  const integration = createIntegration({
    name: 'catalogue-api',
    kind: 'http',
    observability,
    retry: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 },
    circuitBreaker: { failureThreshold: 2 },
  });
  let calls = 0;
  await integration.execute(
    async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      return 'ok';
    },
    { operation: 'GET /ok' },
  );
  const down = async () => {
    throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
  };
  await integration.execute(down, { operation: 'GET /down' }).catch(() => undefined);
  await integration.execute(down, { operation: 'GET /down' }).catch(() => undefined);
  // A slow call, and a connection pool shaped like pg.Pool.
  const slow = createIntegration({
    name: 'catalogue-db',
    kind: 'database',
    slowThresholdMs: 0,
    observability,
  });
  await slow.execute(() => new Promise((resolve) => setTimeout(resolve, 2)), { operation: 'select_one' });
  slow.dispose();
  const pool = observePool(
    { totalCount: 3, idleCount: 1, waitingCount: 2, options: { max: 10 } },
    { name: 'catalogue-db', observability },
  );

  // An authentication failure that was also rate limited (the HTTP security events).
  recordHttpSecurityEvent(observability, {
    auth: { outcome: 'failure', reason: 'invalid_token' },
    rejection: 'rate_limited',
    status: 429,
    method: 'POST',
    path: '/mcp',
    clientAddress: '127.0.0.1',
    identity: undefined,
  });

  // A traced function that works and one that fails.
  traced(() => 'ok', { name: 'catalogue.ok', observability })();
  try {
    traced(
      () => {
        throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      },
      { name: 'catalogue.broken', observability },
    )();
  } catch {
    // Expected: only the recorded attributes matter here.
  }

  // An uncaught exception, through a stand-in for `process` (the real one would end the test run).
  const fakeProcess = new EventEmitter();
  const stopCapture = captureProcessErrors({ ...observability, forceFlush: async () => {} }, fakeProcess);
  fakeProcess.emit('uncaughtExceptionMonitor', new Error('escaped'), 'uncaughtException');
  stopCapture();

  // Runtime metrics, and alert delivery through a notifier that refuses.
  const runtime = startRuntimeMetrics({ observability });
  const delivery = new DeliveryPipeline({
    notifiers: [
      {
        specificationVersion: 'v1',
        id: 'refusing',
        send: async () => ({ status: 'failed', reason: 'HTTP 400' }),
      },
    ],
    meter: observability.meter,
  });
  await delivery.deliver('refusing', notification());
  await new Promise((resolve) => setTimeout(resolve, 50));

  const snapshot = await observability.store?.metricsSnapshot();
  metrics = snapshot?.metrics ?? [];
  runtime.stop();
  await delivery.close();
  integration.dispose();
  pool.dispose();
}, 30_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await observability?.shutdown();
});

const byName = new Map(METRIC_CATALOGUE_V1.map((definition) => [definition.name, definition]));

describe('METRIC_CATALOGUE_V1', () => {
  it('has one v1 entry per name, with a description and a UCUM unit (seconds, never ms)', () => {
    expect(byName.size).toBe(METRIC_CATALOGUE_V1.length);
    for (const definition of METRIC_CATALOGUE_V1) {
      expect(definition.specificationVersion).toBe('v1');
      expect(definition.description, definition.name).not.toBe('');
      expect(definition.unit, definition.name).not.toBe('ms');
      expect(definition.unit, definition.name).not.toBe('');
    }
  });

  it('lists every instrument core creates, with its kind, unit, description and buckets', () => {
    expect(created.length).toBeGreaterThan(20);
    for (const instrument of created) {
      const definition = byName.get(instrument.name);
      expect(definition, `${instrument.name} is created but missing from METRIC_CATALOGUE_V1`).toBeDefined();
      expect(
        {
          kind: definition?.kind,
          unit: definition?.unit,
          description: definition?.description,
          boundaries: definition?.bucketBoundaries,
        },
        instrument.name,
      ).toEqual({
        kind: instrument.kind,
        unit: instrument.unit,
        description: instrument.description,
        boundaries: instrument.boundaries,
      });
    }
  });

  it('lists nothing that is never created (no stale entries)', () => {
    const createdNames = new Set(created.map((instrument) => instrument.name));
    const stale = METRIC_CATALOGUE_V1.map((definition) => definition.name).filter(
      (name) => !createdNames.has(name),
    );
    expect(stale).toEqual([]);
  });

  it('declares every attribute key the recorded points carry', () => {
    expect(metrics.length).toBeGreaterThan(20);
    const undeclared: string[] = [];
    for (const metric of metrics) {
      const declared = new Set(byName.get(metric.name)?.attributes ?? []);
      for (const point of metric.points) {
        for (const key of Object.keys(point.attributes)) {
          if (!declared.has(key)) undeclared.push(`${metric.name}: ${key}`);
        }
      }
    }
    expect([...new Set(undeclared)]).toEqual([]);
  });
});
