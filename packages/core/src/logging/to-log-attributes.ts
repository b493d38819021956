import type { AnyValue, Attributes } from '@opentelemetry/api';
import { CORRELATION_ID_ATTRIBUTE } from '../correlation/correlation-id.js';
import type { LogExceptionV1 } from '../spec/logs/v1/log-record-v1.js';

/**
 * Maps already redacted logger bindings and fields onto OpenTelemetry log attributes. Pure. The
 * exception becomes the semconv `exception.*` attributes and the correlation id
 * `mcp_o11y.correlation_id`; values that are not plain data are reduced to strings so that no exporter
 * ever receives a live object (sockets, requests) that it would try to serialise.
 */
export function toLogAttributes(
  bindings: Readonly<Record<string, unknown>>,
  fields: Readonly<Record<string, unknown>> | undefined,
  exception?: LogExceptionV1,
  correlationId?: string,
): Attributes {
  const attributes: Attributes = {};
  copyInto(attributes, bindings);
  if (fields) copyInto(attributes, fields);
  if (exception) {
    attributes['exception.type'] = exception.type;
    attributes['exception.message'] = exception.message;
    if (exception.stacktrace !== undefined) attributes['exception.stacktrace'] = exception.stacktrace;
  }
  if (correlationId !== undefined) attributes[CORRELATION_ID_ATTRIBUTE] = correlationId;
  return attributes;
}

function copyInto(target: Attributes, source: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(source)) target[key] = toAnyValue(source[key], 0);
}

function toAnyValue(value: unknown, depth: number): AnyValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'function':
    case 'symbol':
      return String(value);
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Date) return value.toISOString();
  if (depth >= 4) return '[depth limit]';
  if (Array.isArray(value)) return value.map((item) => toAnyValue(item, depth + 1));
  const map: Attributes = {};
  for (const key of Object.keys(value as object)) {
    map[key] = toAnyValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return map;
}
