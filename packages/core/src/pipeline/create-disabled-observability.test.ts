import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import { getActiveObservability } from './active-observability.js';
import { createObservability } from './create-observability.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('OTEL_SDK_DISABLED', () => {
  it('creates no adapter, no providers and no store; the local logger still writes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-disabled-'));
    const fd = openSync(join(directory, 'log.jsonl'), 'w+');
    cleanups.push(() => {
      closeSync(fd);
      rmSync(directory, { recursive: true, force: true });
    });
    const create = vi.fn();
    const adapter: AdapterV1 = { specificationVersion: 'v1', id: 'otlp', kinds: ['traces'], create };
    const observability = await createObservability({
      adapters: [adapter],
      logging: { destination: fd },
      runtimeMetrics: true,
      env: { OTEL_SDK_DISABLED: 'TRUE' },
    });
    cleanups.push(() => observability.shutdown());

    expect(create).not.toHaveBeenCalled();
    expect(observability.store).toBeUndefined();
    expect(observability.alerts).toBeUndefined();
    expect(observability.diagnostics()).toMatchObject({
      disabled: true,
      adapters: [],
      registeredGlobals: false,
    });
    expect(getActiveObservability()).toBe(observability);
    const span = observability.tracer.startSpan('tools/call echo');
    expect(span.isRecording()).toBe(false);
    span.end();
    // No global provider was registered: the API's global tracer is still the no-op one.
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
    observability.meter.createCounter('c').add(1);

    observability.logger.warn('still here');
    const lines = readFileSync(join(directory, 'log.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { level: string; message: string });
    expect(lines.filter((line) => line.message.includes('OTEL_SDK_DISABLED'))).toHaveLength(1);
    expect(lines[0]?.level).toBe('info');
    expect(lines.at(-1)?.message).toBe('still here');

    await observability.shutdown();
    expect(observability.diagnostics().shutDown).toBe(true);
    expect(getActiveObservability()).toBeUndefined();
  });

  it.each(['false', '', 'yes'])('leaves the pipeline on for OTEL_SDK_DISABLED=%j', async (value) => {
    const observability = await createObservability({
      logging: { destination: false },
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      alerts: false,
      env: { OTEL_SDK_DISABLED: value },
    });
    cleanups.push(() => observability.shutdown());
    expect(observability.diagnostics().disabled).toBe(false);
    expect(observability.store).toBeDefined();
  });
});
