import type { AzureMonitorExporterOptions } from '@azure/monitor-opentelemetry-exporter';

/** The Azure SDK's `HttpClient` (`@azure/core-rest-pipeline`), reached through the exporter's options. */
export type AzureHttpClient = NonNullable<AzureMonitorExporterOptions['httpClient']>;
type PipelineRequest = Parameters<AzureHttpClient['sendRequest']>[0];
type PipelineResponse = Awaited<ReturnType<AzureHttpClient['sendRequest']>>;
type AzureHttpHeaders = PipelineResponse['headers'];

/** `HttpHeaders` of core-rest-pipeline over a plain map (names are case-insensitive). */
function createHeaders(from: Iterable<[string, string]>): AzureHttpHeaders {
  const map = new Map<string, { name: string; value: string }>();
  for (const [name, value] of from) map.set(name.toLowerCase(), { name, value });
  const headers: AzureHttpHeaders = {
    get: (name) => map.get(name.toLowerCase())?.value,
    has: (name) => map.has(name.toLowerCase()),
    set: (name, value) => void map.set(name.toLowerCase(), { name, value: String(value) }),
    delete: (name) => void map.delete(name.toLowerCase()),
    toJSON: (options) => {
      const json: Record<string, string> = {};
      for (const [key, entry] of map) json[options?.preserveCase ? entry.name : key] = entry.value;
      return json;
    },
    [Symbol.iterator]: function* () {
      for (const [key, entry] of map) yield [key, entry.value] as [string, string];
    },
  };
  return headers;
}

/**
 * An error the Azure pipeline recognises (`isRestError` checks the name): `code` carries the system
 * error code (`ECONNREFUSED`…) so its retry policy and the exporter's offline storage treat a refused
 * connection as transient, as they do with their own node:https client.
 */
function restError(message: string, code: string, request: PipelineRequest): Error {
  return Object.assign(new Error(message), { name: 'RestError', code, request });
}

function bodyOf(request: PipelineRequest): string | Uint8Array | undefined {
  const body = request.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  // The exporter only ever sends a JSON string; anything else is a programming error worth surfacing.
  throw restError(`unsupported request body type ${typeof body}`, 'REQUEST_SEND_ERROR', request);
}

/**
 * undici (Node's fetch) names socket failures its own way; the exporter decides "transient: retry and
 * store" by the node:https codes. Without this a connection the backend dropped (`UND_ERR_SOCKET`) was
 * "not retriable": the live batch was dropped and a batch replayed from disk was lost without a trace.
 */
const nodeCodeOf: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ESOCKETTIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ESOCKETTIMEDOUT',
};

/** The system error code of a failed fetch, as node:https would report it; `REQUEST_SEND_ERROR` when none. */
export function networkErrorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code !== 'string') return 'REQUEST_SEND_ERROR';
  return nodeCodeOf[cause.code] ?? cause.code;
}

/**
 * Adapts a `fetch` to the Azure SDK's `HttpClient`, so ingestion goes through an injected fetch
 * (proxies, tests) instead of node:https. Honours the request's timeout and abort signal; network
 * failures become `RestError`s with the underlying code.
 */
export function createFetchHttpClient(fetchImplementation: typeof globalThis.fetch): AzureHttpClient {
  return {
    async sendRequest(request) {
      const signals: AbortSignal[] = [];
      if (request.abortSignal) signals.push(request.abortSignal as AbortSignal);
      if (request.timeout > 0) signals.push(AbortSignal.timeout(request.timeout));
      const headers: [string, string][] = [];
      for (const [name, value] of request.headers) headers.push([name, value]);
      let response: Response;
      try {
        response = await fetchImplementation(request.url, {
          method: request.method,
          headers,
          body: bodyOf(request),
          ...(signals.length === 0 ? {} : { signal: AbortSignal.any(signals) }),
        });
      } catch (error) {
        if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
          throw Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
        }
        const code = networkErrorCode(error);
        throw restError(`ingestion request failed (${code})`, code, request);
      }
      let bodyAsText: string;
      try {
        bodyAsText = await response.text();
      } catch (error) {
        // The connection dropped in the middle of the answer: as transient as dropping before it.
        const code = networkErrorCode(error);
        throw restError(`ingestion response failed (${code})`, code, request);
      }
      return {
        request,
        status: response.status,
        headers: createHeaders(response.headers.entries()),
        bodyAsText,
      };
    },
  };
}
