import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { redactText } from './redact-value.js';

/**
 * Marks `span` failed by `error`: the ERROR status with the error's message, and an `exception` event
 * with its type, message and stack — message and stack redacted first. A caught error's text routinely
 * holds what the failing call was given (a connection string with its password, a URL with a token, an
 * `Authorization` header), and span status and events go to every trace backend.
 */
export function recordSpanError(span: Span, error: unknown): void {
  const message = redactText(error instanceof Error ? error.message : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  if (!(error instanceof Error)) return;
  const code = (error as { code?: unknown }).code;
  span.recordException({
    name: error.name,
    message,
    ...(error.stack === undefined ? {} : { stack: redactText(error.stack) }),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
  });
}
