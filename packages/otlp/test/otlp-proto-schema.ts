import { createRequire } from 'node:module';

/**
 * The OTLP v1 messages as a protobufjs JSON descriptor: names, types and field numbers of
 * opentelemetry-proto (`opentelemetry/proto/{common,resource,trace,metrics,logs}/v1/*.proto` and
 * `collector/{trace,metrics,logs}/v1/*_service.proto`). Written out because neither the .proto files
 * nor a generated root ship in any installed package (otlp-transformer 0.301 serializes by hand).
 * Every field the tests read is typed; the rest of each message is listed as opaque bytes or scalars so
 * nothing is silently misread (exemplars, exponential histograms and summaries stay undecoded).
 */
const field = (type: string, id: number, rule?: 'repeated') => (rule ? { type, id, rule } : { type, id });

const common = {
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
      stringValue: field('string', 1),
      boolValue: field('bool', 2),
      intValue: field('int64', 3),
      doubleValue: field('double', 4),
      arrayValue: field('ArrayValue', 5),
      kvlistValue: field('KeyValueList', 6),
      bytesValue: field('bytes', 7),
    },
  },
  ArrayValue: { fields: { values: field('AnyValue', 1, 'repeated') } },
  KeyValueList: { fields: { values: field('KeyValue', 1, 'repeated') } },
  KeyValue: { fields: { key: field('string', 1), value: field('AnyValue', 2) } },
  InstrumentationScope: {
    fields: {
      name: field('string', 1),
      version: field('string', 2),
      attributes: field('KeyValue', 3, 'repeated'),
      droppedAttributesCount: field('uint32', 4),
    },
  },
};

const kv = 'opentelemetry.proto.common.v1.KeyValue';
const resource = 'opentelemetry.proto.resource.v1.Resource';
const scope = 'opentelemetry.proto.common.v1.InstrumentationScope';

const trace = {
  ResourceSpans: {
    fields: {
      resource: field(resource, 1),
      scopeSpans: field('ScopeSpans', 2, 'repeated'),
      schemaUrl: field('string', 3),
    },
  },
  ScopeSpans: {
    fields: { scope: field(scope, 1), spans: field('Span', 2, 'repeated'), schemaUrl: field('string', 3) },
  },
  Span: {
    fields: {
      traceId: field('bytes', 1),
      spanId: field('bytes', 2),
      traceState: field('string', 3),
      parentSpanId: field('bytes', 4),
      flags: field('fixed32', 16),
      name: field('string', 5),
      kind: field('int32', 6),
      startTimeUnixNano: field('fixed64', 7),
      endTimeUnixNano: field('fixed64', 8),
      attributes: field(kv, 9, 'repeated'),
      droppedAttributesCount: field('uint32', 10),
      events: field('Event', 11, 'repeated'),
      droppedEventsCount: field('uint32', 12),
      links: field('Link', 13, 'repeated'),
      droppedLinksCount: field('uint32', 14),
      status: field('Status', 15),
    },
    nested: {
      Event: {
        fields: {
          timeUnixNano: field('fixed64', 1),
          name: field('string', 2),
          attributes: field(kv, 3, 'repeated'),
          droppedAttributesCount: field('uint32', 4),
        },
      },
      Link: {
        fields: {
          traceId: field('bytes', 1),
          spanId: field('bytes', 2),
          traceState: field('string', 3),
          attributes: field(kv, 4, 'repeated'),
          droppedAttributesCount: field('uint32', 5),
          flags: field('fixed32', 6),
        },
      },
    },
  },
  Status: { fields: { message: field('string', 2), code: field('int32', 3) } },
};

const numberDataPoint = {
  oneofs: { value: { oneof: ['asDouble', 'asInt'] } },
  fields: {
    attributes: field(kv, 7, 'repeated'),
    startTimeUnixNano: field('fixed64', 2),
    timeUnixNano: field('fixed64', 3),
    asDouble: field('double', 4),
    asInt: field('sfixed64', 6),
    exemplars: field('bytes', 5, 'repeated'),
    flags: field('uint32', 8),
  },
};

const metrics = {
  ResourceMetrics: {
    fields: {
      resource: field(resource, 1),
      scopeMetrics: field('ScopeMetrics', 2, 'repeated'),
      schemaUrl: field('string', 3),
    },
  },
  ScopeMetrics: {
    fields: {
      scope: field(scope, 1),
      metrics: field('Metric', 2, 'repeated'),
      schemaUrl: field('string', 3),
    },
  },
  Metric: {
    oneofs: { data: { oneof: ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] } },
    fields: {
      name: field('string', 1),
      description: field('string', 2),
      unit: field('string', 3),
      gauge: field('Gauge', 5),
      sum: field('Sum', 7),
      histogram: field('Histogram', 9),
      exponentialHistogram: field('bytes', 10),
      summary: field('bytes', 11),
      metadata: field(kv, 12, 'repeated'),
    },
  },
  Gauge: { fields: { dataPoints: field('NumberDataPoint', 1, 'repeated') } },
  Sum: {
    fields: {
      dataPoints: field('NumberDataPoint', 1, 'repeated'),
      aggregationTemporality: field('int32', 2),
      isMonotonic: field('bool', 3),
    },
  },
  Histogram: {
    fields: {
      dataPoints: field('HistogramDataPoint', 1, 'repeated'),
      aggregationTemporality: field('int32', 2),
    },
  },
  NumberDataPoint: numberDataPoint,
  HistogramDataPoint: {
    fields: {
      attributes: field(kv, 9, 'repeated'),
      startTimeUnixNano: field('fixed64', 2),
      timeUnixNano: field('fixed64', 3),
      count: field('fixed64', 4),
      sum: field('double', 5),
      bucketCounts: field('fixed64', 6, 'repeated'),
      explicitBounds: field('double', 7, 'repeated'),
      exemplars: field('bytes', 8, 'repeated'),
      flags: field('uint32', 10),
      min: field('double', 11),
      max: field('double', 12),
    },
  },
};

const logs = {
  ResourceLogs: {
    fields: {
      resource: field(resource, 1),
      scopeLogs: field('ScopeLogs', 2, 'repeated'),
      schemaUrl: field('string', 3),
    },
  },
  ScopeLogs: {
    fields: {
      scope: field(scope, 1),
      logRecords: field('LogRecord', 2, 'repeated'),
      schemaUrl: field('string', 3),
    },
  },
  LogRecord: {
    fields: {
      timeUnixNano: field('fixed64', 1),
      observedTimeUnixNano: field('fixed64', 11),
      severityNumber: field('int32', 2),
      severityText: field('string', 3),
      body: field('opentelemetry.proto.common.v1.AnyValue', 5),
      attributes: field(kv, 6, 'repeated'),
      droppedAttributesCount: field('uint32', 7),
      flags: field('fixed32', 8),
      traceId: field('bytes', 9),
      spanId: field('bytes', 10),
      eventName: field('string', 12),
    },
  },
};

const service = (
  signal: string,
  request: string,
  itemsField: string,
  itemsType: string,
  rejected: string,
) => ({
  [`Export${request}ServiceRequest`]: { fields: { [itemsField]: field(itemsType, 1, 'repeated') } },
  [`Export${request}ServiceResponse`]: {
    fields: { partialSuccess: field(`Export${request}PartialSuccess`, 1) },
  },
  [`Export${request}PartialSuccess`]: {
    fields: { [rejected]: field('int64', 1), errorMessage: field('string', 2) },
  },
  [`${request}Service`]: {
    methods: {
      Export: {
        requestType: `Export${request}ServiceRequest`,
        responseType: `Export${request}ServiceResponse`,
      },
    },
  },
  signal,
});

function withoutSignal(definition: Record<string, unknown>): Record<string, unknown> {
  const { signal: _signal, ...rest } = definition;
  return rest;
}

/** The descriptor, nested by package as protobufjs expects. */
export const otlpDescriptor = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: { nested: { v1: { nested: common } } },
            resource: {
              nested: {
                v1: {
                  nested: {
                    Resource: {
                      fields: {
                        attributes: field(kv, 1, 'repeated'),
                        droppedAttributesCount: field('uint32', 2),
                      },
                    },
                  },
                },
              },
            },
            trace: { nested: { v1: { nested: trace } } },
            metrics: { nested: { v1: { nested: metrics } } },
            logs: { nested: { v1: { nested: logs } } },
            collector: {
              nested: {
                trace: {
                  nested: {
                    v1: {
                      nested: withoutSignal(
                        service(
                          'traces',
                          'Trace',
                          'resourceSpans',
                          'opentelemetry.proto.trace.v1.ResourceSpans',
                          'rejectedSpans',
                        ),
                      ),
                    },
                  },
                },
                metrics: {
                  nested: {
                    v1: {
                      nested: withoutSignal(
                        service(
                          'metrics',
                          'Metrics',
                          'resourceMetrics',
                          'opentelemetry.proto.metrics.v1.ResourceMetrics',
                          'rejectedDataPoints',
                        ),
                      ),
                    },
                  },
                },
                logs: {
                  nested: {
                    v1: {
                      nested: withoutSignal(
                        service(
                          'logs',
                          'Logs',
                          'resourceLogs',
                          'opentelemetry.proto.logs.v1.ResourceLogs',
                          'rejectedLogRecords',
                        ),
                      ),
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** The slice of protobufjs the tests use. */
export interface ProtoType {
  decode(buffer: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): unknown;
  toObject(message: unknown, options: Record<string, unknown>): Record<string, unknown>;
}
interface ProtoRoot {
  lookupType(name: string): ProtoType;
}
interface Protobufjs {
  Root: { fromJSON(json: unknown): ProtoRoot };
}

/**
 * protobufjs is installed as a dependency of @grpc/proto-loader, itself a dependency of @grpc/grpc-js
 * (our dev dependency); pnpm keeps it out of our own node_modules, so resolve it along that chain.
 */
function loadProtobufjs(): Protobufjs {
  const fromHere = createRequire(import.meta.url);
  const fromGrpc = createRequire(fromHere.resolve('@grpc/grpc-js'));
  const fromLoader = createRequire(fromGrpc.resolve('@grpc/proto-loader'));
  return fromLoader('protobufjs') as Protobufjs;
}

let root: ProtoRoot | undefined;

/** Looks up a message type, e.g. `opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest`. */
export function otlpType(name: string): ProtoType {
  root ??= loadProtobufjs().Root.fromJSON(otlpDescriptor);
  return root.lookupType(name);
}
