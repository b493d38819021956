import { afterEach, describe, expect, it } from 'vitest';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { createHealthFetchHandler } from './create-health-fetch-handler.js';
import { HEALTH_SERVER_ENV, type RunningHealthServer, startHealthServer } from './start-health-server.js';

const open: { observability: Observability; server?: RunningHealthServer }[] = [];
afterEach(async () => {
  for (const { observability, server } of open.splice(0)) {
    await server?.close();
    await observability.shutdown();
  }
});

async function pipeline(): Promise<Observability> {
  const observability = await createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    alerts: false,
    health: { builtInChecks: false, cacheTtlMs: 0 },
  });
  open.push({ observability });
  return observability;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('startHealthServer', () => {
  it('binds 127.0.0.1 by default and serves the three endpoints', async () => {
    const observability = await pipeline();
    const server = await startHealthServer(observability, { port: 0, env: {} });
    open.push({ observability, server });
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/health`);
    for (const path of ['', '/ready', '/detailed']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it('takes host and port from env, and refuses a bad port before listening', async () => {
    const observability = await pipeline();
    const server = await startHealthServer(observability, {
      env: { [HEALTH_SERVER_ENV.host]: '127.0.0.2', [HEALTH_SERVER_ENV.port]: '0' },
    });
    open.push({ observability, server });
    expect(server.host).toBe('127.0.0.2');
    await expect(
      startHealthServer(observability, { env: { [HEALTH_SERVER_ENV.port]: 'x' } }),
    ).rejects.toThrow('MCP_O11Y_HEALTH_PORT must be a port number');
  });

  it.each([
    [
      'bearer',
      { bearer: 'health-token-123' },
      'Bearer health-token-123',
      ['Bearer wrong', 'Basic aGVhbHRoLXRva2VuLTEyMw=='],
    ],
    [
      'basic',
      { basic: { username: 'probe', password: 's3cret' } },
      basic('probe', 's3cret'),
      [basic('probe', 'wrong'), basic('other', 's3cret'), 'Bearer s3cret'],
    ],
  ] as const)(
    'with %s auth, /detailed answers 401 to missing or wrong credentials; liveness and readiness stay open',
    async (_name, auth, good, bad) => {
      const observability = await pipeline();
      const server = await startHealthServer(observability, { port: 0, env: {}, auth });
      open.push({ observability, server });
      const detailed = (authorization?: string) =>
        fetch(`${server.url}/detailed`, authorization === undefined ? {} : { headers: { authorization } });
      const missing = await detailed();
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^(Bearer|Basic) realm="health"$/);
      expect(await missing.text()).not.toContain('checks');
      for (const header of bad) expect((await detailed(header)).status, header).toBe(401);
      expect((await detailed(good)).status).toBe(200);
      expect((await fetch(server.url)).status).toBe(200);
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      // The fetch-style handler enforces the same.
      const handler = createHealthFetchHandler(observability, { auth });
      expect((await handler(new Request('http://127.0.0.1/health/detailed'))).status).toBe(401);
      const request = new Request('http://127.0.0.1/health/detailed', { headers: { authorization: good } });
      expect((await handler(request)).status).toBe(200);
    },
  );
});
