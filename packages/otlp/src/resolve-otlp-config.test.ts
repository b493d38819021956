import { describe, expect, it } from 'vitest';
import { parseOtlpHeaders, resolveOtlpConfig } from './resolve-otlp-config.js';

describe('resolveOtlpConfig', () => {
  it('defaults to http/protobuf on localhost:4318 with the signal paths, cumulative, 10 s', () => {
    const resolved = resolveOtlpConfig({}, {});
    expect(resolved.traces).toEqual({
      signal: 'traces',
      protocol: 'http/protobuf',
      url: 'http://localhost:4318/v1/traces',
      headers: {},
      compression: 'none',
      timeoutMs: 10_000,
    });
    expect(resolved.metrics).toMatchObject({
      url: 'http://localhost:4318/v1/metrics',
      temporality: 'cumulative',
      exportIntervalMs: undefined,
    });
    expect(resolved.logs?.url).toBe('http://localhost:4318/v1/logs');
    expect(resolved.warnings).toEqual([]);
  });

  it('uses localhost:4317 without a path for gRPC', () => {
    expect(resolveOtlpConfig({ protocol: 'grpc' }, {}).traces?.url).toBe('http://localhost:4317');
    expect(resolveOtlpConfig({ protocol: 'grpc', endpoint: 'http://c:4317' }, {}).logs?.url).toBe(
      'http://c:4317/',
    );
  });

  it('appends the signal path to the general endpoint only, keeping a base path', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example/base/',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/custom',
    };
    const resolved = resolveOtlpConfig({}, env);
    expect(resolved.traces?.url).toBe('https://traces.example/custom');
    expect(resolved.metrics?.url).toBe('https://otlp.example/base/v1/metrics');
  });

  it('ranks signal option > option > signal env > general env for every setting', () => {
    const env = {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      OTEL_EXPORTER_OTLP_TIMEOUT: '3000',
      OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '4000',
    };
    expect(resolveOtlpConfig({}, env).traces).toMatchObject({
      protocol: 'grpc',
      compression: 'gzip',
      timeoutMs: 3000,
    });
    expect(resolveOtlpConfig({}, env).logs).toMatchObject({ protocol: 'http/json', timeoutMs: 4000 });
    const options = resolveOtlpConfig(
      { protocol: 'http/protobuf', timeoutMs: 500, logs: { timeoutMs: 700 } },
      env,
    );
    expect(options.traces).toMatchObject({ protocol: 'http/protobuf', timeoutMs: 500 });
    expect(options.logs).toMatchObject({ protocol: 'http/protobuf', timeoutMs: 700 });
    expect(
      resolveOtlpConfig(
        { endpoint: 'http://option:4318' },
        { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://env:1/x' },
      ).traces?.url,
    ).toBe('http://option:4318/v1/traces');
  });

  it('merges headers key by key: general env < signal env < option < signal option', () => {
    const resolved = resolveOtlpConfig(
      {
        headers: { 'X-Team': 'option', 'X-Option': '1' },
        metrics: { headers: { 'x-team': 'metrics-option' } },
      },
      {
        OTEL_EXPORTER_OTLP_HEADERS: 'x-team=env,x-env=1,authorization=Basic%20abc%3D%3D',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-env=metrics',
      },
    );
    expect(resolved.traces?.headers).toEqual({
      'x-team': 'option',
      'x-env': '1',
      'x-option': '1',
      authorization: 'Basic abc==',
    });
    expect(resolved.metrics?.headers).toMatchObject({ 'x-team': 'metrics-option', 'x-env': 'metrics' });
  });

  it('reads temporality and the export interval from env, options first', () => {
    const env = {
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'Delta',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
    };
    expect(resolveOtlpConfig({}, env).metrics).toMatchObject({
      temporality: 'delta',
      exportIntervalMs: 15_000,
    });
    expect(
      resolveOtlpConfig({ metrics: { temporality: 'lowmemory', exportIntervalMs: 1000 } }, env).metrics,
    ).toMatchObject({ temporality: 'lowmemory', exportIntervalMs: 1000 });
  });

  it('turns signals off by option or OTEL_<SIGNAL>_EXPORTER=none', () => {
    const resolved = resolveOtlpConfig(
      { logs: false },
      { OTEL_METRICS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'otlp' },
    );
    expect(Object.keys(resolved).filter((key) => key !== 'warnings')).toEqual(['traces']);
    expect(resolveOtlpConfig({ metrics: true }, { OTEL_METRICS_EXPORTER: 'none' }).metrics).toBeDefined();
  });

  it('ignores invalid env values with a warning that never repeats a header value', () => {
    const resolved = resolveOtlpConfig(
      {},
      {
        OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'brotli',
        OTEL_EXPORTER_OTLP_TIMEOUT: '-5',
        OTEL_EXPORTER_OTLP_HEADERS: 'novalue,x-key=%E0%A4%A,=orphan-s3cret',
        OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'sometimes',
      },
    );
    expect(resolved.traces).toMatchObject({
      protocol: 'http/protobuf',
      compression: 'none',
      timeoutMs: 10_000,
      headers: {},
    });
    expect(resolved.metrics?.temporality).toBe('cumulative');
    expect(resolved.warnings.join('\n')).toMatch(/OTEL_EXPORTER_OTLP_PROTOCOL="thrift"/);
    expect(resolved.warnings.join('\n')).not.toMatch(/s3cret|%E0/);
  });

  it('refuses a bad endpoint naming its source, not its value', () => {
    expect(() => resolveOtlpConfig({ endpoint: 'collector:4318?key=s3cret' }, {})).toThrow(
      /\[@mcp-o11y\/otlp\] endpoint must be an http/,
    );
    expect(() => resolveOtlpConfig({}, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url s3cret' })).toThrow(
      /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not a valid URL/,
    );
    try {
      resolveOtlpConfig({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://user:s3cret@host' });
    } catch (error) {
      expect(String(error)).not.toContain('s3cret');
    }
  });
});

describe('parseOtlpHeaders', () => {
  it('trims, lower-cases keys, percent-decodes values and keeps "=" inside values', () => {
    const warnings: string[] = [];
    expect(parseOtlpHeaders(' Api-Key = a%2Cb=c , x=1', 'V', warnings)).toEqual({
      'api-key': 'a,b=c',
      x: '1',
    });
    expect(warnings).toEqual([]);
  });
});
