import { isIPv4, isIPv6 } from 'node:net';

/** `[seconds, nanoseconds]`, as the OpenTelemetry SDK records times. */
export type HrTime = readonly [number, number];

// `unknown`, as in @opentelemetry/api 1.10: attribute values are checked where they are read.
type AttributeValue = unknown;
type Attributes = Readonly<Record<string, AttributeValue>>;

/**
 * The parts of an SDK `ReadableSpan` the mapping reads. Declared here so the package's public types do
 * not depend on `@opentelemetry/sdk-trace`; every `ReadableSpan` satisfies it.
 */
export interface ZipkinSourceSpan {
  readonly name: string;
  /** `SpanKind`: 0 internal, 1 server, 2 client, 3 producer, 4 consumer. */
  readonly kind: number;
  spanContext(): { readonly traceId: string; readonly spanId: string };
  readonly parentSpanContext?: { readonly spanId: string } | undefined;
  readonly startTime: HrTime;
  readonly duration: HrTime;
  readonly attributes: Attributes;
  /** `SpanStatusCode`: 0 unset, 1 ok, 2 error. */
  readonly status: { readonly code: number; readonly message?: string | undefined };
  readonly events: readonly {
    readonly name: string;
    readonly time: HrTime;
    readonly attributes?: Attributes;
  }[];
  readonly resource: { readonly attributes: Attributes };
  readonly instrumentationScope: { readonly name: string; readonly version?: string | undefined };
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** An `Endpoint` of the Zipkin v2 API (zipkin2-api.yaml). */
export interface ZipkinEndpointV2 {
  readonly serviceName?: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly port?: number;
}

/** A `Span` of the Zipkin v2 API (zipkin2-api.yaml), as POSTed to `/api/v2/spans`. */
export interface ZipkinSpanV2 {
  readonly traceId: string;
  readonly id: string;
  readonly parentId?: string;
  readonly name: string;
  readonly kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  /** Epoch microseconds, an integer. */
  readonly timestamp: number;
  /** Microseconds, an integer ≥ 1 (the API rounds shorter durations up). */
  readonly duration: number;
  readonly localEndpoint: ZipkinEndpointV2;
  readonly remoteEndpoint?: ZipkinEndpointV2;
  readonly annotations?: readonly { readonly timestamp: number; readonly value: string }[];
  readonly tags: Readonly<Record<string, string>>;
}

const zipkinKinds = [undefined, 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
const statusNames = ['UNSET', 'OK', 'ERROR'] as const;
const statusError = 2;
const fallbackServiceName = 'unknown_service';

function microseconds(time: HrTime): number {
  return Math.round(time[0] * 1_000_000 + time[1] / 1_000);
}

function tagValue(value: AttributeValue): string {
  // The OpenTelemetry Zipkin mapping: arrays become JSON lists, everything else its string form.
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

function addTags(tags: Record<string, string>, attributes: Attributes): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) tags[key] = tagValue(value);
  }
}

function text(value: AttributeValue): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function port(value: AttributeValue): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 && number <= 65_535
    ? number
    : undefined;
}

function ipFields(address: string | undefined): Pick<ZipkinEndpointV2, 'ipv4' | 'ipv6'> | undefined {
  if (address === undefined) return undefined;
  // Zipkin prefers the ipv4 field for IPv4-mapped IPv6 addresses (what Node reports on dual-stack sockets).
  const mapped = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(mapped)) return { ipv4: mapped };
  if (isIPv6(address)) return { ipv6: address };
  return undefined;
}

/**
 * The other side of the connection (the API: "CLIENT: remoteEndpoint represents the server, SERVER: the
 * client; leave serviceName absent if unknown"). Client and producer spans take the peer from
 * `server.address`/`server.port`, server and consumer spans from `client.address`/`client.port`;
 * `network.peer.*` fills what is missing and `peer.service` names the peer. Undefined when nothing is known.
 */
export function remoteEndpointOf(kind: number, attributes: Attributes): ZipkinEndpointV2 | undefined {
  const outgoing = kind === 2 || kind === 3;
  const incoming = kind === 1 || kind === 4;
  if (!outgoing && !incoming) return undefined;
  const address = text(outgoing ? attributes['server.address'] : attributes['client.address']);
  const peerAddress = text(attributes['network.peer.address']);
  const ip = ipFields(address) ?? ipFields(peerAddress);
  // A host name identifies the server a client called; a client's host name is not a service name.
  const named = text(attributes['peer.service']) ?? (outgoing && !ipFields(address) ? address : undefined);
  const remotePort =
    port(outgoing ? attributes['server.port'] : attributes['client.port']) ??
    port(attributes['network.peer.port']);
  const endpoint: ZipkinEndpointV2 = {
    ...(named === undefined ? {} : { serviceName: named.toLowerCase() }),
    ...ip,
    ...(remotePort === undefined ? {} : { port: remotePort }),
  };
  return Object.keys(endpoint).length === 0 ? undefined : endpoint;
}

/**
 * Maps one finished span to Zipkin v2 JSON, following the OpenTelemetry → Zipkin mapping: kind, parent,
 * integer microsecond timestamp and duration (≥ 1), attributes and resource attributes as string tags
 * (span attributes win), `otel.status_code` and `error` for the status, `otel.scope.*`, dropped counts,
 * events as annotations (`name`, or `name {"attr":"value"}` when the event has attributes), and the
 * remote endpoint from {@link remoteEndpointOf}. `serviceName` overrides the resource's `service.name`.
 */
export function convertToZipkinSpan(span: ZipkinSourceSpan, serviceName?: string): ZipkinSpanV2 {
  const context = span.spanContext();
  const tags: Record<string, string> = {};
  addTags(tags, span.resource.attributes);
  addTags(tags, span.attributes);
  if (span.status.code !== 0) tags['otel.status_code'] = statusNames[span.status.code] ?? 'UNSET';
  if (span.status.code === statusError) tags.error = span.status.message ?? '';
  tags['otel.scope.name'] = span.instrumentationScope.name;
  if (span.instrumentationScope.version) tags['otel.scope.version'] = span.instrumentationScope.version;
  if (span.droppedAttributesCount)
    tags['otel.dropped_attributes_count'] = String(span.droppedAttributesCount);
  if (span.droppedEventsCount) tags['otel.dropped_events_count'] = String(span.droppedEventsCount);
  if (span.droppedLinksCount) tags['otel.dropped_links_count'] = String(span.droppedLinksCount);

  const localServiceName =
    serviceName ?? text(span.resource.attributes['service.name']) ?? fallbackServiceName;
  const kind = zipkinKinds[span.kind];
  const remoteEndpoint = remoteEndpointOf(span.kind, span.attributes);
  const annotations = span.events.map((event) => ({
    timestamp: microseconds(event.time),
    value:
      event.attributes && Object.keys(event.attributes).length > 0
        ? `${event.name} ${JSON.stringify(event.attributes)}`
        : event.name,
  }));
  return {
    traceId: context.traceId,
    id: context.spanId,
    ...(span.parentSpanContext?.spanId ? { parentId: span.parentSpanContext.spanId } : {}),
    name: span.name,
    ...(kind === undefined ? {} : { kind }),
    timestamp: microseconds(span.startTime),
    duration: Math.max(1, microseconds(span.duration)),
    localEndpoint: { serviceName: localServiceName.toLowerCase() },
    ...(remoteEndpoint === undefined ? {} : { remoteEndpoint }),
    ...(annotations.length > 0 ? { annotations } : {}),
    tags,
  };
}
