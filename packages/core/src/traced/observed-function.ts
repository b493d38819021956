import {
  type Attributes,
  context,
  type Histogram,
  type Span,
  SpanKind,
  type SpanOptions,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { CORRELATION_ID_ATTRIBUTE, currentCorrelationId } from '../correlation/correlation-id.js';
import { ATTR_ERROR_TYPE } from '../mcp/semantic-conventions.js';
import { getActiveObservability } from '../pipeline/active-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { recordSpanError } from '../privacy/record-span-error.js';
import { errorTypeOf } from './error-type-of.js';
import { ATTR_CODE_FUNCTION_NAME, functionInstruments } from './function-instruments.js';
import type { TracedOptions } from './traced-options.js';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/**
 * A user function and what it records into one handle: the shared histogram, the attribute sets built
 * once per outcome, and the span options. Built again only when the handle changes or the name is
 * resolved, so a call does a map lookup at most and allocates nothing of its own but the span.
 */
class FunctionTelemetry {
  readonly observability: Observability;
  readonly #duration: Histogram;
  readonly #tracer: Tracer | undefined;
  readonly #spanName: string;
  readonly #spanOptions: SpanOptions;
  readonly #success: Attributes;
  readonly #failures = new Map<string, Attributes>();

  constructor(observability: Observability, name: string, withSpan: boolean, spanAttributes?: Attributes) {
    this.observability = observability;
    const instruments = functionInstruments(observability.meter);
    this.#duration = instruments.duration;
    this.#success = Object.freeze({ [ATTR_CODE_FUNCTION_NAME]: instruments.labelOf(name) });
    this.#tracer = withSpan ? observability.tracer : undefined;
    this.#spanName = name;
    this.#spanOptions = {
      kind: SpanKind.INTERNAL,
      attributes: { ...spanAttributes, [ATTR_CODE_FUNCTION_NAME]: name },
    };
  }

  call(fn: AnyFunction, self: unknown, args: unknown[]): unknown {
    const tracer = this.#tracer;
    if (tracer === undefined) return this.#run(undefined, fn, self, args);
    const parent = context.active();
    const span = tracer.startSpan(this.#spanName, this.#spanOptions, parent);
    const correlationId = currentCorrelationId();
    if (correlationId !== undefined) span.setAttribute(CORRELATION_ID_ATTRIBUTE, correlationId);
    // Active while `fn` runs, so what it calls (spans, log lines) nests under it.
    return context.with(trace.setSpan(parent, span), this.#run, this, span, fn, self, args);
  }

  #run(span: Span | undefined, fn: AnyFunction, self: unknown, args: unknown[]): unknown {
    const started = performance.now();
    let result: unknown;
    try {
      result = fn.apply(self, args);
    } catch (error) {
      this.#fail(span, started, error);
      throw error;
    }
    // Only a native promise is awaited: calling `then` on any other thenable (a lazy query builder) could
    // start work the caller did not ask for yet. Such a result is measured until it is returned.
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          this.#succeed(span, started);
          return value;
        },
        (error: unknown) => {
          this.#fail(span, started, error);
          throw error;
        },
      );
    }
    this.#succeed(span, started);
    return result;
  }

  #succeed(span: Span | undefined, started: number): void {
    this.#duration.record((performance.now() - started) / 1000, this.#success);
    span?.end();
  }

  #fail(span: Span | undefined, started: number, error: unknown): void {
    const errorType = errorTypeOf(error);
    let attributes = this.#failures.get(errorType);
    if (attributes === undefined) {
      attributes = Object.freeze({ ...this.#success, [ATTR_ERROR_TYPE]: errorType });
      this.#failures.set(errorType, attributes);
    }
    this.#duration.record((performance.now() - started) / 1000, attributes);
    if (span === undefined) return;
    span.setAttribute(ATTR_ERROR_TYPE, errorType);
    // Redacted: an error's text often holds what the call was given (a connection string, a token).
    recordSpanError(span, error);
    span.end();
  }
}

/**
 * Wraps `fn` so that each call records the `mcp_o11y.function.duration` histogram and, with `withSpan`,
 * an INTERNAL span. Without a handle (none given, none active) the wrapper only calls `fn`.
 */
export class ObservedFunction {
  readonly wrapped: AnyFunction;
  #name: string;
  #resolved: boolean;
  #telemetry: FunctionTelemetry | undefined = undefined;

  /** `resolved: false` marks `name` as provisional: a decorator learns the class name later. */
  constructor(fn: AnyFunction, name: string, resolved: boolean, withSpan: boolean, options?: TracedOptions) {
    this.#name = name;
    this.#resolved = resolved;
    const fixed = options?.observability;
    const spanAttributes = options?.attributes;
    const bind = (): FunctionTelemetry | undefined => {
      const observability = fixed ?? getActiveObservability();
      if (observability === undefined) return undefined;
      if (this.#telemetry?.observability !== observability) {
        this.#telemetry = new FunctionTelemetry(observability, this.#name, withSpan, spanAttributes);
      }
      return this.#telemetry;
    };
    // A plain `function`, so callers' `this` (an instance, a class for static methods) reaches `fn`.
    this.wrapped = function (this: unknown, ...args: unknown[]): unknown {
      const telemetry = bind();
      if (telemetry === undefined) return fn.apply(this, args);
      return telemetry.call(fn, this, args);
    };
    // Stack traces, debuggers and `fn.length` checks (routers, DI containers) see the original.
    Object.defineProperty(this.wrapped, 'name', { value: fn.name, configurable: true });
    Object.defineProperty(this.wrapped, 'length', { value: fn.length, configurable: true });
  }

  /** Whether the final name is known. */
  get resolved(): boolean {
    return this.#resolved;
  }

  /** Sets the final name; the next call rebuilds its attribute sets. */
  resolve(name: string): void {
    this.#name = name;
    this.#resolved = true;
    this.#telemetry = undefined;
  }
}
