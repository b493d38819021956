import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Observability } from '../pipeline/observability.js';
import { createIntegration } from './create-integration.js';
import type { Integration, IntegrationOptions } from './integration-options.js';
import { IntegrationTimeoutError } from './integration-timeout-error.js';
import { collectMetric, keyOf, pointValues, quietObservability } from './metric-snapshot.test-helper.js';

const weather = { 'integration.name': 'weather-api', 'integration.kind': 'http' };
const fastRetry = { initialDelayMs: 1, maxDelayMs: 2 };
const reset = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

let observability: Observability;
const created: Integration[] = [];
function integration(options: Partial<IntegrationOptions> = {}): Integration {
  const made = createIntegration({ name: 'weather-api', kind: 'http', observability, ...options });
  created.push(made);
  return made;
}

/** A function that fails `failures` times with `error()`, then returns `value`. */
function flaky<T>(failures: number, value: T, error: () => unknown = reset) {
  let calls = 0;
  const fn = async (): Promise<T> => {
    calls += 1;
    if (calls <= failures) throw error();
    return value;
  };
  return { fn, calls: () => calls };
}

beforeEach(async () => {
  observability = await quietObservability();
});
afterEach(async () => {
  for (const made of created.splice(0)) made.dispose();
  await observability.shutdown();
});

describe('createIntegration: retries', () => {
  it('counts retry attempts by cause and the success they led to', async () => {
    const forecast = flaky(2, 'sunny');
    await expect(
      integration({ retry: fastRetry }).execute(forecast.fn, { operation: 'GET /forecast' }),
    ).resolves.toBe('sunny');
    expect(forecast.calls()).toBe(3);
    const operation = { ...weather, operation: 'GET /forecast' };
    expect(await pointValues(observability, 'mcp_o11y.integration.retries')).toEqual({
      [keyOf({ ...operation, 'error.type': 'connection' })]: 2,
    });
    expect(await pointValues(observability, 'mcp_o11y.integration.retry_successes')).toEqual({
      [keyOf({ ...operation, outcome: 'success' })]: 1,
    });
    expect(await pointValues(observability, 'mcp_o11y.integration.errors')).toEqual({});
  });

  it('gives up after maxAttempts (3 by default) and records one failed call', async () => {
    const down = flaky(Number.POSITIVE_INFINITY, 'never');
    await expect(integration({ retry: fastRetry }).execute(down.fn)).rejects.toThrow('socket hang up');
    expect(down.calls()).toBe(3);
    const operation = { ...weather, operation: 'default' };
    expect(await pointValues(observability, 'mcp_o11y.integration.retries')).toEqual({
      [keyOf({ ...operation, 'error.type': 'connection' })]: 2,
    });
    expect(await pointValues(observability, 'mcp_o11y.integration.retry_successes')).toEqual({});
    expect(await pointValues(observability, 'mcp_o11y.integration.errors')).toEqual({
      [keyOf({ ...operation, outcome: 'error', 'error.type': 'connection' })]: 1,
    });
  });

  it('does not retry caller faults, and honours retryOn', async () => {
    const notFound = flaky(1, 'found', () => Object.assign(new Error('404 Not Found'), { status: 404 }));
    await expect(integration({ retry: fastRetry }).execute(notFound.fn)).rejects.toThrow('404');
    expect(notFound.calls()).toBe(1);
    const custom = flaky(5, 'ok');
    const retryOn = (error: unknown): boolean => (error as Error).message !== 'socket hang up';
    await expect(integration({ retry: { ...fastRetry, retryOn } }).execute(custom.fn)).rejects.toThrow();
    expect(custom.calls()).toBe(1);
    expect(await pointValues(observability, 'mcp_o11y.integration.errors')).toEqual({
      [keyOf({ ...weather, operation: 'default', outcome: 'error', 'error.type': 'http_4xx' })]: 1,
      [keyOf({ ...weather, operation: 'default', outcome: 'error', 'error.type': 'connection' })]: 1,
    });
  });
});

describe('createIntegration: timeouts and cancellation', () => {
  it('fails an attempt at timeoutMs with IntegrationTimeoutError, aborts its signal and classifies it', async () => {
    let seen: AbortSignal | undefined;
    const hang = (signal: AbortSignal): Promise<never> => {
      seen = signal;
      return new Promise<never>(() => {});
    };
    const rejection = await integration({ timeoutMs: 20, retry: false })
      .execute(hang, { operation: 'GET /forecast' })
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(IntegrationTimeoutError);
    expect((rejection as Error).message).toBe(
      '[@mcp-o11y/core] a call to integration "weather-api" timed out after 20 ms. Raise timeoutMs if the dependency is slow by design, or check its latency.',
    );
    expect(seen?.aborted).toBe(true);
    expect(await pointValues(observability, 'mcp_o11y.integration.errors')).toEqual({
      [keyOf({ ...weather, operation: 'GET /forecast', outcome: 'error', 'error.type': 'timeout' })]: 1,
    });
  });

  it('hands back the caller abort reason, records cancelled, and starts no attempt after the abort', async () => {
    const duringBackoff = new AbortController();
    const down = flaky(Number.POSITIVE_INFINITY, 'never', () => {
      setTimeout(() => duringBackoff.abort(), 1);
      return reset();
    });
    const retrying = integration({ retry: { initialDelayMs: 50, maxDelayMs: 50 } });
    const first = await retrying
      .execute(down.fn, { signal: duringBackoff.signal })
      .catch((error: unknown) => error);
    expect((first as Error).name).toBe('AbortError');
    expect(down.calls()).toBe(1);

    const duringCall = new AbortController();
    const hang = (): Promise<never> => new Promise<never>(() => setTimeout(() => duringCall.abort(), 1));
    const second = await integration({ timeoutMs: 1000 })
      .execute(hang, { signal: duringCall.signal })
      .catch((error: unknown) => error);
    expect(second).toBe(duringCall.signal.reason);
    expect(await pointValues(observability, 'mcp_o11y.integration.errors')).toEqual({
      [keyOf({ ...weather, operation: 'default', outcome: 'error', 'error.type': 'cancelled' })]: 2,
    });
  });
});

describe('createIntegration: durations and the in-memory series', () => {
  it('records the duration histogram with integration, operation, outcome and error.type', async () => {
    const search = integration({ name: 'search', kind: 'database', retry: false });
    await search.execute(() => sleep(15, 'hit'), { operation: 'query' });
    await expect(search.execute(() => Promise.reject(reset()), { operation: 'query' })).rejects.toThrow();
    const metric = await collectMetric(observability, 'mcp_o11y.integration.duration');
    expect(metric).toMatchObject({ type: 'histogram', unit: 's' });
    const points = metric?.type === 'histogram' ? metric.points : [];
    const attributes = { 'integration.name': 'search', 'integration.kind': 'database', operation: 'query' };
    expect(points.map((point) => point.attributes)).toEqual([
      { ...attributes, outcome: 'success' },
      { ...attributes, outcome: 'error', 'error.type': 'connection' },
    ]);
    expect(points[0]?.count).toBe(1);
    expect(points[0]?.sum).toBeGreaterThanOrEqual(0.014);
    expect(points[0]?.sum).toBeLessThan(5);

    const series = observability.store?.listSeries('mcp_o11y.integration') ?? [];
    expect(series.map((entry) => entry.labels)).toEqual([
      { 'integration.name': 'search', operation: 'query' },
    ]);
    expect(series[0]?.window(60)).toMatchObject({ count: 2, errors: 1, consecutiveFailures: 1 });
  });

  it('folds operations past the 100th into _OTHER', async () => {
    const api = integration({ retry: false, circuitBreaker: false });
    for (let index = 0; index < 105; index++)
      await api.execute(async () => index, { operation: `op-${index}` });
    const operations = (observability.store?.listSeries('mcp_o11y.integration') ?? []).map(
      (entry) => entry.labels.operation,
    );
    expect(operations).toHaveLength(101);
    expect(operations.at(-1)).toBe('_OTHER');
    expect(observability.store?.listSeries('mcp_o11y.integration').at(-1)?.window(60).count).toBe(5);
  });

  it('reports to the active handle when created before it, and runs unobserved without one', async () => {
    await observability.shutdown();
    const early = createIntegration({ name: 'early', retry: false });
    created.push(early);
    await expect(early.execute(async () => 'unobserved')).resolves.toBe('unobserved');
    observability = await quietObservability();
    await early.execute(async () => 'observed');
    expect(Object.keys(await pointValues(observability, 'mcp_o11y.integration.duration'))).toEqual([
      keyOf({
        'integration.name': 'early',
        'integration.kind': 'other',
        operation: 'default',
        outcome: 'success',
      }),
    ]);
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.state')).toEqual({
      [keyOf({ 'integration.name': 'early', 'integration.kind': 'other' })]: 0,
    });
  });
});

describe('createIntegration: options', () => {
  it('refuses invalid options with a message naming the field', () => {
    expect(() => createIntegration({ name: '' })).toThrow(TypeError);
    expect(() => createIntegration({ name: 'db', retry: { maxAttempts: 0 } })).toThrow(
      '[@mcp-o11y/core] integration "db": retry.maxAttempts must be a positive integer, got 0.',
    );
    expect(() => createIntegration({ name: 'db', circuitBreaker: { halfOpenAfterMs: -1 } })).toThrow(
      'circuitBreaker.halfOpenAfterMs must be a number of milliseconds',
    );
  });
});
