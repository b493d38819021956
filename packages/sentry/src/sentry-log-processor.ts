import type { LogsContributionV1 } from '@mcp-o11y/core';
import {
  convertToBreadcrumb,
  convertToLogItem,
  type HeldLogRecord,
  type SentryLogItem,
  severityOfLevel,
} from './convert-to-breadcrumb.js';
import type { SentryBreadcrumb } from './convert-to-error-event.js';
import type { SentryLogLevel } from './sentry-options.js';

type LogRecordProcessor = NonNullable<LogsContributionV1['processors']>[number];
type EmittedLogRecord = Parameters<LogRecordProcessor['onEmit']>[0];

/** Where Sentry logs go. */
export interface SentryLogSink {
  readonly common: { readonly environment: string; readonly release: string | undefined };
  sendLogs(items: readonly SentryLogItem[]): Promise<unknown>;
}

/** Options of {@link SentryLogProcessor}. */
export interface SentryLogProcessorOptions {
  /** Breadcrumbs per error event; 0 keeps none. */
  readonly maxBreadcrumbs: number;
  readonly breadcrumbLevel: SentryLogLevel;
  readonly enableLogs: boolean;
  readonly logLevel: SentryLogLevel;
  /** Sentry logs per envelope; a full batch is sent at once. Default 100. */
  readonly maxBatch?: number;
  /** How long a partial batch waits, ms. Default 5 000. */
  readonly delayMs?: number;
}

/**
 * The log side of the adapter. `onEmit` runs on the request path, so it only copies five fields into a
 * ring (for breadcrumbs) and a batch (for Sentry logs); conversion and redaction happen when an error
 * event is built or a batch is sent. The ring keeps four times `maxBreadcrumbs` records so a busy
 * server's other requests do not push out the breadcrumbs of a trace before its error event is built.
 */
export class SentryLogProcessor implements LogRecordProcessor {
  readonly #sink: SentryLogSink;
  readonly #options: SentryLogProcessorOptions;
  readonly #breadcrumbSeverity: number;
  readonly #logSeverity: number;
  readonly #ring: (HeldLogRecord | undefined)[];
  #next = 0;
  #batch: HeldLogRecord[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #sending = new Set<Promise<unknown>>();

  constructor(sink: SentryLogSink, options: SentryLogProcessorOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#breadcrumbSeverity = options.maxBreadcrumbs > 0 ? severityOfLevel[options.breadcrumbLevel] : 100;
    this.#logSeverity = options.enableLogs ? severityOfLevel[options.logLevel] : 100;
    this.#ring = new Array(options.maxBreadcrumbs * 4);
  }

  onEmit(record: EmittedLogRecord): void {
    const severity = record.severityNumber ?? 9;
    const crumb = severity >= this.#breadcrumbSeverity;
    const log = severity >= this.#logSeverity;
    if (!crumb && !log) return;
    const body = record.body;
    const held: HeldLogRecord = {
      timestamp: record.hrTime[0] + record.hrTime[1] / 1e9,
      severityNumber: severity,
      body: typeof body === 'string' ? body : safeJson(body),
      attributes: record.attributes,
      traceId: record.spanContext?.traceId,
      spanId: record.spanContext?.spanId,
    };
    if (crumb) {
      this.#ring[this.#next] = held;
      this.#next = (this.#next + 1) % this.#ring.length;
    }
    if (log) {
      this.#batch.push(held);
      if (this.#batch.length >= (this.#options.maxBatch ?? 100)) this.#sendBatch();
      else if (this.#timer === undefined) {
        this.#timer = setTimeout(() => this.#sendBatch(), this.#options.delayMs ?? 5_000);
        this.#timer.unref();
      }
    }
  }

  /**
   * Breadcrumbs for an error event of `traceId`: records of that trace and records outside any trace,
   * up to `untilSeconds`, oldest first, at most `maxBreadcrumbs`.
   */
  breadcrumbsFor(traceId: string, untilSeconds: number): SentryBreadcrumb[] {
    const length = this.#ring.length;
    const picked: HeldLogRecord[] = [];
    // Newest first, so the cap keeps the records closest to the failure.
    for (let offset = 1; offset <= length && picked.length < this.#options.maxBreadcrumbs; offset += 1) {
      const record = this.#ring[(this.#next - offset + length) % length];
      if (record === undefined) break;
      if (record.timestamp > untilSeconds + 0.001) continue;
      if (record.traceId === undefined || record.traceId === traceId) picked.push(record);
    }
    return picked.reverse().map(convertToBreadcrumb);
  }

  async forceFlush(): Promise<void> {
    this.#sendBatch();
    await Promise.all(this.#sending);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
  }

  #sendBatch(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    const items = batch.map((record) => convertToLogItem(record, this.#sink.common));
    const sending: Promise<unknown> = this.#sink
      .sendLogs(items)
      .catch(() => undefined)
      .finally(() => this.#sending.delete(sending));
    this.#sending.add(sending);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[Unserializable]';
  }
}
