import { describe, expect, it } from 'vitest';
import { jaegerOptionsSchema, parseJaegerTags, resolveJaegerOptions } from './jaeger-options.js';

describe('resolveJaegerOptions', () => {
  it('defaults to OTLP over HTTP; the OTLP protocol variables switch to gRPC', () => {
    expect(resolveJaegerOptions({}, {})).toMatchObject({ mode: 'otlp', protocol: 'http', otlpEnv: {} });
    expect(resolveJaegerOptions({}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toMatchObject({
      protocol: 'grpc',
    });
    expect(
      resolveJaegerOptions(
        {},
        { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' },
      ),
    ).toMatchObject({ protocol: 'http' });
    expect(() => resolveJaegerOptions({}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift' })).toThrow(
      /^\[@mcp-o11y\/jaeger\]/,
    );
  });

  it('hands only the OTEL_EXPORTER_OTLP_* variables to the OTLP exporter', () => {
    const resolved = resolveJaegerOptions(
      {},
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://j:4318', JAEGER_ENDPOINT: 'x', HOME: '/root' },
    );
    expect(resolved).toMatchObject({ otlpEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://j:4318' } });
    expect(Object.keys(resolved.mode === 'otlp' ? resolved.otlpEnv : {})).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ]);
  });

  it('thrift-http: option, then OTEL_EXPORTER_JAEGER_ENDPOINT, then JAEGER_ENDPOINT, then :14268', () => {
    expect(resolveJaegerOptions({ mode: 'thrift-http' }, {})).toMatchObject({
      endpoint: 'http://localhost:14268/api/traces',
    });
    const env = { JAEGER_ENDPOINT: 'http://legacy:14268/api/traces', JAEGER_USER: 'u', JAEGER_PASSWORD: 'p' };
    expect(resolveJaegerOptions({ mode: 'thrift-http' }, env)).toMatchObject({
      endpoint: env.JAEGER_ENDPOINT,
      username: 'u',
      password: 'p',
    });
    expect(
      resolveJaegerOptions(
        { mode: 'thrift-http' },
        { ...env, OTEL_EXPORTER_JAEGER_ENDPOINT: 'http://otel:14268/api/traces' },
      ),
    ).toMatchObject({ endpoint: 'http://otel:14268/api/traces' });
    expect(() => resolveJaegerOptions({ mode: 'thrift-http', endpoint: 'udp://x s3cret' }, {})).toThrow(
      /endpoint/,
    );
  });

  it('thrift-udp: agent host and port from the OpenTelemetry, then the legacy Jaeger variables', () => {
    expect(resolveJaegerOptions({ mode: 'thrift-udp' }, {})).toMatchObject({ host: 'localhost', port: 6832 });
    expect(
      resolveJaegerOptions(
        { mode: 'thrift-udp' },
        { JAEGER_AGENT_HOST: 'agent', JAEGER_AGENT_PORT: '6900', OTEL_EXPORTER_JAEGER_AGENT_PORT: '7000' },
      ),
    ).toMatchObject({ host: 'agent', port: 7000 });
    expect(() => resolveJaegerOptions({ mode: 'thrift-udp' }, { JAEGER_AGENT_PORT: '70000' })).toThrow(
      /agent port/,
    );
  });

  it('process tags: JAEGER_TAGS merged under the option', () => {
    expect(parseJaegerTags('a=1, b = two ,broken,=x')).toEqual({ a: '1', b: 'two' });
    expect(
      resolveJaegerOptions({ mode: 'thrift-udp', tags: { a: 'option' } }, { JAEGER_TAGS: 'a=env,b=env' }),
    ).toMatchObject({
      tags: { a: 'option', b: 'env' },
    });
  });

  it('the config schema is strict', () => {
    expect(() => jaegerOptionsSchema.parse({ mode: 'zipkin' })).toThrow();
    expect(() => jaegerOptionsSchema.parse({ endpiont: 'x' })).toThrow();
  });
});
