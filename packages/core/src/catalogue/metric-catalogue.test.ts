import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Meter } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeliveryPipeline } from '../alerts/delivery/delivery-pipeline.js';
import { notification } from '../alerts/delivery/delivery-test-fixtures.test-helper.js';
import { createIntegration } from '../integrations/create-integration.js';
import { instrument, instrumentClient } from '../mcp/instrument.js';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { startRuntimeMetrics } from '../runtime/start-runtime-metrics.js';
import type { MetricInstrumentKindV1 } from '../spec/metrics/v1/metric-definition-v1.js';
import type { StoredMetric } from '../store/stored-metric.js';
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
