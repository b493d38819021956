import { EventEmitter } from 'node:events';
import { context, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runWithCorrelationId } from '../correlation/correlation-id.js';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { captureProcessErrors } from './capture-process-errors.js';

// The real `process` must not see synthetic 'unhandledRejection' events here (vitest listens to them and
// would fail the run), so these tests drive an EventEmitter standing in for it; test/process-errors.test.ts
// runs the real thing in child processes.

let observability: Observability;
let source: EventEmitter;
let forceFlush: ReturnType<typeof vi.fn<() => Promise<void>>>;
let remove: () => void;

beforeEach(async () => {
  observability = await createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
    alerts: false,
  });
  source = new EventEmitter();
  forceFlush = vi.fn(async () => {});
  remove = captureProcessErrors(
    { tracer: observability.tracer, meter: observability.meter, logger: observability.logger, forceFlush },
    source,
  );
});
afterEach(async () => {
  remove();
  await observability.shutdown();
});

async function errorCounts(): Promise<Record<string, number>> {
  const snapshot = await observability.store?.metricsSnapshot();
  const metric = snapshot?.metrics.find((candidate) => candidate.name === 'mcp_o11y.errors');
  const counts: Record<string, number> = {};
  for (const point of metric?.points ?? []) {
    if ('value' in point) counts[JSON.stringify(point.attributes)] = point.value;
  }
  return counts;
}

const store = () => {
  if (observability.store === undefined) throw new Error('the test pipeline has a store');
  return observability.store;
};

describe('captureProcessErrors: uncaught exceptions (uncaughtExceptionMonitor)', () => {
  it('records a fatal log, a short ERROR span joined to it, the errors counter, and flushes when the process will exit', async () => {
    const failure = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    runWithCorrelationId('corr-1', () =>
      source.emit('uncaughtExceptionMonitor', failure, 'uncaughtException'),
    );

    expect(forceFlush).toHaveBeenCalledTimes(1);
    const [span] = store().recentSpans();
    expect(span).toMatchObject({
      name: 'uncaught_exception',
      kind: 'internal',
      status: 'error',
      statusMessage: 'socket hang up',
      attributes: {
        'error.type': 'connection',
        'mcp_o11y.error.origin': 'uncaught_exception',
        'mcp_o11y.correlation_id': 'corr-1',
      },
    });
    expect(span?.events).toHaveLength(1);
    expect(span?.events[0]).toMatchObject({
      name: 'exception',
      attributes: {
        'exception.type': 'Error',
        'exception.message': 'socket hang up',
        'error.type': 'connection',
      },
    });
    expect(span?.events[0]?.attributes['exception.stacktrace']).toContain('socket hang up');

    const [log] = store().recentLogs();
    expect(log).toMatchObject({
      severityText: 'FATAL',
      body: 'uncaught exception: the process exits',
      traceId: span?.traceId,
      spanId: span?.spanId,
      attributes: {
        'error.type': 'connection',
        'mcp_o11y.error.origin': 'uncaught_exception',
        'exception.message': 'socket hang up',
      },
    });
    expect(await errorCounts()).toEqual({
      '{"mcp_o11y.error.category":"internal","error.type":"connection","mcp_o11y.error.origin":"uncaught_exception"}': 1,
    });
  });

  it('puts the exception event on the active span instead, and logs at error without flushing when a handler keeps the process alive', async () => {
    source.on('uncaughtException', () => {});
    const parent = observability.tracer.startSpan('tools/call slow_tool');
    context.with(trace.setSpan(context.active(), parent), () =>
      source.emit('uncaughtExceptionMonitor', new TypeError('x is undefined'), 'uncaughtException'),
    );
    parent.end();

    expect(forceFlush).not.toHaveBeenCalled();
    const spans = store().recentSpans();
    expect(spans.map((span) => span.name)).toEqual(['tools/call slow_tool']);
    expect(spans[0]?.status).toBe('unset');
    expect(spans[0]?.events.map((event) => [event.name, event.attributes['exception.type']])).toEqual([
      ['exception', 'TypeError'],
    ]);
    const [log] = store().recentLogs();
    expect(log).toMatchObject({
      severityText: 'ERROR',
      body: 'uncaught exception',
      spanId: spans[0]?.spanId,
    });
  });

  it('records an unhandled rejection Node raised as an uncaught exception (origin unhandledRejection)', async () => {
    source.emit('uncaughtExceptionMonitor', new Error('rejected'), 'unhandledRejection');
    expect(forceFlush).toHaveBeenCalledTimes(1);
    expect(
      store()
        .recentSpans()
        .map((span) => span.name),
    ).toEqual(['unhandled_rejection']);
    expect(await errorCounts()).toEqual({
      '{"mcp_o11y.error.category":"internal","error.type":"other","mcp_o11y.error.origin":"unhandled_rejection"}': 1,
    });
  });
});

describe('captureProcessErrors: unhandled rejections', () => {
  it('adds no unhandledRejection listener of its own while the application has none', () => {
    expect(source.listenerCount('unhandledRejection')).toBe(0);
  });

  it('listens alongside the application while it has listeners, and leaves with the last one', async () => {
    const seen: unknown[] = [];
    const theirs = (reason: unknown) => seen.push(reason);
    source.on('unhandledRejection', theirs);
    expect(source.listenerCount('unhandledRejection')).toBe(2);
    const reason = Object.assign(new Error('not found'), { status: 404 });
    source.emit('unhandledRejection', reason, Promise.resolve());
    expect(seen).toEqual([reason]);
    expect(forceFlush).not.toHaveBeenCalled();
    const [log] = store().recentLogs();
    expect(log).toMatchObject({ severityText: 'ERROR', body: 'unhandled promise rejection' });
    expect(await errorCounts()).toEqual({
      '{"mcp_o11y.error.category":"internal","error.type":"http_4xx","mcp_o11y.error.origin":"unhandled_rejection"}': 1,
    });

    source.removeListener('unhandledRejection', theirs);
    expect(source.listenerCount('unhandledRejection')).toBe(0);
    source.once('unhandledRejection', theirs);
    expect(source.listenerCount('unhandledRejection')).toBe(2);
    source.emit('unhandledRejection', 'a string reason', Promise.resolve());
    expect(source.listenerCount('unhandledRejection')).toBe(0);
    expect(store().recentLogs()).toHaveLength(2);
  });

  it('attaches at once when the application listened first, and again after removeAllListeners', () => {
    remove();
    const early = new EventEmitter();
    early.on('unhandledRejection', () => {});
    remove = captureProcessErrors(
      { tracer: observability.tracer, meter: observability.meter, logger: observability.logger, forceFlush },
      early,
    );
    expect(early.listenerCount('unhandledRejection')).toBe(2);
    early.removeAllListeners('unhandledRejection');
    expect(early.listenerCount('unhandledRejection')).toBe(0);
    early.on('unhandledRejection', () => {});
    expect(early.listenerCount('unhandledRejection')).toBe(2);
    early.emit('unhandledRejection', new Error('late'), Promise.resolve());
    expect(store().recentLogs()).toHaveLength(1);
  });

  it('counts a rejection once when the monitor saw it first (--unhandled-rejections=strict)', async () => {
    source.on('uncaughtException', () => {});
    source.on('unhandledRejection', () => {});
    const reason = new Error('strict');
    source.emit('uncaughtExceptionMonitor', reason, 'unhandledRejection');
    source.emit('unhandledRejection', reason, Promise.resolve());
    expect(store().recentLogs()).toHaveLength(1);
  });
});

describe('captureProcessErrors: removal', () => {
  it('removes every listener it added', () => {
    source.on('unhandledRejection', () => {});
    remove();
    expect(source.listenerCount('uncaughtExceptionMonitor')).toBe(0);
    expect(source.listenerCount('newListener')).toBe(0);
    expect(source.listenerCount('removeListener')).toBe(0);
    expect(source.listenerCount('unhandledRejection')).toBe(1);
    source.emit('uncaughtExceptionMonitor', new Error('after'), 'uncaughtException');
    expect(store().recentLogs()).toEqual([]);
  });
});

describe('createObservability({ captureGlobalErrors })', () => {
  const quiet = {
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
    alerts: false,
    memory: false,
  } as const;

  it('registers nothing on the real process unless asked; removes its listeners on shutdown', async () => {
    const before = {
      monitor: process.listenerCount('uncaughtExceptionMonitor'),
      newListener: process.listenerCount('newListener'),
      removeListener: process.listenerCount('removeListener'),
      rejection: process.listenerCount('unhandledRejection'),
    };
    const counts = () => ({
      monitor: process.listenerCount('uncaughtExceptionMonitor'),
      newListener: process.listenerCount('newListener'),
      removeListener: process.listenerCount('removeListener'),
      rejection: process.listenerCount('unhandledRejection'),
    });

    const off = await createObservability(quiet);
    expect(counts()).toEqual(before);
    await off.shutdown();

    const on = await createObservability({ ...quiet, captureGlobalErrors: true });
    expect(counts().monitor).toBe(before.monitor + 1);
    expect(counts().newListener).toBe(before.newListener + 1);
    await on.shutdown();
    expect(counts()).toEqual(before);

    const fromEnv = await createObservability({ ...quiet, env: { MCP_O11Y_CAPTURE_GLOBAL_ERRORS: 'true' } });
    expect(counts().monitor).toBe(before.monitor + 1);
    await fromEnv.shutdown();
    expect(counts()).toEqual(before);
  });
});
