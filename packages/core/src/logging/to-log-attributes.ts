import type { AnyValue, Attributes } from '@opentelemetry/api';

type AnyValueMap = Attributes;

/**
 * Maps logger fields onto OpenTelemetry log attributes. Pure. An `err` field becomes the semconv
 * `exception.*` attributes; values that are not plain data are reduced to strings so that no exporter
 * ever receives a live object (sockets, requests) that it would try to serialise.
 */
export function toLogAttributes(
  bindings: Readonly<Record<string, unknown>>,
  fields: Readonly<Record<string, unknown>> | undefined,
): AnyValueMap {
  const attributes: AnyValueMap = {};
  copyInto(attributes, bindings);
  if (fields) copyInto(attributes, fields);
  return attributes;
}

function copyInto(target: AnyValueMap, source: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (key === 'err' && value instanceof Error) {
      target['exception.type'] = value.name;
      target['exception.message'] = value.message;
      if (value.stack) target['exception.stacktrace'] = value.stack;
      continue;
    }
    target[key] = toAnyValue(value, 0);
  }
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
  const map: AnyValueMap = {};
  for (const key of Object.keys(value as object)) {
    map[key] = toAnyValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return map;
}
