import { gunzipSync } from 'node:zlib';
import { otlpType } from './otlp-proto-schema.js';

/** A decoded attribute value. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
type Wire = Record<string, unknown>;

/** A span as the collector received it, ids as lower-case hex. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Record<string, Value>;
  readonly events: readonly { readonly name: string; readonly attributes: Record<string, Value> }[];
  readonly statusCode: number;
  readonly resource: Record<string, Value>;
  readonly scope: string;
}

/** One metric data point, flattened. */
export interface ReceivedMetric {
  readonly name: string;
  readonly unit: string;
  readonly type: 'gauge' | 'sum' | 'histogram' | 'other';
  /** OTLP AggregationTemporality: 1 delta, 2 cumulative. */
  readonly temporality: number | undefined;
  readonly attributes: Record<string, Value>;
  readonly value: number | undefined;
  readonly count: number | undefined;
  readonly sum: number | undefined;
  readonly bucketCounts: readonly number[];
  readonly explicitBounds: readonly number[];
  readonly resource: Record<string, Value>;
}

/** A log record, ids as lower-case hex. */
export interface ReceivedLog {
  readonly body: Value;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly attributes: Record<string, Value>;
  readonly resource: Record<string, Value>;
}

/** Everything decoded from one export request. */
export interface DecodedExport {
  readonly spans: ReceivedSpan[];
  readonly metrics: ReceivedMetric[];
  readonly logs: ReceivedLog[];
}

export type OtlpSignalName = 'traces' | 'metrics' | 'logs';

const requestTypes: Record<OtlpSignalName, string> = {
  traces: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  metrics: 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
  logs: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
};

const list = (value: unknown): Wire[] => (Array.isArray(value) ? (value as Wire[]) : []);
const num = (value: unknown): number | undefined =>
  value === undefined || value === null ? undefined : Number(value);

/** protobuf bytes arrive base64 (toObject `bytes: String`), OTLP/JSON ids as hex: normalize to hex. */
function hexId(value: unknown, encoding: 'base64' | 'hex'): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return encoding === 'hex' ? value : Buffer.from(value, 'base64').toString('hex');
}

function anyValue(value: Wire | undefined): Value {
  if (value === undefined || value === null) return null;
  if ('stringValue' in value) return value.stringValue as string;
  if ('boolValue' in value) return value.boolValue as boolean;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value) return list((value.arrayValue as Wire).values).map(anyValue);
  if ('kvlistValue' in value) return attributes((value.kvlistValue as Wire).values);
  return null;
}

function attributes(value: unknown): Record<string, Value> {
  const result: Record<string, Value> = {};
  for (const entry of list(value)) result[entry.key as string] = anyValue(entry.value as Wire | undefined);
  return result;
}

/** Flattens an ExportXServiceRequest in its OTLP/JSON object form (what protobufjs toObject also gives). */
export function flattenRequest(signal: OtlpSignalName, request: Wire, ids: 'base64' | 'hex'): DecodedExport {
  const decoded: DecodedExport = { spans: [], metrics: [], logs: [] };
  if (signal === 'traces') {
    for (const resourceSpans of list(request.resourceSpans)) {
      const resource = attributes((resourceSpans.resource as Wire | undefined)?.attributes);
      for (const scopeSpans of list(resourceSpans.scopeSpans)) {
        for (const span of list(scopeSpans.spans)) {
          decoded.spans.push({
            traceId: hexId(span.traceId, ids) ?? '',
            spanId: hexId(span.spanId, ids) ?? '',
            parentSpanId: hexId(span.parentSpanId, ids),
            name: span.name as string,
            kind: num(span.kind) ?? 0,
            attributes: attributes(span.attributes),
            events: list(span.events).map((event) => ({
              name: event.name as string,
              attributes: attributes(event.attributes),
            })),
            statusCode: num((span.status as Wire | undefined)?.code) ?? 0,
            resource,
            scope: ((scopeSpans.scope as Wire | undefined)?.name as string | undefined) ?? '',
          });
        }
      }
    }
  } else if (signal === 'metrics') {
    for (const resourceMetrics of list(request.resourceMetrics)) {
      const resource = attributes((resourceMetrics.resource as Wire | undefined)?.attributes);
      for (const scopeMetrics of list(resourceMetrics.scopeMetrics)) {
        for (const metric of list(scopeMetrics.metrics)) {
          const type = metric.histogram ? 'histogram' : metric.sum ? 'sum' : metric.gauge ? 'gauge' : 'other';
          const data = (metric.histogram ?? metric.sum ?? metric.gauge ?? {}) as Wire;
          for (const point of list(data.dataPoints)) {
            decoded.metrics.push({
              name: metric.name as string,
              unit: (metric.unit as string | undefined) ?? '',
              type,
              temporality: num(data.aggregationTemporality),
              attributes: attributes(point.attributes),
              value: num(point.asDouble ?? point.asInt),
              count: num(point.count),
              sum: num(point.sum),
              bucketCounts: (Array.isArray(point.bucketCounts) ? point.bucketCounts : []).map(Number),
              explicitBounds: (Array.isArray(point.explicitBounds) ? point.explicitBounds : []).map(Number),
              resource,
            });
          }
        }
      }
    }
  } else {
    for (const resourceLogs of list(request.resourceLogs)) {
      const resource = attributes((resourceLogs.resource as Wire | undefined)?.attributes);
      for (const scopeLogs of list(resourceLogs.scopeLogs)) {
        for (const record of list(scopeLogs.logRecords)) {
          decoded.logs.push({
            body: anyValue(record.body as Wire | undefined),
            severityNumber: num(record.severityNumber) ?? 0,
            severityText: (record.severityText as string | undefined) ?? '',
            traceId: hexId(record.traceId, ids),
            spanId: hexId(record.spanId, ids),
            attributes: attributes(record.attributes),
            resource,
          });
        }
      }
    }
  }
  return decoded;
}

/** Decodes a binary ExportXServiceRequest with the OTLP schema. */
export function decodeProtobufRequest(signal: OtlpSignalName, body: Uint8Array): DecodedExport {
  const type = otlpType(requestTypes[signal]);
  const object = type.toObject(type.decode(body), { longs: String, bytes: String, enums: Number });
  return flattenRequest(signal, object, 'base64');
}

/** The signal an OTLP/HTTP path is for. */
export function signalOfPath(path: string): OtlpSignalName | undefined {
  const match = /\/v1\/(traces|metrics|logs)$/.exec(path.split('?')[0] ?? '');
  return match?.[1] as OtlpSignalName | undefined;
}

/** Decodes an OTLP/HTTP request by its content type and encoding; throws on anything else. */
export function decodeHttpRequest(request: {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}): DecodedExport & { readonly signal: OtlpSignalName; readonly encoding: 'protobuf' | 'json' } {
  const signal = signalOfPath(request.path);
  if (!signal) throw new Error(`not an OTLP path: ${request.path}`);
  const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('application/x-protobuf')) {
    return { ...decodeProtobufRequest(signal, body), signal, encoding: 'protobuf' };
  }
  if (contentType.startsWith('application/json')) {
    const json = JSON.parse(body.toString('utf8')) as Wire;
    return { ...flattenRequest(signal, json, 'hex'), signal, encoding: 'json' };
  }
  throw new Error(`unexpected content-type ${contentType}`);
}
