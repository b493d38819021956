import type { Counter } from '@opentelemetry/api';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';

/** One kind of failure seen from one adapter, as reported by `Observability.diagnostics()`. */
export interface AdapterFaultV1 {
  /** Adapter id (`prometheus`), or `otel-sdk` for errors the OpenTelemetry SDK reports itself. */
  readonly adapter: string;
  /** Where it failed: `export`, `forceFlush`, `shutdown`, `onEnd`, `onEmit`, `create`, ... */
  readonly operation: string;
  /** How many times. */
  readonly count: number;
  /** The first error's message (adapters must keep secrets out of their errors). */
  readonly firstMessage: string;
}

/**
 * Why: an adapter that throws must never break the caller, but silently swallowing errors loses data
 * without a trace. So each failure is counted (`mcp_o11y.adapter.errors`) and the first one of each
 * (adapter, operation) is logged once; repeats are counted only, so a dead backend can't flood stderr.
 */
export class FaultReporter {
  readonly #faults = new Map<
    string,
    { adapter: string; operation: string; count: number; firstMessage: string }
  >();
  #logger: LoggerV1 | undefined;
  #counter: Counter | undefined;
  #reporting = false;

  attach(logger: LoggerV1, counter: Counter): void {
    this.#logger = logger;
    this.#counter = counter;
  }

  report(adapter: string, operation: string, error: unknown): void {
    const key = `${adapter}\u0000${operation}`;
    const existing = this.#faults.get(key);
    if (existing) {
      existing.count += 1;
    } else {
      this.#faults.set(key, { adapter, operation, count: 1, firstMessage: messageOf(error) });
    }
    // A log processor that throws would re-enter here through the logger; count it, don't recurse.
    if (this.#reporting) return;
    this.#reporting = true;
    try {
      this.#counter?.add(1, { adapter, operation });
      if (!existing) {
        this.#logger?.warn(
          `[@mcp-o11y/core] adapter "${adapter}" failed in ${operation}; the caller is unaffected. Further failures of this kind are counted in mcp_o11y.adapter.errors, not logged.`,
          { adapter, operation, err: error },
        );
      }
    } catch {
      // Reporting must never throw into the pipeline.
    } finally {
      this.#reporting = false;
    }
  }

  faults(): readonly AdapterFaultV1[] {
    return [...this.#faults.values()].map((fault) => ({ ...fault }));
  }
}

const reporters = new WeakMap<object, FaultReporter>();

/** Links a handle to its pipeline's reporter, so code given only the handle (MCP instrumentation hooks) reports into it. */
export function setFaultReporter(observability: object, reporter: FaultReporter): void {
  reporters.set(observability, reporter);
}

/** The reporter of the pipeline behind `observability`; undefined for a handle `createObservability` did not make. */
export function faultReporterOf(observability: object): FaultReporter | undefined {
  return reporters.get(observability);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
