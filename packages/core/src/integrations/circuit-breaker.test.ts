import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observability } from '../pipeline/observability.js';
import { CircuitOpenError } from './circuit-open-error.js';
import { createIntegration } from './create-integration.js';
import { integrationInstruments } from './integration-instruments.js';
import type { Integration } from './integration-options.js';
import { keyOf, pointValues, quietObservability } from './metric-snapshot.test-helper.js';

const integrationAttributes = { 'integration.name': 'postgres', 'integration.kind': 'database' };
const refused = (): Promise<never> =>
  Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
const ok = (): Promise<string> => Promise.resolve('row');

let observability: Observability;
let database: Integration;

beforeEach(async () => {
  // Only the clocks the breaker reads: the OTel SDK keeps its real `performance`.
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'Date'],
    now: Date.parse('2026-01-01T00:00:00Z'),
  });
  observability = await quietObservability();
  database = createIntegration({ name: 'postgres', kind: 'database', retry: false, observability });
});

afterEach(async () => {
  database.dispose();
  await observability.shutdown();
  vi.useRealTimers();
});

async function failTimes(times: number): Promise<void> {
  for (let index = 0; index < times; index++)
    await expect(database.execute(refused)).rejects.toThrow('ECONNREFUSED');
}

const transitions = (from: string, to: string): string => keyOf({ ...integrationAttributes, from, to });

describe('integration circuit breaker (seed defaults: 5 failures, 60 s, 3 successes)', () => {
  it('opens after exactly 5 consecutive failures; a success in between resets the count', async () => {
    await failTimes(4);
    await database.execute(ok);
    await failTimes(4);
    expect(database.state).toBe('closed');
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.state')).toEqual({
      [keyOf(integrationAttributes)]: 0,
    });

    await failTimes(1);
    expect(database.state).toBe('open');
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.state')).toEqual({
      [keyOf(integrationAttributes)]: 2,
    });
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.transitions')).toEqual({
      [transitions('closed', 'open')]: 1,
    });
    const warnings =
      observability.store?.recentLogs().filter((record) => record.severityText === 'WARN') ?? [];
    expect(warnings.map((record) => record.body)).toEqual([
      '[@mcp-o11y/core] circuit breaker of integration "postgres" opened: calls fail fast with CircuitOpenError until it half-opens at 2026-01-01T00:01:00.000Z.',
    ]);
    expect(warnings[0]?.attributes).toMatchObject({ ...integrationAttributes, 'circuit_breaker.to': 'open' });
  });

  it('fails fast with CircuitOpenError while open, without calling the dependency', async () => {
    await failTimes(5);
    vi.advanceTimersByTime(15_000);
    const dependency = vi.fn(ok);
    const rejection = await database
      .execute(dependency, { operation: 'select_user' })
      .catch((error: unknown) => error);
    expect(dependency).not.toHaveBeenCalled();
    expect(rejection).toBeInstanceOf(CircuitOpenError);
    const error = rejection as CircuitOpenError;
    expect(error.integration).toBe('postgres');
    expect(error.halfOpenAtMs).toBe(Date.parse('2026-01-01T00:01:00Z'));
    expect(error.retryAfterMs()).toBe(45_000);
    expect(error.message).toBe(
      '[@mcp-o11y/core] integration "postgres" is failing: its circuit breaker is open and rejects calls until it half-opens at 2026-01-01T00:01:00.000Z (in 45 s). Catch CircuitOpenError to serve a fallback, and check the dependency\'s health.',
    );
    expect(await pointValues(observability, 'mcp_o11y.integration.errors')).toMatchObject({
      [keyOf({
        ...integrationAttributes,
        operation: 'default',
        outcome: 'error',
        'error.type': 'connection',
      })]: 5,
      [keyOf({
        ...integrationAttributes,
        operation: 'select_user',
        outcome: 'error',
        'error.type': 'circuit_open',
      })]: 1,
    });
  });

  it('half-opens after 60 s and closes after 3 successful trial calls', async () => {
    await failTimes(5);
    vi.advanceTimersByTime(59_999);
    expect(database.state).toBe('open');
    await expect(database.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);

    vi.advanceTimersByTime(1);
    expect(database.state).toBe('half-open');
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.state')).toEqual({
      [keyOf(integrationAttributes)]: 1,
    });
    await expect(database.execute(ok)).resolves.toBe('row');
    await expect(database.execute(ok)).resolves.toBe('row');
    expect(database.state).toBe('half-open');
    await expect(database.execute(ok)).resolves.toBe('row');
    expect(database.state).toBe('closed');

    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.state')).toEqual({
      [keyOf(integrationAttributes)]: 0,
    });
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.transitions')).toEqual({
      [transitions('closed', 'open')]: 1,
      [transitions('open', 'half_open')]: 1,
      [transitions('half_open', 'closed')]: 1,
    });
    const bodies = observability.store?.recentLogs().map((record) => `${record.severityText} ${record.body}`);
    expect(bodies?.filter((body) => body.includes('circuit breaker')).reverse()).toEqual([
      expect.stringMatching(/^WARN .*"postgres" opened/),
      expect.stringMatching(/^INFO .*"postgres" is half-open/),
      expect.stringMatching(/^INFO .*"postgres" closed: calls flow again\.$/),
    ]);
  });

  it('re-opens on a failed trial call and waits another 60 s', async () => {
    await failTimes(5);
    vi.advanceTimersByTime(60_000);
    await database.execute(ok);
    await failTimes(1);
    expect(database.state).toBe('open');
    await expect(database.execute(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    vi.advanceTimersByTime(60_000);
    expect(database.state).toBe('half-open');
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.transitions')).toEqual({
      [transitions('closed', 'open')]: 1,
      [transitions('open', 'half_open')]: 2,
      [transitions('half_open', 'open')]: 1,
    });
  });

  it('does not count caller faults (HTTP 400) towards opening', async () => {
    const badRequest = (): Promise<never> =>
      Promise.reject(Object.assign(new Error('400 Bad Request'), { status: 400 }));
    for (let index = 0; index < 10; index++)
      await expect(database.execute(badRequest)).rejects.toThrow('400');
    expect(database.state).toBe('closed');
  });

  it('reports closed once after dispose, so no stale "open" outlives the integration, and refuses calls', async () => {
    await failTimes(5);
    const stateKey = keyOf(integrationAttributes);
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.state')).toEqual({ [stateKey]: 2 });
    database.dispose();
    database.dispose();
    expect(await pointValues(observability, 'mcp_o11y.circuit_breaker.state')).toEqual({ [stateKey]: 0 });
    expect(integrationInstruments(observability.meter).breakers.size).toBe(0);
    await expect(database.execute(ok)).rejects.toThrow('integration "postgres" was disposed');
  });
});
