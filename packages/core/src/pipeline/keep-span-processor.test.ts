import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import { createObservability } from './create-observability.js';
import type { Observability } from './observability.js';
import type { ObservabilityOptions } from './observability-options.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A pipeline with one batched span exporter, the in-memory backend and JSON lines in a temp file. */
async function pipeline(options: ObservabilityOptions) {
  const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-sampling-'));
  const fd = openSync(join(directory, 'log.jsonl'), 'w+');
  cleanups.push(() => {
    closeSync(fd);
    rmSync(directory, { recursive: true, force: true });
  });
  const exporter = new InMemorySpanExporter();
  const sink: AdapterV1 = {
    specificationVersion: 'v1',
    id: 'sink',
    kinds: ['traces'],
    create: () => ({ specificationVersion: 'v1', id: 'sink', traces: { exporters: [exporter] } }),
  };
  const observability: Observability = await createObservability({
    logging: { destination: fd },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    alerts: false,
    adapters: [sink],
    ...options,
  });
  cleanups.push(() => observability.shutdown());
  const exported = async () => {
    await observability.forceFlush();
    return exporter.getFinishedSpans();
  };
  const lines = (): Record<string, unknown>[] =>
    readFileSync(join(directory, 'log.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { observability, exported, lines };
}

/** Ends one ok, one failed and one slow (100 ms) span. */
function endThreeSpans(observability: Observability): void {
  observability.tracer.startSpan('ok').end();
  const failed = observability.tracer.startSpan('failed');
  failed.setStatus({ code: SpanStatusCode.ERROR });
  failed.end();
  observability.tracer.startSpan('slow', { startTime: Date.now() - 100 }).end();
}

describe('sampling in the pipeline', () => {
  it('exports nothing at ratio 0 without a keep rule, and stores nothing', async () => {
    const { observability, exported } = await pipeline({ sampling: { ratio: 0 } });
    endThreeSpans(observability);
    expect(await exported()).toEqual([]);
    expect(observability.store?.recentSpans()).toEqual([]);
    expect(observability.diagnostics().sampler).toMatch(/^ParentBased\{root=AlwaysOffSampler/);
  });

  it('exports the failed and the slow spans the ratio dropped, marked sampled; the store sees every span', async () => {
    const { observability, exported } = await pipeline({
      sampling: { ratio: 0, keepErrors: true, keepSlowerThanMs: 50 },
    });
    endThreeSpans(observability);
    const spans = await exported();
    expect(spans.map((span) => span.name).sort()).toEqual(['failed', 'slow']);
    for (const span of spans) expect(span.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(1);
    expect(
      observability.store
        ?.recentSpans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(['failed', 'ok', 'slow']);
  });

  it('keeps only what each rule names', async () => {
    const errorsOnly = await pipeline({ sampling: { ratio: 0, keepErrors: true } });
    endThreeSpans(errorsOnly.observability);
    expect((await errorsOnly.exported()).map((span) => span.name)).toEqual(['failed']);
  });

  it('still sends an unsampled traceparent downstream from a kept span', async () => {
    const { observability, exported } = await pipeline({ sampling: { ratio: 0, keepErrors: true } });
    const span = observability.tracer.startSpan('failed');
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    expect(carrier.traceparent).toMatch(/-00$/);
    expect(span.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(0);
    expect(await exported()).toHaveLength(1);
  });

  it('reads OTEL_TRACES_SAMPLER from the env', async () => {
    const { observability, exported } = await pipeline({ env: { OTEL_TRACES_SAMPLER: 'ALWAYS_OFF' } });
    endThreeSpans(observability);
    expect(await exported()).toEqual([]);
    expect(observability.diagnostics().sampler).toBe('AlwaysOffSampler');
  });

  it('warns once about an unsupported OTEL_TRACES_SAMPLER and samples everything', async () => {
    const { observability, exported, lines } = await pipeline({
      env: { OTEL_TRACES_SAMPLER: 'xray' },
    });
    endThreeSpans(observability);
    expect(await exported()).toHaveLength(3);
    const warnings = lines().filter((line) => String(line.message).includes('OTEL_TRACES_SAMPLER'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.level).toBe('warn');
  });

  it('refuses a sampling ratio out of range before any adapter starts', async () => {
    let created = false;
    const adapter: AdapterV1 = {
      specificationVersion: 'v1',
      id: 'sink',
      kinds: ['traces'],
      create: () => {
        created = true;
        return { specificationVersion: 'v1', id: 'sink' };
      },
    };
    await expect(
      createObservability({
        logging: { destination: false },
        shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
        adapters: [adapter],
        sampling: { ratio: 1.5 },
      }),
    ).rejects.toThrow(RangeError);
    expect(created).toBe(false);
  });
});
