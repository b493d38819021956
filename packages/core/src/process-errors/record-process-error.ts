import {
  type Attributes,
  type Counter,
  context,
  type Meter,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { METRIC_CATALOGUE_V1 } from '../catalogue/metric-catalogue.js';
import { CORRELATION_ID_ATTRIBUTE, currentCorrelationId } from '../correlation/correlation-id.js';
import { toLogException } from '../logging/log-exception.js';
import { errorCategoryOfException } from '../mcp/classify-error.js';
import { ATTR_ERROR_CATEGORY, ATTR_ERROR_TYPE, METRIC_ERRORS } from '../mcp/semantic-conventions.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import { errorTypeOf } from '../traced/error-type-of.js';
import { ATTR_ERROR_ORIGIN, type ProcessErrorOrigin } from './process-error-origin.js';

/** The parts of a handle the recorder writes to. */
export interface ProcessErrorTelemetry {
  readonly tracer: Tracer;
  readonly meter: Meter;
  readonly logger: LoggerV1;
}

const messages: Readonly<Record<ProcessErrorOrigin, string>> = {
  uncaught_exception: 'uncaught exception',
  unhandled_rejection: 'unhandled promise rejection',
};

/**
 * Records one error that escaped user code the way core records any failure: one count on
 * `mcp_o11y.errors`, an `exception` event (on the active span, else on a short INTERNAL span of its
 * own, status ERROR), and a log record (`fatal` when the process is about to exit, else `error`) joined
 * to that span. Adapters receive it through their usual span and log flow.
 */
export class ProcessErrorRecorder {
  readonly #tracer: Tracer;
  readonly #logger: LoggerV1;
  readonly #errors: Counter;

  constructor(telemetry: ProcessErrorTelemetry) {
    this.#tracer = telemetry.tracer;
    this.#logger = telemetry.logger;
    // The counter the MCP instrumentation records into: the same descriptor (taken from the catalogue,
    // which a test keeps equal to the instrumentation's), so the SDK hands back the same instrument.
    const definition = METRIC_CATALOGUE_V1.find((candidate) => candidate.name === METRIC_ERRORS);
    this.#errors = telemetry.meter.createCounter(METRIC_ERRORS, {
      description: definition?.description ?? '',
      unit: definition?.unit ?? '{error}',
    });
  }

  record(error: unknown, origin: ProcessErrorOrigin, exiting: boolean): void {
    const errorType = errorTypeOf(error);
    this.#errors.add(1, {
      [ATTR_ERROR_CATEGORY]: errorCategoryOfException(error),
      [ATTR_ERROR_TYPE]: errorType,
      [ATTR_ERROR_ORIGIN]: origin,
    });
    const exception = toLogException(error);
    const event: Attributes = {
      'exception.type': exception.type,
      'exception.message': exception.message,
      [ATTR_ERROR_TYPE]: errorType,
      [ATTR_ERROR_ORIGIN]: origin,
    };
    if (exception.stacktrace !== undefined) event['exception.stacktrace'] = exception.stacktrace;
    const log = (): void => {
      const message = exiting ? `${messages[origin]}: the process exits` : messages[origin];
      this.#logger[exiting ? 'fatal' : 'error'](message, {
        err: error,
        [ATTR_ERROR_TYPE]: errorType,
        [ATTR_ERROR_ORIGIN]: origin,
      });
    };

    const active = trace.getActiveSpan();
    if (active?.isRecording()) {
      // Someone else's span: it gets the event, but its status and end stay its owner's business.
      active.addEvent('exception', event);
      log();
      return;
    }
    const attributes: Attributes = { [ATTR_ERROR_TYPE]: errorType, [ATTR_ERROR_ORIGIN]: origin };
    const correlationId = currentCorrelationId();
    if (correlationId !== undefined) attributes[CORRELATION_ID_ATTRIBUTE] = correlationId;
    const span = this.#tracer.startSpan(origin, { kind: SpanKind.INTERNAL, attributes });
    span.addEvent('exception', event);
    span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
    context.with(trace.setSpan(context.active(), span), log);
    span.end();
  }
}
