import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { expect, it } from 'vitest';
import { recordSpanError } from './record-span-error.js';

function endedSpan(error: unknown) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const span = provider.getTracer('test').startSpan('call');
  recordSpanError(span, error);
  span.end();
  const [ended] = exporter.getFinishedSpans();
  return ended!;
}

it('records the status and the exception with the connection string password and the token redacted', () => {
  const error = Object.assign(
    new Error(
      'password authentication failed: postgres://app:pg-Zq81ha0PbX7mW@db.internal:5432/app (Authorization: Bearer tok_3mWcE3uYd2Zq81ha0PbX7)',
    ),
    { code: '28P01' },
  );
  const span = endedSpan(error);
  const text = JSON.stringify({ status: span.status, events: span.events });
  expect(text).not.toContain('pg-Zq81ha0PbX7mW');
  expect(text).not.toContain('tok_3mWcE3uYd2Zq81ha0PbX7');
  expect(span.status).toEqual({
    code: SpanStatusCode.ERROR,
    message:
      'password authentication failed: postgres://app:[REDACTED]@db.internal:5432/app (Authorization: [REDACTED] [REDACTED])',
  });
  expect(span.events[0]?.attributes).toMatchObject({
    'exception.type': '28P01',
    'exception.message': span.status.message,
    'exception.stacktrace': expect.stringContaining('postgres://app:[REDACTED]@db.internal'),
  });
});

it('records a thrown non-Error as a redacted status only', () => {
  const span = endedSpan('failed with api_key=ak_0123456789abcdef');
  expect(span.status.message).toBe('failed with api_key=[REDACTED]');
  expect(span.events).toEqual([]);
});
