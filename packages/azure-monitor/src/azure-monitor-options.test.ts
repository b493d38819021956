import { describe, expect, it } from 'vitest';
import { adapter } from './azure-monitor-adapter.js';
import { resolveAzureMonitorOptions } from './azure-monitor-options.js';
import { parseConnectionString } from './connection-string.js';

const key = '8f9d3e4c-1a2b-4c5d-8e9f-0a1b2c3d4e5f';

describe('connection string and options', () => {
  it('reads the connection string from the option, else APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
    const fromEnv = resolveAzureMonitorOptions(
      {},
      { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${key}` },
    );
    expect(fromEnv.connectionString).toBe(`InstrumentationKey=${key}`);
    expect(fromEnv).toMatchObject({
      samplingRatio: 1,
      maxRetries: 3,
      sdkStats: false,
      offlineStorage: { maxBytes: 50_000_000 },
    });
    const explicit = resolveAzureMonitorOptions(
      {
        connectionString: `InstrumentationKey=${key};IngestionEndpoint=https://a.test/`,
        offlineStorage: false,
      },
      { APPLICATIONINSIGHTS_CONNECTION_STRING: 'ignored' },
    );
    expect(explicit.connectionString).toContain('https://a.test/');
    expect(explicit.offlineStorage).toBe(false);
    expect(parseConnectionString(`instrumentationkey=${key}`).ingestionEndpoint).toBe(
      'https://dc.services.visualstudio.com',
    );
  });

  it('refuses a missing key, a bad key and http ingestion with a package error that never contains the key', () => {
    const attempts = [
      () => resolveAzureMonitorOptions({}, {}),
      () => resolveAzureMonitorOptions({ connectionString: 'IngestionEndpoint=https://a.test/' }, {}),
      () => resolveAzureMonitorOptions({ connectionString: 'InstrumentationKey=s3cret-not-a-guid' }, {}),
      () =>
        resolveAzureMonitorOptions(
          { connectionString: `InstrumentationKey=${key};IngestionEndpoint=http://127.0.0.1:8080/` },
          {},
        ),
    ];
    for (const attempt of attempts) {
      let message = '';
      try {
        attempt();
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^\[@mcp-o11y\/azure-monitor\] /);
      expect(message).not.toContain(key);
      expect(message).not.toContain('s3cret');
    }
    expect(() =>
      resolveAzureMonitorOptions(
        { connectionString: `InstrumentationKey=${key};IngestionEndpoint=http://x/` },
        {},
      ),
    ).toThrow(/https only/);
  });

  it('parseOptions is strict and range-checked', () => {
    expect(() => adapter.parseOptions?.({ samplingRatio: 2 })).toThrow();
    expect(() => adapter.parseOptions?.({ offlineStorage: { maxBytes: 60_000_000 } })).toThrow();
    expect(() => adapter.parseOptions?.({ connectionstring: 'typo' })).toThrow();
    expect(adapter.parseOptions?.({ samplingRatio: 0.5, offlineStorage: false })).toEqual({
      samplingRatio: 0.5,
      offlineStorage: false,
    });
  });
});
