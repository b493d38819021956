import { createObservability } from '@mcp-o11y/core';
import { context, trace } from '@opentelemetry/api';
import { expect, it } from 'vitest';
import { sentry } from '../src/index.js';
import { startEnvelopeReceiver } from './envelope-receiver.js';

it('log records become batched Sentry logs with typed, redacted attributes and the trace id', async () => {
  const receiver = await startEnvelopeReceiver();
  const observability = await createObservability({
    adapters: [sentry({ dsn: receiver.dsn, enableLogs: true, logLevel: 'info', environment: 'test' })],
    logging: { destination: false },
    alerts: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  try {
    const span = observability.tracer.startSpan('work');
    const traceId = span.spanContext().traceId;
    context.with(trace.setSpan(context.active(), span), () => {
      observability.logger.info('charged card', {
        attempt: 2,
        ratio: 0.5,
        ok: true,
        password: 'hunter2-secret',
      });
      observability.logger.debug('below the threshold');
    });
    span.end();
    observability.logger.warn('no trace here', { note: 'Bearer abc.def.ghi-secret' });
    await observability.forceFlush();
    const logs = await receiver.waitFor(() => {
      const items = receiver.items('log').flatMap((container) => container.items);
      return items.length >= 2 ? items : undefined;
    });
    expect(logs.map((log: { body: string }) => log.body)).toEqual(['charged card', 'no trace here']);
    const [charged, warning] = logs;
    expect(charged).toMatchObject({ level: 'info', severity_number: 9, trace_id: traceId });
    expect(charged.attributes).toMatchObject({
      attempt: { value: 2, type: 'integer' },
      ratio: { value: 0.5, type: 'double' },
      ok: { value: true, type: 'boolean' },
      password: { value: '[REDACTED]', type: 'string' },
      'sentry.environment': { value: 'test', type: 'string' },
    });
    expect(warning).toMatchObject({ level: 'warn', severity_number: 13 });
    expect(warning.trace_id).toBeUndefined();
    const container = receiver.envelopes().find((envelope) => envelope.items[0]?.header.type === 'log');
    expect(container?.items[0]?.header).toMatchObject({
      item_count: expect.any(Number),
      content_type: 'application/vnd.sentry.items.log+json',
    });
    for (const request of receiver.http.requests) {
      expect(request.text).not.toContain('hunter2-secret');
      expect(request.text).not.toContain('abc.def.ghi-secret');
    }
  } finally {
    await observability.shutdown();
    await receiver.close();
  }
});
