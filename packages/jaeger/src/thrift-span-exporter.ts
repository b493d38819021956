import type { ResolvedJaegerOptions } from './jaeger-options.js';
import { withProcessEnv } from './with-process-env.js';

type ThriftOptions = Extract<ResolvedJaegerOptions, { mode: 'thrift-http' | 'thrift-udp' }>;

/** The SDK's `ExportResult`: code 0 is success, 1 is failure. */
export interface JaegerExportResult {
  readonly code: 0 | 1;
  readonly error?: Error;
}

/** What this wrapper needs of `@opentelemetry/exporter-jaeger`'s `JaegerExporter` (2.x). */
interface LegacyExporter {
  export(spans: never[], done: (result: { code: number; error?: Error }) => void): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

const packageName = '@mcp-o11y/jaeger';

function failed(message: string): JaegerExportResult {
  return { code: 1, error: new Error(`[${packageName}] ${message}`) };
}

/**
 * Wraps the legacy Jaeger Thrift exporter (OpenTelemetry JS 2.x line) so it behaves in core's 3.x
 * pipeline: the spans are handed over with a narrow cast (the 2.x exporter reads only fields both lines
 * share — verified by the Thrift decoding tests), every export settles within `timeoutMs` even when the
 * collector hangs (jaeger-client's HTTP sender has no request deadline), and exports after shutdown
 * fail instead of never calling back (the 2.x exporter silently drops them). `forceFlush` is bounded the
 * same way.
 */
export class ThriftSpanExporter {
  readonly #inner: LegacyExporter;
  readonly #timeoutMs: number;
  readonly #target: string;
  #shutDown = false;

  constructor(inner: LegacyExporter, timeoutMs: number, target: string) {
    this.#inner = inner;
    this.#timeoutMs = timeoutMs;
    this.#target = target;
  }

  export(spans: readonly unknown[], done: (result: JaegerExportResult) => void): void {
    if (this.#shutDown) {
      done(failed('the exporter is shut down; spans after shutdown are dropped.'));
      return;
    }
    let settled = false;
    const settle = (result: JaegerExportResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(result);
    };
    const timer = setTimeout(
      () =>
        settle(failed(`no answer from the Jaeger ${this.#target} within ${this.#timeoutMs} ms (timeoutMs).`)),
      this.#timeoutMs,
    );
    timer.unref();
    try {
      this.#inner.export([...spans] as never[], (result) =>
        settle(
          result.code === 0
            ? { code: 0 }
            : failed(
                `Thrift export to the Jaeger ${this.#target} failed: ${result.error?.message ?? 'unknown error'}`,
              ),
        ),
      );
    } catch (error) {
      settle(failed(`Thrift export threw: ${String(error)}`));
    }
  }

  /** Flushes jaeger-client's buffer; rejects after `timeoutMs` when the collector does not answer. */
  forceFlush(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `[${packageName}] flush to the Jaeger ${this.#target} took over ${this.#timeoutMs} ms.`,
            ),
          ),
        this.#timeoutMs,
      );
      timer.unref();
    });
    return Promise.race([this.#inner.forceFlush(), deadline]).finally(() => clearTimeout(timer));
  }

  shutdown(): Promise<void> {
    this.#shutDown = true;
    return this.#inner.shutdown();
  }
}

/**
 * Creates the legacy Thrift exporter: HTTP to a collector (`thrift-http`) or UDP datagrams, binary
 * Thrift `Agent.emitBatch`, to an agent (`thrift-udp`). Every setting is passed explicitly and the
 * exporter is constructed against an empty environment, so only `context.env` (resolved in
 * `resolveJaegerOptions`, including the legacy `JAEGER_*` names) counts.
 */
export async function createThriftExporter(options: ThriftOptions): Promise<ThriftSpanExporter> {
  const { JaegerExporter } = await import('@opentelemetry/exporter-jaeger');
  const tags = Object.entries(options.tags).map(([key, value]) => ({ key, value }));
  const config =
    options.mode === 'thrift-http'
      ? {
          endpoint: options.endpoint,
          username: options.username,
          password: options.password,
          // Read by jaeger-client's HTTPSender (socket idle timeout), not declared by the 2.x exporter.
          timeoutMs: options.timeoutMs,
        }
      : { host: options.host, port: options.port, maxPacketSize: options.maxPacketSize };
  const inner = withProcessEnv(
    {},
    () => new JaegerExporter({ ...config, tags, flushTimeout: options.timeoutMs }),
  );
  const target = options.mode === 'thrift-http' ? 'collector' : 'agent';
  return new ThriftSpanExporter(inner as unknown as LegacyExporter, options.timeoutMs, target);
}
