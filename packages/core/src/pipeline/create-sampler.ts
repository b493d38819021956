import { type Attributes, type Context, type Link, type SpanKind, trace } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';
import type { SamplingOptions } from './observability-options.js';

/** The sampling settings after options, env and defaults were merged. */
export interface ResolvedSampling {
  /** Share of new traces sampled, 0 to 1. */
  readonly ratio: number;
  /** Whether a parent's decision is followed. */
  readonly parentBased: boolean;
  /** Export spans that end in error although the ratio did not sample them. */
  readonly keepErrors: boolean;
  /** Export spans slower than this (ms) although the ratio did not sample them; undefined for none. */
  readonly keepSlowerThanMs: number | undefined;
  /** A problem with `OTEL_TRACES_SAMPLER` / `_ARG`, to log once; the defaults were used instead. */
  readonly warning: string | undefined;
}

/** Each supported `OTEL_TRACES_SAMPLER` value as (ratio, parentBased); undefined ratio reads the arg. */
const envSamplers: Readonly<Record<string, { ratio: number | undefined; parentBased: boolean }>> = {
  always_on: { ratio: 1, parentBased: false },
  always_off: { ratio: 0, parentBased: false },
  traceidratio: { ratio: undefined, parentBased: false },
  parentbased_always_on: { ratio: 1, parentBased: true },
  parentbased_always_off: { ratio: 0, parentBased: true },
  parentbased_traceidratio: { ratio: undefined, parentBased: true },
};

/**
 * Merges `sampling` options over `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` over the default
 * (`parentbased_always_on`), field by field. Every env sampler is a (ratio, parentBased) pair, so an
 * option overrides only what it names. An unsupported sampler name or a bad ratio argument is not fatal,
 * as the OpenTelemetry spec asks: the default applies and `warning` says why. Pure.
 *
 * @throws {RangeError} when an explicit option is out of range (a programming error, refused at start).
 */
export function resolveSampling(
  options: SamplingOptions | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedSampling {
  checkSamplingOptions(options);
  const fromEnv = samplerFromEnv(env);
  return {
    ratio: options?.ratio ?? fromEnv.ratio,
    parentBased: options?.parentBased ?? fromEnv.parentBased,
    keepErrors: options?.keepErrors ?? false,
    keepSlowerThanMs: options?.keepSlowerThanMs,
    warning: fromEnv.warning,
  };
}

function checkSamplingOptions(options: SamplingOptions | undefined): void {
  const ratio = options?.ratio;
  if (ratio !== undefined && !(ratio >= 0 && ratio <= 1)) {
    throw new RangeError(
      '[@mcp-o11y/core] sampling.ratio must be a number from 0 to 1 (0.1 samples one trace in ten).',
    );
  }
  const slow = options?.keepSlowerThanMs;
  if (slow !== undefined && !(slow >= 0 && Number.isFinite(slow))) {
    throw new RangeError(
      '[@mcp-o11y/core] sampling.keepSlowerThanMs must be a finite number of milliseconds >= 0; omit it to keep no slow spans.',
    );
  }
}

function samplerFromEnv(env: Readonly<Record<string, string | undefined>>): {
  ratio: number;
  parentBased: boolean;
  warning: string | undefined;
} {
  const name = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase();
  if (name === undefined || name === '') return { ratio: 1, parentBased: true, warning: undefined };
  const known = Object.hasOwn(envSamplers, name) ? envSamplers[name] : undefined;
  if (known === undefined) {
    return {
      ratio: 1,
      parentBased: true,
      warning: `[@mcp-o11y/core] OTEL_TRACES_SAMPLER="${name.slice(0, 64)}" is not supported; using parentbased_always_on. Use one of ${Object.keys(envSamplers).join(', ')}, or the sampling option.`,
    };
  }
  if (known.ratio !== undefined) return { ...known, ratio: known.ratio, warning: undefined };
  const raw = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  // The spec's default for a missing argument is 1.0.
  if (raw === undefined || raw === '')
    return { ratio: 1, parentBased: known.parentBased, warning: undefined };
  const ratio = Number(raw);
  if (ratio >= 0 && ratio <= 1) return { ratio, parentBased: known.parentBased, warning: undefined };
  return {
    ratio: 1,
    parentBased: known.parentBased,
    warning: `[@mcp-o11y/core] OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1 for ${name}; sampling every trace (ratio 1).`,
  };
}

/** Whether spans the ratio did not sample are still recorded, to be exported if they fail or are slow. */
export function keepsUnsampledSpans(sampling: ResolvedSampling): boolean {
  return sampling.ratio < 1 && (sampling.keepErrors || sampling.keepSlowerThanMs !== undefined);
}

/**
 * The TracerProvider's sampler: always-on, always-off or trace-id ratio, parent-based when asked. With a
 * keep rule, the spans it would drop are recorded instead (RECORD_ONLY: processors see them, the trace
 * flags sent downstream stay unsampled) so {@link KeepSpanProcessor} can export the failed and slow ones.
 */
export function createSampler(sampling: ResolvedSampling): Sampler {
  const root: Sampler =
    sampling.ratio >= 1
      ? new AlwaysOnSampler()
      : sampling.ratio <= 0
        ? new AlwaysOffSampler()
        : new TraceIdRatioBasedSampler(sampling.ratio);
  const sampler = sampling.parentBased ? new ParentBasedSampler({ root }) : root;
  return keepsUnsampledSpans(sampling) ? new RecordUnsampledSampler(sampler, sampling.parentBased) : sampler;
}

/**
 * Turns the delegate's NOT_RECORD into RECORD_ONLY, except where the decision was someone else's: a
 * remote parent that was not sampled (the caller decided; its trace is not exported anyway), or a local
 * parent that is not recording either.
 */
export class RecordUnsampledSampler implements Sampler {
  readonly #delegate: Sampler;
  readonly #parentBased: boolean;

  constructor(delegate: Sampler, parentBased: boolean) {
    this.#delegate = delegate;
    this.#parentBased = parentBased;
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const result = this.#delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
    if (result.decision !== SamplingDecision.NOT_RECORD) return result;
    if (this.#parentBased) {
      const parent = trace.getSpan(context);
      const parentContext = parent?.spanContext();
      if (parent !== undefined && parentContext !== undefined && trace.isSpanContextValid(parentContext)) {
        if (parentContext.isRemote === true || !parent.isRecording()) return result;
      }
    }
    return { ...result, decision: SamplingDecision.RECORD };
  }

  toString(): string {
    return `RecordUnsampled{${this.#delegate.toString()}}`;
  }
}
