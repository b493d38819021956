import { gunzipSync } from 'node:zlib';
import { azureMonitor } from '@mcp-o11y/azure-monitor';
import type { AdapterV1 } from '@mcp-o11y/core';
import { jaeger } from '@mcp-o11y/jaeger';
import { otlp } from '@mcp-o11y/otlp';
import { sentry } from '@mcp-o11y/sentry';
import type { ReceivedRequest, ReceiverResponse } from '@mcp-o11y/testkit';
import { zipkin } from '@mcp-o11y/zipkin';
import { decodeHttpRequest } from '../../../../packages/otlp/test/decode-otlp.ts';
import { parseEnvelope } from '../../../../packages/sentry/test/envelope-receiver.ts';
import { zipkinV2Violations } from '../../../../packages/zipkin/test/zipkin-v2-schema.ts';

/** Per-request timeout given to every adapter that has one: a hung backend costs this much per export. */
export const EXPORT_TIMEOUT_MS = 500;

/** What a backend took from one request: the span ids it holds now, and its answer. */
export interface Accepted {
  readonly spanIds: readonly string[];
  readonly response: ReceiverResponse;
}

/** A trace backend: how to point its adapter at a local server, and how that server decodes a request. */
export interface TraceBackend {
  /** Table label. */
  readonly name: string;
  /** Adapter id, as `diagnostics()` and `mcp_o11y.exporter.dropped{adapter}` name it. */
  readonly id: string;
  /** The adapter, exporting to `baseUrl`; `scratch` is an empty directory of the scenario's own. */
  readonly adapter: (baseUrl: string, scratch: string) => AdapterV1;
  /** Decodes one request with the backend's own schema; throws on anything malformed. */
  readonly accept: (request: ReceivedRequest) => Accepted;
  /**
   * False when one export is several requests (Sentry: an envelope per transaction): a batch that partly
   * arrived while the fault began or ended is reported failed whole, so its arrived spans are counted too.
   */
  readonly atomicBatches?: false;
}

function otlpSpans(request: ReceivedRequest): Accepted {
  const decoded = decodeHttpRequest(request);
  if (decoded.signal !== 'traces') throw new Error(`unexpected OTLP ${decoded.signal} export`);
  const body = decoded.encoding === 'json' ? {} : new Uint8Array();
  return {
    spanIds: decoded.spans.map((span) => span.spanId),
    response: {
      status: 200,
      headers: {
        'content-type': decoded.encoding === 'json' ? 'application/json' : 'application/x-protobuf',
      },
      body,
    },
  };
}

/** Sentry transactions: the segment root's span id, then every child's. */
function sentrySpans(request: ReceivedRequest): Accepted {
  if (!request.path.startsWith('/api/1/envelope/')) throw new Error(`unexpected Sentry path ${request.path}`);
  const envelope = parseEnvelope(request);
  const spanIds: string[] = [];
  for (const item of envelope.items) {
    if (item.header.type !== 'transaction') continue;
    spanIds.push(String(item.payload.contexts.trace.span_id));
    for (const child of item.payload.spans ?? []) spanIds.push(String(child.span_id));
  }
  return { spanIds, response: { status: 200, body: { id: envelope.header.event_id ?? '' } } };
}

interface AzureEnvelope {
  readonly name: string;
  readonly iKey: string;
  readonly data?: { readonly baseType?: string; readonly baseData?: { readonly id?: string } };
}

/** Application Insights `/v2.1/track`: gzip, a JSON array or JSON lines; answered like Breeze. */
function azureSpans(request: ReceivedRequest): Accepted {
  if (!request.path.includes('/track')) throw new Error(`unexpected Azure path ${request.path}`);
  const raw = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
  const text = raw.toString('utf8').trim();
  const envelopes = (
    text.startsWith('[') ? JSON.parse(text) : text.split('\n').map((line) => JSON.parse(line))
  ) as AzureEnvelope[];
  const spanIds: string[] = [];
  for (const envelope of envelopes) {
    if (typeof envelope.iKey !== 'string' || typeof envelope.data?.baseType !== 'string')
      throw new Error(`not an Application Insights envelope: ${JSON.stringify(envelope).slice(0, 120)}`);
    const id = envelope.data.baseData?.id;
    if (envelope.data.baseType === 'RequestData' || envelope.data.baseType === 'RemoteDependencyData') {
      if (typeof id !== 'string') throw new Error(`${envelope.data.baseType} without an id`);
      spanIds.push(id);
    }
  }
  return {
    spanIds,
    response: {
      status: 200,
      body: { itemsReceived: envelopes.length, itemsAccepted: envelopes.length, errors: [] },
    },
  };
}

function zipkinSpans(request: ReceivedRequest): Accepted {
  if (request.path !== '/api/v2/spans') throw new Error(`unexpected Zipkin path ${request.path}`);
  const body: unknown = request.json();
  const violations = zipkinV2Violations(body);
  if (violations.length > 0) throw new Error(`Zipkin v2 schema: ${violations.slice(0, 3).join('; ')}`);
  return { spanIds: (body as { id: string }[]).map((span) => span.id), response: { status: 202, body: '' } };
}

const INSTRUMENTATION_KEY = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

function azureConnectionString(baseUrl: string): string {
  return `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=${baseUrl.replace('http://', 'https://')}/`;
}

/**
 * The Application Insights exporter accepts https ingestion endpoints only; the adapter's `fetch` option
 * (there for proxies and tests) carries its requests to the plain-http fault server instead.
 */
function toPlainHttp(baseUrl: string): typeof globalThis.fetch {
  const secure = baseUrl.replace('http://', 'https://');
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return globalThis.fetch(url.replace(secure, baseUrl), init);
  };
}

/** Every network trace backend of the project, OTLP over HTTP as users configure it most. */
export const TRACE_BACKENDS: readonly TraceBackend[] = [
  {
    name: 'otlp (http/protobuf)',
    id: 'otlp',
    adapter: (baseUrl) =>
      otlp({
        endpoint: baseUrl,
        protocol: 'http/protobuf',
        timeoutMs: EXPORT_TIMEOUT_MS,
        metrics: false,
        logs: false,
      }),
    accept: otlpSpans,
  },
  {
    name: 'zipkin (v2 json)',
    id: 'zipkin',
    adapter: (baseUrl) => zipkin({ url: `${baseUrl}/api/v2/spans`, timeoutMs: EXPORT_TIMEOUT_MS }),
    accept: zipkinSpans,
  },
  {
    name: 'jaeger (otlp)',
    id: 'jaeger',
    adapter: (baseUrl) =>
      jaeger({ mode: 'otlp', endpoint: `${baseUrl}/v1/traces`, timeoutMs: EXPORT_TIMEOUT_MS }),
    accept: otlpSpans,
  },
  {
    name: 'sentry',
    id: 'sentry',
    adapter: (baseUrl) =>
      sentry({ dsn: baseUrl.replace('http://', 'http://publickey@').concat('/1'), tracesSampleRate: 1 }),
    accept: sentrySpans,
    atomicBatches: false,
  },
  {
    name: 'azure-monitor',
    id: 'azure-monitor',
    // The default: what ingestion did not take goes to disk and is sent again once it is back.
    adapter: (baseUrl, scratch) =>
      azureMonitor({
        connectionString: azureConnectionString(baseUrl),
        offlineStorage: { directory: scratch, retryIntervalMillis: 300 },
        signals: { traces: true, metrics: false, logs: false },
        timeoutMillis: EXPORT_TIMEOUT_MS,
        maxRetries: 1,
        fetch: toPlainHttp(baseUrl),
      }),
    accept: azureSpans,
  },
  {
    name: 'azure-monitor (no offline storage)',
    id: 'azure-monitor',
    adapter: (baseUrl) =>
      azureMonitor({
        connectionString: azureConnectionString(baseUrl),
        offlineStorage: false,
        signals: { traces: true, metrics: false, logs: false },
        timeoutMillis: EXPORT_TIMEOUT_MS,
        maxRetries: 1,
        fetch: toPlainHttp(baseUrl),
      }),
    accept: azureSpans,
  },
];
