import { postJson } from '@mcp-o11y/core';
import { convertToZipkinSpan, type ZipkinSourceSpan } from './convert-to-zipkin-span.js';
import type { ResolvedZipkinOptions } from './zipkin-options.js';

/** The SDK's `ExportResult`: code 0 is success, 1 is failure. */
export interface ZipkinExportResult {
  readonly code: 0 | 1;
  readonly error?: Error;
}

const packageName = '@mcp-o11y/zipkin';
// Each request is bounded by timeoutMs alone; shutdown waits for them rather than cutting them off.
const neverAborted = new AbortController().signal;

function failed(message: string): ZipkinExportResult {
  return { code: 1, error: new Error(`[${packageName}] ${message}`) };
}

/**
 * A span exporter that POSTs Zipkin v2 JSON with the injected `fetch` and a per-request timeout. Core
 * batches it (bounded queue) and counts failed exports; this class never retries or buffers itself, so a
 * slow or dead Zipkin costs at most one request per batch, never the caller's latency.
 */
export class ZipkinSpanExporter {
  readonly #options: ResolvedZipkinOptions;
  readonly #inFlight = new Set<Promise<void>>();
  #shutDown = false;

  constructor(options: ResolvedZipkinOptions) {
    this.#options = options;
  }

  /** Sends one batch; `done` is called exactly once with the outcome. */
  export(spans: readonly ZipkinSourceSpan[], done: (result: ZipkinExportResult) => void): void {
    if (this.#shutDown) {
      done(failed('the exporter is shut down; spans after shutdown are dropped.'));
      return;
    }
    if (spans.length === 0) {
      done({ code: 0 });
      return;
    }
    let body: string;
    try {
      body = JSON.stringify(spans.map((span) => convertToZipkinSpan(span, this.#options.serviceName)));
    } catch (error) {
      done(failed(`could not convert spans to Zipkin JSON: ${String(error)}`));
      return;
    }
    const sending = this.#send(body).then(done, (error: unknown) =>
      done(failed(`unexpected send failure: ${String(error)}`)),
    );
    this.#inFlight.add(sending);
    void sending.finally(() => this.#inFlight.delete(sending));
  }

  /** Resolves once every request already started has settled (each is bounded by `timeoutMs`). */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }

  /** Refuses further exports and waits for the requests in flight. Idempotent. */
  async shutdown(): Promise<void> {
    this.#shutDown = true;
    await this.forceFlush();
  }

  async #send(body: string): Promise<ZipkinExportResult> {
    const { fetch, url, headers, timeoutMs } = this.#options;
    const outcome = await postJson({ fetch, url, headers, body, timeoutMs, signal: neverAborted });
    if (outcome.kind === 'no-response') {
      // postJson's reason names the failure (timeout, ECONNREFUSED), never the URL or headers.
      const reason = 'reason' in outcome.result ? outcome.result.reason : outcome.failure;
      return failed(`no answer from Zipkin: ${reason}; check the url or OTEL_EXPORTER_ZIPKIN_ENDPOINT.`);
    }
    if (outcome.status >= 200 && outcome.status < 300) return { code: 0 };
    return failed(
      `Zipkin answered HTTP ${outcome.status}; this batch is dropped (core counts it). Is the URL the /api/v2/spans endpoint?`,
    );
  }
}
