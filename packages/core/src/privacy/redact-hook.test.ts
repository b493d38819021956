import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { ObservabilityOptions } from '../pipeline/observability-options.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import type { RedactHookV1, TelemetryEventV1 } from '../spec/privacy/v1/telemetry-event-v1.js';

const open: Observability[] = [];
afterEach(async () => {
  for (const observability of open.splice(0)) await observability.shutdown();
});

/** A pipeline with one exporting adapter and the in-memory store, so both ends of the hook are visible. */
async function pipeline(redact?: RedactHookV1) {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const sink: AdapterV1 = {
    specificationVersion: 'v1',
    id: 'sink',
    kinds: ['traces', 'logs'],
    create: () => ({
      specificationVersion: 'v1',
      id: 'sink',
      traces: { exporters: [spans] },
      logs: { exporters: [logs] },
    }),
  };
  const options: ObservabilityOptions = {
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
    adapters: [sink],
    ...(redact ? { redact } : {}),
  };
  const observability = await createObservability(options);
  open.push(observability);
  const store = observability.store;
  if (!store) throw new Error('the in-memory store is on by default');
  return { observability, spans, logs, store };
}

function recordOne(observability: Observability, name: string): void {
  const span = observability.tracer.startSpan(name, {
    attributes: { 'gen_ai.tool.name': 'login', 'user.password': 'hunter2' },
  });
  span.addEvent('progress', { step: 1 });
  span.addEvent('exception', { 'exception.message': 'token=abc' });
  span.setStatus({ code: 2, message: 'failed for bob@example.com' });
  span.end();
}

describe('the redact hook', () => {
  it('changes what the exporters and the in-memory store receive', async () => {
    const seen: TelemetryEventV1[] = [];
    const { observability, spans, logs, store } = await pipeline((event) => {
      seen.push(event);
      if (event.kind === 'log')
        return { ...event, body: 'scrubbed', attributes: { ...event.attributes, user: 'anon' } };
      const { 'user.password': _dropped, ...attributes } = event.attributes;
      return {
        ...event,
        name: event.name.replace('bob', 'someone'),
        attributes: { ...attributes, redacted: true },
        events: event.events.filter((item) => item.name !== 'exception'),
        statusMessage: 'failed',
      };
    });
    recordOne(observability, 'tools/call login bob');
    observability.logger.info('hello bob', { user: 'bob' });
    await observability.forceFlush();

    const exported = spans.getFinishedSpans();
    expect(exported.map((span) => span.name)).toEqual(['tools/call login someone']);
    expect(exported[0]?.attributes).toEqual({ 'gen_ai.tool.name': 'login', redacted: true });
    expect(exported[0]?.events.map((item) => item.name)).toEqual(['progress']);
    expect(exported[0]?.status).toEqual({ code: 2, message: 'failed' });
    expect(exported[0]?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    const stored = store.recentSpans();
    expect(stored.map((span) => span.name)).toEqual(['tools/call login someone']);
    expect(stored[0]?.attributes).toEqual({ 'gen_ai.tool.name': 'login', redacted: true });
    expect(stored[0]?.traceId).toBe(exported[0]?.spanContext().traceId);

    expect(logs.getFinishedLogRecords().map((record) => record.body)).toEqual(['scrubbed']);
    expect(logs.getFinishedLogRecords()[0]?.attributes.user).toBe('anon');
    expect(store.recentLogs().map((record) => record.body)).toEqual(['scrubbed']);

    const span = seen.find((event) => event.kind === 'span');
    expect(span).toMatchObject({
      kind: 'span',
      spanKind: 'internal',
      status: 'error',
      statusMessage: 'failed for bob@example.com',
    });
    expect(span?.kind === 'span' && span.events.map((item) => item.name)).toEqual(['progress', 'exception']);
  });

  it('drops an event everywhere when the hook returns null', async () => {
    const { observability, spans, logs, store } = await pipeline((event) =>
      event.kind === 'span' && event.name === 'drop me' ? null : event.kind === 'log' ? null : event,
    );
    recordOne(observability, 'drop me');
    recordOne(observability, 'keep me');
    observability.logger.warn('dropped');
    await observability.forceFlush();
    expect(spans.getFinishedSpans().map((span) => span.name)).toEqual(['keep me']);
    expect(store.recentSpans().map((span) => span.name)).toEqual(['keep me']);
    expect(logs.getFinishedLogRecords()).toEqual([]);
    expect(store.recentLogs()).toEqual([]);
  });

  it('drops the event and reports a hook that throws or returns nothing, without touching the caller', async () => {
    const { observability, spans, store } = await pipeline((event) => {
      if (event.kind === 'span' && event.name === 'explode') throw new Error('hook exploded');
      if (event.kind === 'span' && event.name === 'forgot') return undefined as unknown as null;
      return event;
    });
    expect(() => recordOne(observability, 'explode')).not.toThrow();
    recordOne(observability, 'explode');
    recordOne(observability, 'forgot');
    recordOne(observability, 'fine');
    await observability.forceFlush();
    expect(spans.getFinishedSpans().map((span) => span.name)).toEqual(['fine']);
    expect(store.recentSpans().map((span) => span.name)).toEqual(['fine']);
    const fault = observability.diagnostics().faults.find((entry) => entry.adapter === 'redact');
    expect(fault).toMatchObject({
      adapter: 'redact',
      operation: 'onEnd',
      count: 3,
      firstMessage: 'Error: hook exploded',
    });
    // The first failure is logged once, and that warning itself went through the (passing) log hook.
    expect(
      store.recentLogs().filter((record) => record.body.includes('adapter "redact" failed in onEnd')),
    ).toHaveLength(1);
  });

  it('leaves everything untouched, and installs nothing, without a hook', async () => {
    const { observability, spans, store } = await pipeline();
    recordOne(observability, 'untouched');
    await observability.forceFlush();
    const [span] = spans.getFinishedSpans();
    expect(span?.attributes).toEqual({ 'gen_ai.tool.name': 'login', 'user.password': 'hunter2' });
    expect(span?.events.map((item) => item.name)).toEqual(['progress', 'exception']);
    // The SDK's own span object reached the exporter: no view was put in between.
    expect(typeof (span as unknown as { setAttribute?: unknown }).setAttribute).toBe('function');
    expect(store.recentSpans()[0]?.attributes['user.password']).toBe('hunter2');
  });
});
