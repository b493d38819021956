import { ExportResultCode } from '@opentelemetry/core';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdapterInstanceV1 } from '../spec/adapter/v1/adapter-instance-v1.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import { createObservability } from './create-observability.js';
import type { Observability } from './observability.js';
import type { ObservabilityOptions } from './observability-options.js';

const quiet: Partial<ObservabilityOptions> = {
  logging: { destination: false },
  shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  memory: false,
};

function adapterOf(id: string, instance: Omit<AdapterInstanceV1, 'specificationVersion' | 'id'>): AdapterV1 {
  return {
    specificationVersion: 'v1',
    id,
    kinds: ['traces', 'metrics', 'logs'],
    create: () => ({ specificationVersion: 'v1', id, ...instance }),
  };
}

/** An exporter that throws from every method, the worst an adapter can do. */
function throwingSpanExporter(): SpanExporter {
  return {
    export: () => {
      throw new Error('export exploded');
    },
    forceFlush: () => {
      throw new Error('flush exploded');
    },
    shutdown: () => Promise.reject(new Error('shutdown exploded')),
  };
}

const open: Observability[] = [];
async function create(options: ObservabilityOptions): Promise<Observability> {
  const observability = await createObservability({ ...quiet, ...options });
  open.push(observability);
  return observability;
}
afterEach(async () => {
  for (const observability of open.splice(0)) await observability.shutdown();
});

describe('createObservability', () => {
  it('sends the same span to every backend with the same trace id', async () => {
    const first = new InMemorySpanExporter();
    const second = new InMemorySpanExporter();
    const observability = await create({
      adapters: [
        adapterOf('first', { traces: { exporters: [first] } }),
        adapterOf('second', { traces: { exporters: [second] } }),
      ],
    });
    observability.tracer.startSpan('tools/call echo').end();
    await observability.forceFlush();
    expect(first.getFinishedSpans().map((span) => span.name)).toEqual(['tools/call echo']);
    expect(second.getFinishedSpans()[0]?.spanContext().traceId).toBe(
      first.getFinishedSpans()[0]?.spanContext().traceId,
    );
    expect(first.getFinishedSpans()[0]?.resource.attributes['service.name']).toBe('mcp-server');
  });

  it('isolates an adapter that throws in export, flush and shutdown; the healthy one still receives', async () => {
    const healthy = new InMemorySpanExporter();
    const observability = await create({
      adapters: [
        adapterOf('broken', { traces: { exporters: [throwingSpanExporter()] } }),
        adapterOf('healthy', { traces: { exporters: [healthy] } }),
      ],
    });
    for (let index = 0; index < 3; index++) observability.tracer.startSpan(`span ${index}`).end();
    await expect(observability.forceFlush()).resolves.toBeUndefined();
    expect(healthy.getFinishedSpans()).toHaveLength(3);
    await expect(observability.shutdown()).resolves.toBeUndefined();
    const faults = observability.diagnostics().faults.filter((fault) => fault.adapter === 'broken');
    expect(faults.map((fault) => fault.operation).sort()).toEqual(['export', 'forceFlush', 'shutdown']);
    expect(observability.diagnostics().faults.filter((fault) => fault.adapter !== 'broken')).toEqual([]);
    expect(faults.find((fault) => fault.operation === 'export')?.firstMessage).toBe('Error: export exploded');
  });

  it('counts a failed export result and isolates a processor that throws on the request path', async () => {
    const failing: SpanExporter = {
      export: (_spans, done) => done({ code: ExportResultCode.FAILED, error: new Error('503 from backend') }),
      shutdown: async () => {},
    };
    const observability = await create({
      adapters: [
        adapterOf('failing', { traces: { exporters: [failing] } }),
        adapterOf('processor', {
          traces: {
            processors: [
              {
                onStart: () => {
                  throw new Error('onStart exploded');
                },
                onEnd: () => {
                  throw new Error('onEnd exploded');
                },
                forceFlush: async () => {},
                shutdown: async () => {},
              },
            ],
          },
        }),
      ],
    });
    expect(() => observability.tracer.startSpan('request').end()).not.toThrow();
    await observability.forceFlush();
    const operations = observability
      .diagnostics()
      .faults.map((fault) => `${fault.adapter}:${fault.operation}`);
    expect(operations).toEqual(
      expect.arrayContaining(['failing:export', 'processor:onStart', 'processor:onEnd']),
    );
  });

  it('logs the first failure of each kind once and counts the rest', async () => {
    const logs = new InMemoryLogRecordExporter();
    const observability = await create({
      adapters: [
        adapterOf('broken', { traces: { exporters: [throwingSpanExporter()] } }),
        adapterOf('log-sink', { logs: { processors: [], exporters: [logs] } }),
      ],
    });
    for (let round = 0; round < 3; round++) {
      observability.tracer.startSpan('span').end();
      await observability.forceFlush();
    }
    const fault = observability.diagnostics().faults.find((entry) => entry.operation === 'export');
    expect(fault?.count).toBe(3);
    const warnings = logs
      .getFinishedLogRecords()
      .filter((record) => String(record.body).includes('adapter "broken" failed in export'));
    expect(warnings).toHaveLength(1);
  });

  it('shuts down once however often it is called, and every adapter once', async () => {
    const adapterShutdown = vi.fn(async () => {});
    const observability = await create({ adapters: [adapterOf('counted', { shutdown: adapterShutdown })] });
    const first = observability.shutdown();
    const second = observability.shutdown();
    expect(second).toBe(first);
    await Promise.all([first, second, observability.shutdown()]);
    expect(adapterShutdown).toHaveBeenCalledTimes(1);
    expect(observability.diagnostics().shutDown).toBe(true);
  });

  it('refuses to start when an adapter fails to create, and releases the ones already created', async () => {
    const earlierShutdown = vi.fn(async () => {});
    const failing: AdapterV1 = {
      specificationVersion: 'v1',
      id: 'sentry',
      kinds: ['traces'],
      create: () => {
        throw new Error('[@mcp-o11y/sentry] dsn is not a URL');
      },
    };
    await expect(
      createObservability({
        ...quiet,
        adapters: [adapterOf('earlier', { shutdown: earlierShutdown }), failing],
      }),
    ).rejects.toThrow(
      '[@mcp-o11y/core] adapter "sentry" failed to start: [@mcp-o11y/sentry] dsn is not a URL',
    );
    expect(earlierShutdown).toHaveBeenCalledTimes(1);
  });

  it('refuses an instance that contributes a kind its descriptor did not declare', async () => {
    const sneaky: AdapterV1 = {
      specificationVersion: 'v1',
      id: 'sneaky',
      kinds: ['metrics'],
      create: () => ({ specificationVersion: 'v1', id: 'sneaky', traces: { exporters: [] } }),
    };
    await expect(createObservability({ ...quiet, adapters: [sneaky] })).rejects.toThrow(
      'contributes "traces" but its kinds do not include "traces"',
    );
  });

  it('uses no-op telemetry when nothing consumes it', async () => {
    const observability = await create({});
    const span = observability.tracer.startSpan('nothing listens');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(observability.diagnostics().adapters).toEqual([]);
  });

  it('takes service identity from options, then env', async () => {
    const exporter = new InMemorySpanExporter();
    const observability = await create({
      env: { OTEL_SERVICE_NAME: 'from-env', OTEL_RESOURCE_ATTRIBUTES: 'team=tools,service.name=ignored' },
      service: { version: '1.2.3' },
      adapters: [adapterOf('traces', { traces: { exporters: [exporter] } })],
    });
    observability.tracer.startSpan('span').end();
    await observability.forceFlush();
    const attributes = exporter.getFinishedSpans()[0]?.resource.attributes;
    expect(attributes).toMatchObject({
      'service.name': 'from-env',
      'service.version': '1.2.3',
      team: 'tools',
    });
  });

  it('never writes to stdout', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    try {
      const observability = await createObservability({
        ...quiet,
        logging: { destination: 2, level: 'debug' },
        adapters: [adapterOf('broken', { traces: { exporters: [throwingSpanExporter()] } })],
      });
      observability.logger.info('hello');
      observability.tracer.startSpan('span').end();
      await observability.shutdown();
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });

  it('refuses stdout as the log destination', async () => {
    await expect(createObservability({ ...quiet, logging: { destination: 1 } })).rejects.toThrow(
      'must not be 1 (stdout)',
    );
  });
});

describe('the active handle', () => {
  it('is the latest live handle, and is cleared by its shutdown', async () => {
    const { getActiveObservability } = await import('./active-observability.js');
    const observability = await createObservability(quiet);
    expect(getActiveObservability()).toBe(observability);
    await observability.shutdown();
    expect(getActiveObservability()).toBeUndefined();
  });
});
