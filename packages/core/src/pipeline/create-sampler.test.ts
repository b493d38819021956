import { context as api, type Context, ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { SamplingDecision, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { createSampler, keepsUnsampledSpans, resolveSampling } from './create-sampler.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

function decide(sampling: ReturnType<typeof resolveSampling>, parent: Context = ROOT_CONTEXT) {
  return createSampler(sampling).shouldSample(parent, TRACE_ID, 'span', SpanKind.SERVER, {}, []).decision;
}

function remoteParent(sampled: boolean): Context {
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: TRACE_ID,
    spanId: 'b7ad6b7169203331',
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  });
}

describe('resolveSampling', () => {
  it.each([
    [undefined, undefined, 1, true],
    ['always_on', undefined, 1, false],
    ['always_off', undefined, 0, false],
    ['traceidratio', '0.25', 0.25, false],
    ['parentbased_always_on', undefined, 1, true],
    ['parentbased_always_off', undefined, 0, true],
    ['parentbased_traceidratio', '0.1', 0.1, true],
    ['ParentBased_TraceIdRatio', ' 0.5 ', 0.5, true],
    ['traceidratio', undefined, 1, false],
  ])(
    'reads OTEL_TRACES_SAMPLER=%s with ARG=%s as ratio %s, parentBased %s',
    (name, arg, ratio, parentBased) => {
      const resolved = resolveSampling(undefined, {
        OTEL_TRACES_SAMPLER: name,
        OTEL_TRACES_SAMPLER_ARG: arg,
      });
      expect(resolved).toEqual({
        ratio,
        parentBased,
        keepErrors: false,
        keepSlowerThanMs: undefined,
        warning: undefined,
      });
    },
  );

  it('falls back to parentbased_always_on with a warning for an unsupported sampler', () => {
    const resolved = resolveSampling(undefined, { OTEL_TRACES_SAMPLER: 'jaeger_remote' });
    expect(resolved).toMatchObject({ ratio: 1, parentBased: true });
    expect(resolved.warning).toMatch(/OTEL_TRACES_SAMPLER="jaeger_remote" is not supported/);
  });

  it.each(['1.5', '-0.1', 'half'])('falls back to ratio 1 with a warning for ARG=%s', (arg) => {
    const resolved = resolveSampling(undefined, {
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: arg,
    });
    expect(resolved).toMatchObject({ ratio: 1, parentBased: true });
    expect(resolved.warning).toMatch(/OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/);
  });

  it('ignores the argument of a sampler that takes none', () => {
    expect(
      resolveSampling(undefined, { OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_SAMPLER_ARG: 'x' }).warning,
    ).toBeUndefined();
  });

  it('lets each option override only its own field of the env sampler', () => {
    const env = { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' };
    expect(resolveSampling({ ratio: 0.1 }, env)).toMatchObject({ ratio: 0.1, parentBased: false });
    expect(resolveSampling({ parentBased: true, keepErrors: true, keepSlowerThanMs: 2000 }, env)).toEqual({
      ratio: 0.5,
      parentBased: true,
      keepErrors: true,
      keepSlowerThanMs: 2000,
      warning: undefined,
    });
  });

  it('refuses explicit options out of range', () => {
    expect(() => resolveSampling({ ratio: 2 }, {})).toThrow(/sampling.ratio must be a number from 0 to 1/);
    expect(() => resolveSampling({ ratio: Number.NaN }, {})).toThrow(RangeError);
    expect(() => resolveSampling({ keepSlowerThanMs: -1 }, {})).toThrow(/keepSlowerThanMs/);
  });
});

describe('createSampler', () => {
  const ratio = (value: number, parentBased = true, keepErrors = false) =>
    resolveSampling({ ratio: value, parentBased, keepErrors }, {});

  it('builds always-on, always-off and ratio samplers, parent-based when asked', () => {
    expect(createSampler(ratio(1)).toString()).toMatch(/^ParentBased\{root=AlwaysOnSampler/);
    expect(createSampler(ratio(0, false)).toString()).toBe('AlwaysOffSampler');
    expect(createSampler(ratio(0.1, false)).toString()).toBe('TraceIdRatioBased{0.1}');
  });

  it('samples about `ratio` of random trace ids', () => {
    const sampler = createSampler(ratio(0.25, false));
    const tracerProvider = new TracerProvider({ sampler });
    const tracer = tracerProvider.getTracer('t');
    let sampled = 0;
    for (let index = 0; index < 4000; index++) {
      const span = tracer.startSpan('s');
      if (span.spanContext().traceFlags & TraceFlags.SAMPLED) sampled++;
      span.end();
    }
    expect(sampled / 4000).toBeGreaterThan(0.2);
    expect(sampled / 4000).toBeLessThan(0.3);
  });

  it("follows a caller's decision when parent-based, and ignores it otherwise", () => {
    expect(decide(ratio(0), remoteParent(true))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(decide(ratio(1), remoteParent(false))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(ratio(1, false), remoteParent(false))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('records what the ratio drops when a keep rule is on, but not under an unsampled caller', () => {
    const keeping = ratio(0, true, true);
    expect(keepsUnsampledSpans(keeping)).toBe(true);
    expect(keepsUnsampledSpans(ratio(0))).toBe(false);
    expect(keepsUnsampledSpans(resolveSampling({ keepErrors: true }, {}))).toBe(false);
    expect(decide(ratio(0))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(keeping)).toBe(SamplingDecision.RECORD);
    expect(decide(keeping, remoteParent(false))).toBe(SamplingDecision.NOT_RECORD);
    expect(decide(keeping, remoteParent(true))).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('records the children of a recorded unsampled span, so their failures can be kept too', () => {
    const tracer = new TracerProvider({ sampler: createSampler(ratio(0, true, true)) }).getTracer('t');
    const root = tracer.startSpan('root');
    expect(root.isRecording()).toBe(true);
    expect(root.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(0);
    const child = tracer.startSpan('child', {}, trace.setSpan(api.active(), root));
    expect(child.isRecording()).toBe(true);
    expect(child.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(0);
  });
});
