import { type Context, createContextKey, type Span, trace } from '@opentelemetry/api';
import { CORRELATION_ID_CONTEXT_KEY, contextWithCorrelationId } from '../correlation/correlation-id.js';

/** The key `trace.setSpan` stores the span under (`createContextKey` is `Symbol.for` in every API 1.x). */
const SPAN_KEY = createContextKey('OpenTelemetry Context Key SPAN');

/**
 * The context a request is delivered in: its parent plus its span and correlation id. `parent.setValue`
 * twice (span, then id) copies the parent's whole value map twice on every request, ~0.3 µs on the
 * round-trip benchmark; this answers both keys itself and defers everything else to the parent. The first
 * `setValue` or `deleteValue` on it (a child span started inside the handler) builds the ordinary context
 * once and continues from there, so a context derived from it is the OpenTelemetry one, as before.
 */
class RequestContext implements Context {
  readonly #parent: Context;
  readonly #span: Span;
  readonly #correlationId: string;
  #materialised: Context | undefined;

  constructor(parent: Context, span: Span, correlationId: string) {
    this.#parent = parent;
    this.#span = span;
    this.#correlationId = correlationId;
  }

  getValue(key: symbol): unknown {
    if (key === SPAN_KEY) return this.#span;
    if (key === CORRELATION_ID_CONTEXT_KEY) return this.#correlationId;
    return this.#parent.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return this.#ordinary().setValue(key, value);
  }

  deleteValue(key: symbol): Context {
    return this.#ordinary().deleteValue(key);
  }

  #ordinary(): Context {
    this.#materialised ??= contextWithCorrelationId(
      trace.setSpan(this.#parent, this.#span),
      this.#correlationId,
    );
    return this.#materialised;
  }
}

/**
 * Whether `trace.getSpan` reads {@link SPAN_KEY}: checked once against the installed API, so a future API
 * that keyed spans differently gets the ordinary contexts instead of spans that go missing.
 */
const spanKeyHolds = ((): boolean => {
  const probe = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '1'.repeat(16), traceFlags: 0 });
  const probed = new RequestContext(
    {
      getValue: () => undefined,
      setValue() {
        return this;
      },
      deleteValue() {
        return this;
      },
    },
    probe,
    'probe',
  );
  return trace.getSpan(probed) === probe;
})();

/** `parent` with `span` active and `correlationId` set: what a request's handler runs in. */
export function requestContext(parent: Context, span: Span, correlationId: string): Context {
  return spanKeyHolds
    ? new RequestContext(parent, span, correlationId)
    : contextWithCorrelationId(trace.setSpan(parent, span), correlationId);
}
