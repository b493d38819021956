import { describe, expect, it } from 'vitest';
import { resolveSentryOptions, sentryOptionsSchema } from './sentry-options.js';

describe('resolveSentryOptions', () => {
  it('takes explicit options, then SENTRY_* env, then core service fields, then defaults', () => {
    const env = {
      SENTRY_DSN: 'https://key@o1.ingest.sentry.io/42',
      SENTRY_ENVIRONMENT: 'staging',
      SENTRY_TRACES_SAMPLE_RATE: '0.25',
    };
    const fromEnv = resolveSentryOptions({}, env, { serviceName: 'svc', serviceVersion: '2.0.0' });
    expect(fromEnv).toMatchObject({
      dsn: env.SENTRY_DSN,
      environment: 'staging',
      release: 'svc@2.0.0',
      tracesSampleRate: 0.25,
      sampleRate: 1,
      rateLimit: { events: 10, perSeconds: 60 },
      enableLogs: false,
    });
    const explicit = resolveSentryOptions({ environment: 'prod', tracesSampleRate: 1, release: 'x' }, env);
    expect(explicit).toMatchObject({ environment: 'prod', tracesSampleRate: 1, release: 'x' });
    expect(resolveSentryOptions({}, {})).toMatchObject({
      dsn: undefined,
      environment: 'production',
      tracesSampleRate: 0,
    });
  });

  it('refuses a malformed DSN or rate without echoing the value', () => {
    const secret = 'https://no-project-key-sk-123@host';
    expect(() => resolveSentryOptions({ dsn: secret }, {})).toThrow(
      /^\[@mcp-o11y\/sentry\] options.dsn is not a Sentry DSN/,
    );
    expect(() => resolveSentryOptions({ dsn: secret }, {})).not.toThrow(/sk-123/);
    expect(() => resolveSentryOptions({}, { SENTRY_TRACES_SAMPLE_RATE: 'lots' })).toThrow(
      /SENTRY_TRACES_SAMPLE_RATE must be/,
    );
  });

  it('the config schema is strict', () => {
    expect(() => sentryOptionsSchema.parse({ tracesSampleRat: 1 })).toThrow();
    expect(() => sentryOptionsSchema.parse({ tracesSampleRate: 2 })).toThrow();
    expect(sentryOptionsSchema.parse({ rateLimit: false, ignoreErrors: ['x'] })).toEqual({
      rateLimit: false,
      ignoreErrors: ['x'],
    });
  });
});
