import { trace } from '@opentelemetry/api';
import type { Logger as OtelLogger } from '@opentelemetry/api';
import pino from 'pino';
import type { LogLevelV1 } from '../spec/logs/v1/log-record-v1.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
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
}

/**
 * Creates the handle's logger: pino for the JSON lines (it is the fastest well-kept serialiser), and
 * the OpenTelemetry logger for every log-capable backend. Both get the same record.
 */
export function createPipelineLogger(options: PipelineLoggerOptions): LoggerV1 {
  if (options.destination === 1) {
    throw new Error(
      '[@mcp-o11y/core] logging.destination must not be 1 (stdout): in stdio mode stdout carries the MCP protocol. Use 2 (stderr) or false.',
    );
  }
  const threshold = logLevelValues[options.level];
  const lines =
    options.destination === false
      ? undefined
      : pino(
          {
            level: options.level,
            messageKey: 'message',
            errorKey: 'err',
            base: { service: options.serviceName },
            timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
            formatters: { level: (label) => ({ level: label }) },
            mixin: traceFields,
          },
          pino.destination({ dest: options.destination, sync: true }),
        );
  return new PipelineLogger(lines, options.otelLogger, {}, threshold);
}

/** trace_id and span_id of the active span, so a log line can be joined to its trace. */
function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const spanContext = span.spanContext();
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

class PipelineLogger implements LoggerV1 {
  readonly #lines: pino.Logger | undefined;
  readonly #otel: OtelLogger;
  readonly #bindings: Readonly<Record<string, unknown>>;
  readonly #threshold: number;

  constructor(
    lines: pino.Logger | undefined,
    otel: OtelLogger,
    bindings: Readonly<Record<string, unknown>>,
    threshold: number,
  ) {
    this.#lines = lines;
    this.#otel = otel;
    this.#bindings = bindings;
    this.#threshold = threshold;
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
    return new PipelineLogger(
      this.#lines?.child(bindings),
      this.#otel,
      { ...this.#bindings, ...bindings },
      this.#threshold,
    );
  }

  isLevelEnabled(level: LogLevelV1): boolean {
    return logLevelValues[level] >= this.#threshold;
  }

  #write(level: LogLevelV1, message: string, fields: Record<string, unknown> | undefined): void {
    if (logLevelValues[level] < this.#threshold) return;
    try {
      if (fields) this.#lines?.[level](fields, message);
      else this.#lines?.[level](message);
    } catch {
      // A closed stderr (EPIPE) must not turn a log call into a crash of the server.
    }
    this.#otel.emit({
      severityNumber: logLevelSeverities[level],
      severityText: level.toUpperCase(),
      body: message,
      attributes: toLogAttributes(this.#bindings, fields),
    });
  }
}
