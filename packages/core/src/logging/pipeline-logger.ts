import type { Logger as OtelLogger } from '@opentelemetry/api';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';
import { currentCorrelationId } from '../correlation/correlation-id.js';
import { redactText, redactValue } from '../privacy/redact-value.js';
import type { LogExceptionV1, LogLevelV1 } from '../spec/logs/v1/log-record-v1.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import { toLogException } from './log-exception.js';
import { logLevelSeverities, logLevelValues } from './log-levels.js';
import { toLogAttributes } from './to-log-attributes.js';

/** How the handle's logger is built. */
export interface PipelineLoggerOptions {
  readonly serviceName: string;
  readonly level: LogLevelV1;
  /** File descriptor for JSON lines, or false for none. Never 1 (stdout is the MCP protocol in stdio mode). */
  readonly destination: number | false;
  /** Where the same records go as OpenTelemetry log records (adapters, the in-memory backend). */
  readonly otelLogger: OtelLogger;
  /** Whether `logRequest` writes the per-request line. Default: false. */
  readonly requests?: boolean;
}

/**
 * Marks loggers whose pipeline has per-request lines on. A registered symbol, so the ESM and CJS
 * builds of core agree on it.
 */
export const requestLoggingFlag: unique symbol = Symbol.for('@mcp-o11y/core/log-requests') as never;

/**
 * Creates the handle's logger: pino for the JSON lines (it is the fastest well-kept serialiser), and
 * the OpenTelemetry logger for every log-capable backend. Both get the same record, redacted once.
 */
export function createPipelineLogger(options: PipelineLoggerOptions): LoggerV1 {
  if (options.destination === 1) {
    throw new Error(
      '[@mcp-o11y/core] logging.destination must not be 1 (stdout): in stdio mode stdout carries the MCP protocol. Use 2 (stderr) or false.',
    );
  }
  const lines =
    options.destination === false
      ? undefined
      : pino(
          {
            level: options.level,
            messageKey: 'message',
            errorKey: 'err',
            // Errors arrive already reduced and redacted (see toLogException); write them as they are.
            serializers: { err: (value: unknown) => value },
            base: { service: options.serviceName },
            timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
            formatters: { level: (label) => ({ level: label }) },
            mixin: contextFields,
          },
          pino.destination({ dest: options.destination, sync: true }),
        );
  return new PipelineLogger(
    lines,
    options.otelLogger,
    {},
    logLevelValues[options.level],
    options.requests === true,
  );
}

/** trace_id and span_id of the active span and the correlation id, so a line can be joined to both. */
function contextFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const spanContext = trace.getActiveSpan()?.spanContext();
  // A no-op tracer's spans carry the all-zero context: that joins nothing, so leave it out.
  if (spanContext && isSpanContextValid(spanContext)) {
    fields.trace_id = spanContext.traceId;
    fields.span_id = spanContext.spanId;
  }
  const correlationId = currentCorrelationId();
  if (correlationId !== undefined) fields.correlation_id = correlationId;
  return fields;
}

/** Fields without `err`, redacted, and the exception `err` held. */
function prepareFields(fields: Record<string, unknown>): {
  fields: Record<string, unknown>;
  exception: LogExceptionV1 | undefined;
} {
  if (!Object.hasOwn(fields, 'err'))
    return { fields: redactValue(fields) as Record<string, unknown>, exception: undefined };
  const { err, ...rest } = fields;
  return {
    fields: redactValue(rest) as Record<string, unknown>,
    exception: err === undefined ? undefined : toLogException(err),
  };
}

class PipelineLogger implements LoggerV1 {
  readonly [requestLoggingFlag]: boolean;
  readonly #lines: pino.Logger | undefined;
  readonly #otel: OtelLogger;
  readonly #bindings: Readonly<Record<string, unknown>>;
  readonly #threshold: number;

  constructor(
    lines: pino.Logger | undefined,
    otel: OtelLogger,
    bindings: Readonly<Record<string, unknown>>,
    threshold: number,
    requests: boolean,
  ) {
    this.#lines = lines;
    this.#otel = otel;
    this.#bindings = bindings;
    this.#threshold = threshold;
    this[requestLoggingFlag] = requests;
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.#write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.#write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.#write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.#write('error', message, fields);
  }
  fatal(message: string, fields?: Record<string, unknown>): void {
    this.#write('fatal', message, fields);
  }

  child(bindings: Record<string, unknown>): LoggerV1 {
    // Redacted once here, so records of the child pay nothing for their bindings.
    const safe = redactValue(bindings) as Record<string, unknown>;
    return new PipelineLogger(
      this.#lines?.child(safe),
      this.#otel,
      { ...this.#bindings, ...safe },
      this.#threshold,
      this[requestLoggingFlag],
    );
  }

  isLevelEnabled(level: LogLevelV1): boolean {
    return logLevelValues[level] >= this.#threshold;
  }

  #write(level: LogLevelV1, message: string, fields: Record<string, unknown> | undefined): void {
    // The level check comes first: a disabled level costs one comparison, no redaction.
    if (logLevelValues[level] < this.#threshold) return;
    const toBackends = this.#otel.enabled();
    if (!this.#lines && !toBackends) return;
    const safeMessage = redactText(message);
    const prepared = fields ? prepareFields(fields) : undefined;
    if (this.#lines) {
      try {
        if (prepared) {
          const line = prepared.exception
            ? { ...prepared.fields, err: toLineError(prepared.exception) }
            : prepared.fields;
          this.#lines[level](line, safeMessage);
        } else {
          this.#lines[level](safeMessage);
        }
      } catch {
        // A closed stderr (EPIPE) must not turn a log call into a crash of the server.
      }
    }
    if (!toBackends) return;
    this.#otel.emit({
      severityNumber: logLevelSeverities[level],
      severityText: level.toUpperCase(),
      body: safeMessage,
      attributes: toLogAttributes(
        this.#bindings,
        prepared?.fields,
        prepared?.exception,
        currentCorrelationId(),
      ),
    });
  }
}

/** The JSON-line shape of an exception: pino's conventional `err: { type, message, stack }`. */
function toLineError(exception: LogExceptionV1): Record<string, string> {
  const line: Record<string, string> = { type: exception.type, message: exception.message };
  if (exception.stacktrace !== undefined) line.stack = exception.stacktrace;
  return line;
}
