import type { Observability } from '@mcp-o11y/core';
import { createCaptureFetch } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { observeWithPrometheus } from './observe.js';

let observability: Observability | undefined;
afterEach(async () => {
  await observability?.shutdown();
  observability = undefined;
});

function pushCheck(target: Observability) {
  const check = target.healthChecks.find((candidate) => candidate.name === 'prometheus-scrape');
  return check?.check({ signal: AbortSignal.timeout(1000) });
}

describe('Pushgateway push', () => {
  it('PUTs the exposition to the job/instance group on flush and once more on shutdown; no server', async () => {
    const fetch = createCaptureFetch(() => ({ status: 200 }));
    const started = await observeWithPrometheus({
      fetch,
      pushgateway: {
        url: 'http://gw.test:9091/',
        instance: 'desk-1',
        groupingKey: { stage: 'dev' },
        intervalMillis: 0,
        auth: { bearer: 'PUSH-T0KEN' },
      },
    });
    observability = started.observability;
    expect(started.address).toBeUndefined();
    observability.meter.createCounter('mcp_o11y.errors', { unit: '{error}' }).add(4);
    await observability.forceFlush();
    expect(fetch.requests).toHaveLength(1);
    const [push] = fetch.requests;
    expect(push).toMatchObject({
      method: 'PUT',
      url: 'http://gw.test:9091/metrics/job/weather-mcp/instance/desk-1/stage/dev',
    });
    expect(push?.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(push?.headers.authorization).toBe('Bearer PUSH-T0KEN');
    expect(push?.body).toContain('mcp_o11y_errors_total 4');
    expect(await pushCheck(observability)).toMatchObject({ status: 'pass' });

    observability.meter.createCounter('mcp_o11y.errors', { unit: '{error}' }).add(1);
    await observability.shutdown();
    expect(fetch.requests.map((request) => request.method)).toEqual(['PUT', 'PUT']);
    // The final push happened while the reader could still collect: it carries the last value.
    expect(fetch.requests[1]?.body).toContain('mcp_o11y_errors_total 5');
  });

  it('DELETEs the group on a clean shutdown when deleteOnShutdown is set', async () => {
    const fetch = createCaptureFetch(() => ({ status: 202 }));
    const started = await observeWithPrometheus(
      { fetch, pushgateway: { intervalMillis: 0, deleteOnShutdown: true, job: 'stdio-job' } },
      { PROMETHEUS_PUSHGATEWAY_URL: 'http://gw.test:9091' },
    );
    observability = started.observability;
    await observability.shutdown();
    expect(fetch.requests).toHaveLength(1);
    expect(fetch.requests[0]?.method).toBe('DELETE');
    expect(fetch.requests[0]?.url).toMatch(
      /^http:\/\/gw\.test:9091\/metrics\/job\/stdio-job\/instance\/[^/]+%3A\d+$/,
    );
  });

  it('pushes on its interval', async () => {
    const fetch = createCaptureFetch(() => ({ status: 200 }));
    const started = await observeWithPrometheus({
      fetch,
      pushgateway: { url: 'http://gw.test:9091', intervalMillis: 20 },
    });
    observability = started.observability;
    await expect.poll(() => fetch.requests.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
  });

  it('reports a failing Pushgateway in the health check, never throwing or leaking URL credentials', async () => {
    const fetch = createCaptureFetch(() => ({ status: 400, body: 'pushed metrics are invalid' }));
    const started = await observeWithPrometheus({
      fetch,
      pushgateway: { url: 'http://user:pw@gw.test:9091', intervalMillis: 0 },
    });
    observability = started.observability;
    await observability.forceFlush();
    const result = await pushCheck(observability);
    expect(result).toMatchObject({
      status: 'warn',
      message: expect.stringMatching(/^the last Pushgateway push failed/),
    });
    expect(result?.details).toMatchObject({
      operation: 'push',
      detail: expect.stringMatching(/^400 .*pushed metrics are invalid/),
    });
    expect(JSON.stringify(result)).not.toContain('pw@');
    // Counted, not only logged: a Pushgateway that stays away shows in mcp_o11y.adapter.errors.
    expect(observability.diagnostics().faults).toEqual([
      {
        adapter: 'prometheus',
        operation: 'pushgateway.push',
        count: 1,
        firstMessage: expect.stringMatching(
          /^Error: Pushgateway push to http:\/\/gw\.test:9091\/.* failed: 400 /,
        ),
      },
    ]);
    expect(JSON.stringify(observability.diagnostics())).not.toContain('pw');
    // Credentials in the URL travel as basic auth, never in the URL itself.
    expect(fetch.requests[0]?.url).toMatch(/^http:\/\/gw\.test:9091\/metrics\/job\//);
    expect(fetch.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('user:pw').toString('base64')}`,
    );
  });

  it('counts every failed push in mcp_o11y.adapter.errors and pushes the count once the gateway is back', async () => {
    let down = true;
    const fetch = createCaptureFetch(() => (down ? { status: 503, body: 'unavailable' } : { status: 200 }));
    const started = await observeWithPrometheus({
      fetch,
      pushgateway: { url: 'http://gw.test:9091', intervalMillis: 0 },
    });
    observability = started.observability;
    await observability.forceFlush();
    await observability.forceFlush();
    expect(observability.diagnostics().faults).toMatchObject([
      { adapter: 'prometheus', operation: 'pushgateway.push', count: 2 },
    ]);
    down = false;
    await observability.forceFlush();
    expect(fetch.requests).toHaveLength(3);
    expect(fetch.requests[2]?.body).toMatch(
      /^mcp_o11y_adapter_errors_total\{adapter="prometheus",operation="pushgateway\.push"\} 2$/m,
    );
    expect(await pushCheck(observability)).toMatchObject({ status: 'pass' });
  });

  it('refuses a Pushgateway URL that is not http(s)', async () => {
    await expect(observeWithPrometheus({}, { PROMETHEUS_PUSHGATEWAY_URL: 'ftp://gw.test' })).rejects.toThrow(
      /Pushgateway URL must be an absolute http\(s\) URL/,
    );
  });
});
