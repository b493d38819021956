import { requireThrough } from './transitive.js';

/*
 * The messages of opentelemetry-proto's collector/trace/v1/trace_service.proto (and the trace, resource
 * and common messages it uses) that the assertions read, with the field numbers and types of the
 * official definitions, as a protobufjs JSON descriptor. otlp-transformer 0.301 ships a serializer but
 * no generated decoders, so the receiver decodes with protobufjs (reached through the OTLP gRPC exporter).
 */
const kv = { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } };
const descriptor = {
  nested: {
    AnyValue: {
      oneofs: {
        value: {
          oneof: [
            'stringValue',
            'boolValue',
            'intValue',
            'doubleValue',
            'arrayValue',
            'kvlistValue',
            'bytesValue',
          ],
        },
      },
      fields: {
        stringValue: { type: 'string', id: 1 },
        boolValue: { type: 'bool', id: 2 },
        intValue: { type: 'int64', id: 3 },
        doubleValue: { type: 'double', id: 4 },
        arrayValue: { type: 'ArrayValue', id: 5 },
        kvlistValue: { type: 'KeyValueList', id: 6 },
        bytesValue: { type: 'bytes', id: 7 },
      },
    },
    ArrayValue: { fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } } },
    KeyValueList: { fields: { values: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
    KeyValue: { fields: kv },
    InstrumentationScope: {
      fields: {
        name: { type: 'string', id: 1 },
        version: { type: 'string', id: 2 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
      },
    },
    Resource: { fields: { attributes: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
    Event: {
      fields: {
        timeUnixNano: { type: 'fixed64', id: 1 },
        name: { type: 'string', id: 2 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
      },
    },
    Link: { fields: { traceId: { type: 'bytes', id: 1 }, spanId: { type: 'bytes', id: 2 } } },
    Status: { fields: { message: { type: 'string', id: 2 }, code: { type: 'int32', id: 3 } } },
    Span: {
      fields: {
        traceId: { type: 'bytes', id: 1 },
        spanId: { type: 'bytes', id: 2 },
        parentSpanId: { type: 'bytes', id: 4 },
        name: { type: 'string', id: 5 },
        kind: { type: 'int32', id: 6 },
        startTimeUnixNano: { type: 'fixed64', id: 7 },
        endTimeUnixNano: { type: 'fixed64', id: 8 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 9 },
        events: { rule: 'repeated', type: 'Event', id: 11 },
        links: { rule: 'repeated', type: 'Link', id: 13 },
        status: { type: 'Status', id: 15 },
      },
    },
    ScopeSpans: {
      fields: {
        scope: { type: 'InstrumentationScope', id: 1 },
        spans: { rule: 'repeated', type: 'Span', id: 2 },
      },
    },
    ResourceSpans: {
      fields: {
        resource: { type: 'Resource', id: 1 },
        scopeSpans: { rule: 'repeated', type: 'ScopeSpans', id: 2 },
      },
    },
    ExportTraceServiceRequest: {
      fields: { resourceSpans: { rule: 'repeated', type: 'ResourceSpans', id: 1 } },
    },
  },
};

interface ProtoType {
  decode(bytes: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  fromObject(value: unknown): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}
const protobuf = requireThrough<{
  Root: { fromJSON(json: unknown): { lookupType(name: string): ProtoType } };
}>([
  '@opentelemetry/exporter-trace-otlp-grpc',
  '@opentelemetry/otlp-grpc-exporter-base',
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  'protobufjs',
]).module;
const request = protobuf.Root.fromJSON(descriptor).lookupType('ExportTraceServiceRequest');

/** A span as the assertions see it: hex ids, plain attributes, resource attributes alongside. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  links: { traceId: string; spanId: string }[];
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: string;
}

type Plain = Record<string, unknown>;
function anyValue(value: Plain | undefined): unknown {
  if (!value) return undefined;
  if ('arrayValue' in value)
    return ((value.arrayValue as Plain).values as Plain[] | undefined)?.map(anyValue) ?? [];
  const [first] = Object.values(value);
  return first;
}
function attributes(list: unknown): Record<string, unknown> {
  return Object.fromEntries(
    ((list as Plain[] | undefined) ?? []).map((entry) => [entry.key, anyValue(entry.value as Plain)]),
  );
}

function flatten(message: unknown): OtlpSpan[] {
  const plain = request.toObject(message, { longs: String, bytes: String, defaults: true, arrays: true });
  const hex = (base64: unknown) => Buffer.from(String(base64), 'base64').toString('hex');
  return (plain.resourceSpans as Plain[]).flatMap((resourceSpans) =>
    (resourceSpans.scopeSpans as Plain[]).flatMap((scopeSpans) =>
      (scopeSpans.spans as Plain[]).map((span) => ({
        traceId: hex(span.traceId),
        spanId: hex(span.spanId),
        parentSpanId: hex(span.parentSpanId),
        name: span.name as string,
        kind: span.kind as number,
        attributes: attributes(span.attributes),
        events: (span.events as Plain[]).map((event) => ({
          name: event.name as string,
          attributes: attributes(event.attributes),
        })),
        links: (span.links as Plain[]).map((link) => ({
          traceId: hex(link.traceId),
          spanId: hex(link.spanId),
        })),
        status: {
          code: ((span.status as Plain | null)?.code as number) ?? 0,
          message: ((span.status as Plain | null)?.message as string) ?? '',
        },
        resource: attributes((resourceSpans.resource as Plain | null)?.attributes),
        scope: ((scopeSpans.scope as Plain | null)?.name as string) ?? '',
      })),
    ),
  );
}

/** Decodes an OTLP protobuf `ExportTraceServiceRequest` (a gRPC request message). */
export function decodeOtlpProtobuf(bytes: Uint8Array): OtlpSpan[] {
  return flatten(request.decode(bytes));
}

/**
 * Decodes an OTLP/HTTP JSON body by the OTLP JSON rules (ids in hex, the rest proto3 JSON) into the same
 * message, and round-trips it through the binary encoding so a field of the wrong type fails here.
 */
export function decodeOtlpJson(text: string): OtlpSpan[] {
  const json = JSON.parse(text, (key, value) =>
    ['traceId', 'spanId', 'parentSpanId'].includes(key) && typeof value === 'string'
      ? Buffer.from(value, 'hex').toString('base64')
      : value,
  );
  return decodeOtlpProtobuf(request.encode(request.fromObject(json)).finish());
}
