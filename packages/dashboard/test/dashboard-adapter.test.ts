import type { AdapterContextV1 } from '@mcp-o11y/core';
import { afterEach, describe, expect, it } from 'vitest';
import { adapter, dashboard, parseDashboardOptions } from '../src/index.js';
import { createTestObservability } from './mcp-traffic.js';

const context = {
  serviceName: 'svc',
  env: {},
  logger: {
    debug() {},
    info() {},
    warn() {},
    error() {},
    child() {
      return this;
    },
  },
} as unknown as AdapterContextV1;

describe('adapter', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('starts the dashboard from config options and stops it on shutdown', async () => {
    let url = '';
    const options = parseDashboardOptions({ port: 0 });
    const instance = await adapter.create(
      {
        ...options,
        onListening: (address) => {
          url = address.url;
        },
      },
      context,
    );
    cleanups.push(async () => instance.shutdown?.());
    expect(instance).toMatchObject({ specificationVersion: 'v1', id: 'dashboard' });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(`${url}api/overview`)).status).toBe(200);
    expect((await instance.healthChecks![0]!.check({ signal: AbortSignal.timeout(1000) })).status).toMatch(
      /pass|warn/,
    );
    await instance.shutdown?.();
    await expect(fetch(`${url}api/overview`)).rejects.toThrow();
  });

  it('shows the active observability handle when created through createObservability', async () => {
    let url = '';
    const observability = await createTestObservability([
      dashboard({
        port: 0,
        onListening: (a) => {
          url = a.url;
        },
      }),
    ]);
    cleanups.push(() => observability.shutdown());
    const overview = (await (await fetch(`${url}api/overview`)).json()) as { service: string };
    expect(overview.service).toBe('weather-mcp');
  });

  it('reads host, port and token from env, and refuses a public host without a token', async () => {
    await expect(
      adapter.create(
        {},
        { ...context, env: { MCP_O11Y_DASHBOARD_HOST: '0.0.0.0', MCP_O11Y_DASHBOARD_PORT: '0' } },
      ),
    ).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without a token/);
    await expect(adapter.create({}, { ...context, env: { MCP_O11Y_DASHBOARD_PORT: 'x' } })).rejects.toThrow(
      /MCP_O11Y_DASHBOARD_PORT must be a port number/,
    );
    const instance = await adapter.create(
      {},
      { ...context, env: { MCP_O11Y_DASHBOARD_PORT: '0', MCP_O11Y_DASHBOARD_TOKEN: 'env-token' } },
    );
    await instance.shutdown?.();
  });

  it('rejects bad config options with paths', () => {
    expect(() => parseDashboardOptions({ port: 'x', colour: 'red' })).toThrow(
      expect.objectContaining({
        issues: [
          { path: ['colour'], message: 'unknown option' },
          { path: ['port'], message: 'expected a port number (0-65535)' },
        ],
      }),
    );
  });
});
