import type { AdapterDescriptorV1, AdapterInstanceV1 } from '@mcp-o11y/core';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import {
  type AdapterConformanceOptions,
  ConformanceError,
  checkAdapterContributions,
  checkAdapterDescriptor,
  checkAdapterImportIsQuiet,
  checkAdapterLogs,
  checkAdapterMetrics,
  checkAdapterNoStdout,
  checkAdapterReadsContextEnv,
  checkAdapterShutdownTwice,
  checkAdapterThroughObservability,
  checkAdapterTraces,
  createAdapterContext,
  describeAdapterConformance,
} from '../src/index.js';
import {
  finishedSpans,
  PullMetricReader,
  type ReferenceAdapterOptions,
  referenceAdapter,
} from './reference-implementations.js';

describeAdapterConformance({
  name: 'reference (exporters)',
  descriptor: referenceAdapter,
  options: { style: 'exporters' },
  env: { REFERENCE_LABEL: 'from-context' },
  receive: { spans: finishedSpans },
  importModule: () => import('./fixtures/quiet-module.js'),
});

describeAdapterConformance({
  name: 'reference (processors and a pull reader)',
  descriptor: referenceAdapter,
  options: { style: 'processors' },
  capabilities: { health: false },
});

describeAdapterConformance({
  name: 'reference (bound, traces only)',
  adapter: () => ({
    specificationVersion: 'v1',
    id: 'bound-traces',
    kinds: ['traces'],
    create: () => ({
      specificationVersion: 'v1',
      id: 'bound-traces',
      traces: { exporters: [new InMemorySpanExporter()] },
    }),
  }),
});

/** The reference descriptor with `create` replaced. */
function broken(
  create: AdapterDescriptorV1<ReferenceAdapterOptions>['create'],
  overrides: Partial<AdapterDescriptorV1<ReferenceAdapterOptions>> = {},
): AdapterConformanceOptions<ReferenceAdapterOptions> {
  return {
    name: 'broken',
    descriptor: { ...referenceAdapter, create, ...overrides },
    options: {},
    env: { REFERENCE_LABEL: 'x' },
  };
}

const tracesOnly = (instance: Partial<AdapterInstanceV1> = {}): AdapterInstanceV1 => ({
  specificationVersion: 'v1',
  id: 'reference-memory',
  traces: { exporters: [new InMemorySpanExporter()] },
  ...instance,
});

describe('adapter checks report broken adapters', () => {
  it('an id that is not lowercase-dashed, and unknown or repeated kinds', async () => {
    await expect(checkAdapterDescriptor(broken(referenceAdapter.create, { id: 'Bad_Id' }))).rejects.toThrow(
      '`id` "Bad_Id" must be lowercase letters, digits and single dashes.',
    );
    await expect(
      checkAdapterDescriptor(broken(referenceAdapter.create, { kinds: ['traces', 'spans' as 'traces'] })),
    ).rejects.toThrow('unknown kind "spans"');
    await expect(
      checkAdapterDescriptor(broken(referenceAdapter.create, { kinds: ['traces', 'traces'] })),
    ).rejects.toThrow('lists a kind twice');
  });

  it('a capability switched on that the descriptor does not declare', async () => {
    const options = {
      ...broken(referenceAdapter.create, { kinds: ['traces'] }),
      capabilities: { notifier: true },
    };
    await expect(checkAdapterDescriptor(options)).rejects.toThrow(
      "capability 'notifier' is switched on but not declared",
    );
  });

  it('a parseOptions that accepts anything', async () => {
    await expect(
      checkAdapterDescriptor(
        broken(referenceAdapter.create, { parseOptions: (raw) => raw as ReferenceAdapterOptions }),
      ),
    ).rejects.toThrow('parseOptions accepted `42`');
  });

  it('a contribution of an undeclared kind', async () => {
    const options = broken(() => tracesOnly({ logs: { exporters: [new InMemoryLogRecordExporter()] } }), {
      kinds: ['traces'],
    });
    await expect(checkAdapterContributions(options)).rejects.toThrow(
      "has `logs` but `kinds` does not declare 'logs'",
    );
  });

  it('a declared capability with nothing contributed', async () => {
    const options = broken(() => tracesOnly(), { kinds: ['traces', 'metrics'] });
    await expect(checkAdapterContributions(options)).rejects.toThrow(
      "capability 'metrics' is on but the instance contributes nothing",
    );
  });

  it('an instance with the wrong id or a malformed member', async () => {
    await expect(
      checkAdapterContributions(broken(() => tracesOnly({ id: 'other' }), { kinds: ['traces'] })),
    ).rejects.toThrow(`the instance's id "other" is not "reference-memory"`);
    const malformed = broken(() => tracesOnly({ traces: { exporters: [{} as InMemorySpanExporter] } }), {
      kinds: ['traces'],
    });
    await expect(checkAdapterContributions(malformed)).rejects.toThrow(
      'traces.exporters[0] has no `export` method',
    );
  });

  it('create reading process.env', async () => {
    const options = broken((_options, _context) => {
      void process.env.REFERENCE_LABEL;
      return tracesOnly();
    });
    await expect(checkAdapterReadsContextEnv(options)).rejects.toThrow(
      'create read REFERENCE_LABEL from process.env',
    );
    const mcp = broken(() => {
      void ('MCP_O11Y_DEBUG' in process.env);
      return tracesOnly();
    });
    await expect(checkAdapterReadsContextEnv(mcp)).rejects.toThrow(
      'create read MCP_O11Y_DEBUG from process.env',
    );
  });

  it('create throwing', async () => {
    const options = broken(() => {
      throw new Error('[@mcp-o11y/reference-memory] url is required');
    });
    await expect(checkAdapterShutdownTwice(options)).rejects.toThrow(
      "create threw with the suite's options: Error: [@mcp-o11y/reference-memory] url is required",
    );
  });

  it('a second shutdown that throws', async () => {
    let calls = 0;
    const options = broken(() =>
      tracesOnly({
        shutdown: async () => {
          if (++calls > 1) throw new Error('already shut down');
        },
      }),
    );
    await expect(checkAdapterShutdownTwice(options)).rejects.toThrow(
      'a second shutdown threw: Error: already shut down',
    );
  });

  it('stdout writes in create', async () => {
    const options = broken(() => {
      console.log('adapter ready');
      return tracesOnly();
    });
    await expect(checkAdapterNoStdout(options)).rejects.toThrow(
      'wrote to stdout during create, forceFlush and shutdown ("adapter ready\\n")',
    );
  });

  it('an import that writes to stdout or opens a socket', async () => {
    await expect(
      checkAdapterImportIsQuiet(() => import('./fixtures/noisy-module.js'), 'adapter "noisy"'),
    ).rejects.toThrow('wrote to stdout during import ("noisy module loaded\\n")');
    const error = await checkAdapterImportIsQuiet(
      () => import('./fixtures/socket-module.js'),
      'adapter "socket"',
    ).catch((caught: unknown) => caught);
    const { server } = await import('./fixtures/socket-module.js');
    server.close();
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toContain('importing opened 1 socket(s)');
  });

  it('an exporter that reports failure', async () => {
    const exporter = new InMemorySpanExporter();
    await exporter.shutdown(); // a shut-down in-memory exporter fails every export
    const options = broken(() => tracesOnly({ traces: { exporters: [exporter] } }));
    await expect(checkAdapterTraces(options)).rejects.toThrow('traces.exporters[0] did not report success');
  });

  it('a receiver that never gets the span', async () => {
    const options = {
      ...broken(() => tracesOnly()),
      receive: { spans: async () => [] },
      receiveTimeoutMs: 100,
    };
    await expect(checkAdapterTraces(options)).rejects.toThrow(
      /span testkit\.conformance\.\w+ did not reach the backend within 100 ms/,
    );
  });

  it('a reader that collects nothing', async () => {
    class BlindReader extends PullMetricReader {
      override async collect() {
        return {
          resourceMetrics: { resource: (await super.collect()).resourceMetrics.resource, scopeMetrics: [] },
          errors: [],
        };
      }
    }
    const options = broken(() => ({
      specificationVersion: 'v1',
      id: 'reference-memory',
      metrics: { readers: [new BlindReader()] },
    }));
    await expect(checkAdapterMetrics(options)).rejects.toThrow(
      "metrics.readers[0] did not collect the suite's counter",
    );
  });

  it('a log exporter that drops records', async () => {
    const exporter = new InMemoryLogRecordExporter();
    exporter.export = (_logs, done) => done({ code: 1, error: new Error('dropped') });
    const options = broken(() => ({
      specificationVersion: 'v1',
      id: 'reference-memory',
      logs: { exporters: [exporter] },
    }));
    await expect(checkAdapterLogs(options)).rejects.toThrow(
      "logs.exporters[0] did not report success for the suite's telemetry (Error: dropped)",
    );
  });

  it('an exporter that fails only once core batches it', async () => {
    const exporter = new InMemorySpanExporter();
    exporter.export = (_spans, done) => done({ code: 1, error: new Error('backend down') });
    const options = broken(() => tracesOnly({ traces: { exporters: [exporter] } }), { kinds: ['traces'] });
    await expect(checkAdapterThroughObservability(options)).rejects.toThrow(
      'traces.exporters[0] did not report success',
    );
  });

  it('createAdapterContext gives an empty env and a recording logger', () => {
    const context = createAdapterContext({ env: { A: '1' } });
    context.logger.child({ adapter: 'x' }).warn('careful', { detail: 2 });
    expect(context.env).toEqual({ A: '1' });
    expect(context.serviceName).toBe('testkit-service');
    expect(context.logger.records).toEqual([
      { level: 'warn', message: 'careful', fields: { adapter: 'x', detail: 2 } },
    ]);
  });
});
