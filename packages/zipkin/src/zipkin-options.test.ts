import { describe, expect, it } from 'vitest';
import { resolveZipkinOptions, zipkinOptionsSchema } from './zipkin-options.js';

describe('resolveZipkinOptions', () => {
  it('explicit option, then OTEL_EXPORTER_ZIPKIN_*, then the defaults', () => {
    expect(resolveZipkinOptions({}, {})).toMatchObject({
      url: 'http://localhost:9411/api/v2/spans',
      timeoutMs: 10_000,
    });
    const env = {
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://zipkin:9411/api/v2/spans',
      OTEL_EXPORTER_ZIPKIN_TIMEOUT: '2500',
    };
    expect(resolveZipkinOptions({}, env)).toMatchObject({
      url: env.OTEL_EXPORTER_ZIPKIN_ENDPOINT,
      timeoutMs: 2500,
    });
    expect(
      resolveZipkinOptions({ url: 'https://z.example/api/v2/spans', timeoutMs: 100 }, env),
    ).toMatchObject({
      url: 'https://z.example/api/v2/spans',
      timeoutMs: 100,
    });
  });

  it('moves URL credentials to basic auth and refuses reserved headers', () => {
    const resolved = resolveZipkinOptions({ url: 'http://user:p%40ss@zipkin:9411/api/v2/spans' }, {});
    expect(resolved.url).toBe('http://zipkin:9411/api/v2/spans');
    expect(resolved.headers.authorization).toBe(`Basic ${Buffer.from('user:p@ss').toString('base64')}`);
    expect(() => resolveZipkinOptions({ headers: { 'Content-Type': 'text/plain' } }, {})).toThrow(
      /^\[@mcp-o11y\/zipkin\] headers cannot set Content-Type/,
    );
  });

  it('names the setting, never the value, for a bad URL or timeout', () => {
    expect(() => resolveZipkinOptions({ url: 'not a url s3cret' }, {})).toThrow(/url is not a valid URL/);
    expect(() => resolveZipkinOptions({ url: 'not a url s3cret' }, {})).not.toThrow(/s3cret/);
    expect(() => resolveZipkinOptions({}, { OTEL_EXPORTER_ZIPKIN_TIMEOUT: 'soon' })).toThrow(
      /OTEL_EXPORTER_ZIPKIN_TIMEOUT/,
    );
  });

  it('the config schema is strict', () => {
    expect(() => zipkinOptionsSchema.parse({ ulr: 'x' })).toThrow();
    expect(zipkinOptionsSchema.parse({ url: 'http://z/api/v2/spans', timeoutMs: 5 })).toEqual({
      url: 'http://z/api/v2/spans',
      timeoutMs: 5,
    });
  });
});
