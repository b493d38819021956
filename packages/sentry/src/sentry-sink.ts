import { hostname } from 'node:os';
import { redactValue } from '@mcp-o11y/core';
import type { NodeClient } from '@sentry/node';
import type { SentryLogItem } from './convert-to-breadcrumb.js';
import type { SentryErrorEventJson, StackFrame } from './convert-to-error-event.js';
import type { EventCommon, SentryTransactionEvent } from './convert-to-transaction.js';
import type { ResolvedSentryOptions, SentryErrorEvent } from './sentry-options.js';

type SentryModule = typeof import('@sentry/node');
type Envelope = Parameters<NodeClient['sendEnvelope']>[0];

/**
 * Why Sentry did not take an envelope, or undefined when it did. The client's `sendEnvelope` never
 * rejects: it resolves with the HTTP response (any status), or with `{}` when nothing was sent (a network
 * error, a rate limit still in force, the transport's queue full). Pure.
 */
export function envelopeNotAccepted(response: unknown): string | undefined {
  const status = (response as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status !== 'number')
    return 'not sent (network error, rate limit in force or transport queue full)';
  return status >= 200 && status < 300 ? undefined : `Sentry answered HTTP ${status}`;
}

function checkAccepted(response: unknown): unknown {
  const reason = envelopeNotAccepted(response);
  if (reason !== undefined) throw new Error(`[@mcp-o11y/sentry] envelope not accepted: ${reason}.`);
  return response;
}

/** The event fields core's redactor runs over in `beforeSend` (not `sdkProcessingMetadata`: it holds the DSC). */
const redactedFields = [
  'message',
  'exception',
  'breadcrumbs',
  'contexts',
  'tags',
  'extra',
  'request',
  'user',
];

/** Core's redaction over an error event, before the user's `beforeSend`. Pure apart from the copy. */
export function redactErrorEvent<Event extends Record<string, unknown>>(event: Event): Event {
  const copy: Record<string, unknown> = { ...event };
  for (const field of redactedFields) {
    if (copy[field] !== undefined) copy[field] = redactValue(copy[field]);
  }
  return copy as Event;
}

/**
 * The one Sentry client of an adapter instance, made WITHOUT `Sentry.init`: no global client, no
 * integrations (nothing patched, nothing written to stdout), no OpenTelemetry set-up, no diagnostics
 * channel injection, no client-report timer. It is used for its transport (rate limits, proxies, the
 * DSN's auth) and its event pipeline for errors (`beforeSend`, `sampleRate`).
 */
export class SentrySink {
  readonly common: EventCommon;
  readonly parseStack: (stack: string) => StackFrame[];
  readonly #client: NodeClient;
  readonly #scope: InstanceType<SentryModule['Scope']>;
  readonly #options: ResolvedSentryOptions;
  readonly #publicKey: string;
  #closed = false;

  constructor(sentry: SentryModule, options: ResolvedSentryOptions & { dsn: string }) {
    this.#options = options;
    const serverName = options.serverName ?? hostname();
    this.common = { environment: options.environment, release: options.release, serverName };
    const userBeforeSend = options.beforeSend;
    this.#client = new sentry.NodeClient({
      dsn: options.dsn,
      environment: options.environment,
      ...(options.release === undefined ? {} : { release: options.release }),
      serverName,
      sampleRate: options.sampleRate,
      integrations: [],
      transport: sentry.makeNodeTransport,
      stackParser: sentry.defaultStackParser,
      enableOpenTelemetrySetup: false,
      enableRuntimeChannelInjection: false,
      traceLifecycle: 'static',
      sendClientReports: false,
      beforeSend: (event) => {
        const redacted = redactErrorEvent(event as unknown as SentryErrorEvent);
        return (userBeforeSend === undefined ? redacted : userBeforeSend(redacted)) as never;
      },
    });
    this.#scope = new sentry.Scope();
    this.#publicKey = this.#client.getDsn()?.publicKey ?? '';
    const parser = sentry.defaultStackParser;
    this.parseStack = (stack) => parser(stack) as unknown as StackFrame[];
  }

  /** Queues an error event through the client's pipeline (`beforeSend` with core's redaction, `sampleRate`). */
  captureError(event: SentryErrorEventJson, traceSampled: boolean): void {
    if (this.#closed) return;
    this.#client.captureEvent(
      {
        ...event,
        // The trace's dynamic sampling context, so Sentry links the event to the trace.
        sdkProcessingMetadata: {
          dynamicSamplingContext: this.#dsc(String(event.contexts.trace.trace_id), traceSampled),
        },
      } as never,
      undefined,
      this.#scope,
    );
  }

  /**
   * Sends one transaction envelope. The event is built from spans core already redacted, so it skips the
   * client's per-event processing; the transport still applies Sentry's rate limits. Rejects when Sentry
   * did not take it (see {@link envelopeNotAccepted}), so the exporter can report the loss.
   */
  sendTransaction(event: SentryTransactionEvent): Promise<unknown> {
    if (this.#closed) return Promise.resolve();
    const envelope = [
      {
        event_id: event.event_id,
        sent_at: new Date().toISOString(),
        ...this.#sdkHeader(),
        trace: this.#dsc(event.contexts.trace.trace_id, true, event.transaction),
      },
      [[{ type: 'transaction' }, event]],
    ];
    return Promise.resolve(this.#client.sendEnvelope(envelope as unknown as Envelope)).then(checkAccepted);
  }

  /** Sends a batch of Sentry logs as one `log` container envelope. */
  sendLogs(items: readonly SentryLogItem[]): Promise<unknown> {
    if (this.#closed || items.length === 0) return Promise.resolve();
    const envelope = [
      this.#sdkHeader(),
      [
        [
          { type: 'log', item_count: items.length, content_type: 'application/vnd.sentry.items.log+json' },
          { version: 2, items },
        ],
      ],
    ];
    return Promise.resolve(this.#client.sendEnvelope(envelope as unknown as Envelope));
  }

  /** Waits for queued events and envelopes, up to the flush timeout. */
  async flush(): Promise<void> {
    await this.#client.flush(this.#options.flushTimeoutMs);
  }

  /** Flushes, then closes the client (removes its `beforeExit` listener). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.close(this.#options.flushTimeoutMs);
  }

  #sdkHeader(): { sdk?: { name: string; version: string } } {
    const sdk = this.#client.getSdkMetadata()?.sdk;
    return sdk?.name === undefined || sdk.version === undefined
      ? {}
      : { sdk: { name: sdk.name, version: sdk.version } };
  }

  #dsc(traceId: string, sampled: boolean, transaction?: string): Record<string, string> {
    const dsc: Record<string, string> = {
      trace_id: traceId,
      public_key: this.#publicKey,
      environment: this.#options.environment,
      sample_rate: String(this.#options.tracesSampleRate),
      sampled: String(sampled),
    };
    if (this.#options.release !== undefined) dsc.release = this.#options.release;
    if (transaction !== undefined) dsc.transaction = transaction;
    return dsc;
  }
}
