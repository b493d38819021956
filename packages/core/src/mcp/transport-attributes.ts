import { type Context, createContextKey } from '@opentelemetry/api';
import {
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from './semantic-conventions.js';

/** What the Node HTTP request of the current message told us; carried in the OpenTelemetry context. */
export interface HttpRequestInfo {
  readonly httpVersion: string | undefined;
  readonly clientAddress: string | undefined;
  readonly clientPort: number | undefined;
}

/** Context key under which a wrapped `handleRequest` leaves the Node request's details for `onmessage`. */
export const HTTP_REQUEST_INFO_KEY = createContextKey('@mcp-o11y/core http request info');

/** The HTTP details of the message being delivered, if a wrapped Node handler saw them. */
export function httpInfoOf(context: Context): HttpRequestInfo | undefined {
  return context.getValue(HTTP_REQUEST_INFO_KEY) as HttpRequestInfo | undefined;
}

/** Reads the details the semconv wants from a Node `IncomingMessage`-shaped object. */
export function httpInfoFromNodeRequest(request: unknown): HttpRequestInfo | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const { httpVersion, socket } = request as {
    httpVersion?: unknown;
    socket?: { remoteAddress?: unknown; remotePort?: unknown };
  };
  if (typeof httpVersion !== 'string' && socket === undefined) return undefined;
  return {
    // semconv wants "2", not "2.0", and "1.1" as is.
    httpVersion: typeof httpVersion === 'string' ? (httpVersion === '2.0' ? '2' : httpVersion) : undefined,
    clientAddress: typeof socket?.remoteAddress === 'string' ? socket.remoteAddress : undefined,
    clientPort: typeof socket?.remotePort === 'number' ? socket.remotePort : undefined,
  };
}

/**
 * `network.transport` and, for HTTP, `network.protocol.name` of a transport, told apart by shape (no
 * constructor names: bundlers rename classes and subclasses exist): stdio transports hold a child
 * process or std streams, HTTP ones a URL, an endpoint or a web-standard core.
 */
export function transportAttributesOf(transport: object): Record<string, string | number> {
  const t = transport as Record<string, unknown>;
  if ('_stdin' in t || '_stdout' in t || '_serverParams' in t || '_process' in t) {
    return { [ATTR_NETWORK_TRANSPORT]: 'pipe' };
  }
  if (
    '_url' in t ||
    '_endpoint' in t ||
    '_webStandardTransport' in t ||
    '_streamMapping' in t ||
    '_classification' in t
  ) {
    const attributes: Record<string, string | number> = {
      [ATTR_NETWORK_TRANSPORT]: 'tcp',
      [ATTR_NETWORK_PROTOCOL_NAME]: 'http',
    };
    const url = t._url;
    if (url instanceof URL) {
      attributes[ATTR_SERVER_ADDRESS] = url.hostname;
      attributes[ATTR_SERVER_PORT] =
        url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    }
    return attributes;
  }
  return {};
}

/** Adds what a message's `extra` reveals (an HTTP request) to the transport attributes. */
export function withHttpExtra(
  attributes: Record<string, string | number>,
  extra: unknown,
  info: HttpRequestInfo | undefined,
): Record<string, string | number> {
  const hasHttp =
    info !== undefined ||
    (typeof extra === 'object' &&
      extra !== null &&
      ((extra as { requestInfo?: unknown }).requestInfo !== undefined ||
        (extra as { request?: unknown }).request !== undefined));
  if (!hasHttp) return attributes;
  const next: Record<string, string | number> = {
    ...attributes,
    [ATTR_NETWORK_TRANSPORT]: 'tcp',
    [ATTR_NETWORK_PROTOCOL_NAME]: 'http',
  };
  if (info?.httpVersion !== undefined) next[ATTR_NETWORK_PROTOCOL_VERSION] = info.httpVersion;
  return next;
}

const serverMetricKeys = [ATTR_NETWORK_TRANSPORT, ATTR_NETWORK_PROTOCOL_NAME, ATTR_NETWORK_PROTOCOL_VERSION];
const clientMetricKeys = [...serverMetricKeys, ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT];

/**
 * The subset that goes on metrics, and its cache key: network attributes, plus `server.address` and
 * `server.port` on the client side (semconv; one server per connection). Never client addresses.
 */
export function metricTransportAttributes(
  attributes: Record<string, string | number>,
  clientSide: boolean,
): { attributes: Record<string, string | number>; key: string } {
  const result: Record<string, string | number> = {};
  for (const name of clientSide ? clientMetricKeys : serverMetricKeys) {
    const value = attributes[name];
    if (value !== undefined) result[name] = value;
  }
  return { attributes: result, key: Object.values(result).join('|') };
}
