import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { createHealthFetchHandler } from './create-health-fetch-handler.js';
import { createHealthHandler } from './create-health-handler.js';
import type { HealthJson } from './to-health-json.js';

const open: { observability: Observability; server?: Server }[] = [];
afterEach(async () => {
  for (const { observability, server } of open.splice(0)) {
    server?.close();
    await observability.shutdown();
  }
});

async function serve(): Promise<{ observability: Observability; base: string }> {
  const observability = await createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    alerts: { state: false },
    // Built-in checks depend on the machine (free disk, memory); these tests add their own.
    health: { builtInChecks: false, cacheTtlMs: 0, timeoutMs: 200 },
  });
  const handler = createHealthHandler(observability, { version: '1.2.3' });
  const server = createServer((request, response) => handler(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ observability, server });
  return { observability, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function get(
  url: string,
  method = 'GET',
): Promise<{ status: number; type: string | null; body: HealthJson | undefined; text: string }> {
  const response = await fetch(url, { method });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: text === '' ? undefined : (JSON.parse(text) as HealthJson),
    text,
  };
}

describe('createHealthHandler', () => {
  it('answers liveness with pass in application/health+json', async () => {
    const { base } = await serve();
    const live = await get(`${base}/health`);
    expect(live.status).toBe(200);
    expect(live.type).toBe('application/health+json');
    expect(live.body).toEqual({
      status: 'pass',
      serviceId: 'mcp-server',
      description: 'Health of mcp-server',
      version: '1.2.3',
    });
  });

  it('passes when every check passes, with each check in the draft shape', async () => {
    const { observability, base } = await serve();
    observability.health.add({
      name: 'database',
      critical: true,
      check: async () => ({
        status: 'pass',
        message: 'ping 3 ms',
        details: { componentType: 'datastore', observedValue: 3, observedUnit: 'ms', pool: 10 },
      }),
    });
    const ready = await get(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body?.status).toBe('pass');
    const detailed = await get(`${base}/health/detailed`);
    expect(detailed.status).toBe(200);
    expect(detailed.type).toBe('application/health+json');
    expect(detailed.body?.checks?.database?.[0]).toMatchObject({
      status: 'pass',
      componentType: 'datastore',
      observedValue: 3,
      observedUnit: 'ms',
      output: 'ping 3 ms',
      critical: true,
      details: { pool: 10 },
    });
    expect(Date.parse(detailed.body?.checks?.database?.[0]?.time ?? '')).not.toBeNaN();
  });

  it('warns (200) with remediation when a check warns or a non-critical check fails', async () => {
    const { observability, base } = await serve();
    observability.health.add({
      name: 'cache',
      check: async () => ({ status: 'fail', message: 'redis down', remediation: 'Restart redis.' }),
    });
    const detailed = await get(`${base}/health/detailed`);
    expect(detailed.status).toBe(200);
    expect(detailed.body?.status).toBe('warn');
    expect(detailed.body?.checks?.cache?.[0]).toMatchObject({
      status: 'fail',
      remediation: 'Restart redis.',
    });
    expect(detailed.body?.notes).toEqual(['cache: fail']);
    expect((await get(`${base}/health/ready`)).status).toBe(200);
  });

  it('fails (503) readiness and details when a critical check fails', async () => {
    const { observability, base } = await serve();
    observability.health.add({ name: 'other', check: async () => ({ status: 'pass' }) });
    observability.health.add({
      name: 'database',
      critical: true,
      check: async () => ({ status: 'fail', message: 'ECONNREFUSED', remediation: 'Start the database.' }),
    });
    const ready = await get(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body?.status).toBe('fail');
    // Readiness lists the critical checks only.
    expect(Object.keys(ready.body?.checks ?? {})).toEqual(['database']);
    const detailed = await get(`${base}/health/detailed`);
    expect(detailed.status).toBe(503);
    expect(detailed.body?.checks?.database?.[0]?.remediation).toBe('Start the database.');
    expect((await get(`${base}/health`)).status).toBe(200);
  });

  it('answers while a check hangs: the check is cut at its timeout and reported as fail', async () => {
    const { observability, base } = await serve();
    observability.health.add({ name: 'hung', critical: true, check: () => new Promise<never>(() => {}) });
    const detailed = await get(`${base}/health/detailed`);
    expect(detailed.status).toBe(503);
    expect(detailed.body?.checks?.hung?.[0]).toMatchObject({
      status: 'fail',
      output: 'did not answer within 200 ms',
    });
    expect(detailed.body?.checks?.hung?.[0]?.remediation).toMatch(/timeoutMs/);
  });

  it('reports a throwing check as fail and never shows a secret', async () => {
    const { observability, base } = await serve();
    observability.health.add({
      name: 'upstream',
      check: async () => {
        throw new Error(
          '401 from https://api.example.com?token=s3cr3tvalue123 with Bearer abcdefghijklmnop123456',
        );
      },
    });
    const detailed = await get(`${base}/health/detailed`);
    expect(detailed.body?.checks?.upstream?.[0]?.status).toBe('fail');
    expect(detailed.text).not.toContain('s3cr3tvalue123');
    expect(detailed.text).not.toContain('abcdefghijklmnop123456');
  });

  it('is not ready after shutdown; HEAD has no body; other methods get 405; other paths 404 or next()', async () => {
    const { observability, base } = await serve();
    const head = await get(`${base}/health/ready`, 'HEAD');
    expect(head).toMatchObject({ status: 200, text: '' });
    expect((await get(`${base}/health/detailed`, 'POST')).status).toBe(405);
    expect((await get(`${base}/elsewhere`)).status).toBe(404);
    let passedOn = false;
    const handler = createHealthHandler(observability);
    handler({ url: '/metrics', method: 'GET' } as never, {} as never, () => {
      passedOn = true;
    });
    await expect.poll(() => passedOn).toBe(true);
    await observability.shutdown();
    expect((await get(`${base}/health/ready`)).status).toBe(503);
  });
});

describe('createHealthFetchHandler', () => {
  it('serves the same answers as Request → Response', async () => {
    const observability = await createObservability({
      logging: { destination: false },
      shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
      alerts: false,
      health: { builtInChecks: false },
    });
    open.push({ observability });
    observability.health.add({ name: 'db', critical: true, check: async () => ({ status: 'fail' }) });
    const handler = createHealthFetchHandler(observability, { basePath: '/status' });
    const ready = await handler(new Request('http://localhost/status/ready'));
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toBe('application/health+json');
    expect(((await ready.json()) as HealthJson).checks?.db?.[0]?.status).toBe('fail');
    expect((await handler(new Request('http://localhost/status'))).status).toBe(200);
    expect((await handler(new Request('http://localhost/health'))).status).toBe(404);
  });
});
