import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NotifierDeliveryStats } from '../../alerts/delivery/delivery-options.js';
import type { DroppedTelemetryV1 } from '../../pipeline/dropped-telemetry.js';
import type { AdapterFaultV1 } from '../../pipeline/fault-reporter.js';
import type { StoredMetric } from '../../store/stored-metric.js';
import { adapterExportCheck } from './adapter-export-check.js';
import { circuitBreakerCheck } from './circuit-breaker-check.js';
import { configurationCheck } from './configuration-check.js';
import { diskSpaceCheck } from './disk-space-check.js';
import { eventLoopDelayCheck } from './event-loop-delay-check.js';
import { memoryCheck } from './memory-check.js';
import { notifierDeliveryCheck } from './notifier-delivery-check.js';

const signal = new AbortController().signal;

describe('adapterExportCheck', () => {
  it('passes, warns on new export failures or queue drops, fails when they persist, recovers', async () => {
    let faults: AdapterFaultV1[] = [];
    let dropped: DroppedTelemetryV1[] = [];
    const check = adapterExportCheck(
      'otlp',
      { diagnostics: () => ({ faults, dropped }) },
      { failAfterRuns: 2 },
    );
    expect(check.name).toBe('adapter:otlp');
    expect((await check.check({ signal })).status).toBe('pass');

    faults = [{ adapter: 'otlp', operation: 'export', count: 2, firstMessage: 'Error: ECONNREFUSED' }];
    const warned = await check.check({ signal });
    expect(warned).toMatchObject({
      status: 'warn',
      details: { observedValue: 2, firstError: 'Error: ECONNREFUSED' },
    });
    expect(warned.remediation).toMatch(/reachable/);

    faults = [{ adapter: 'otlp', operation: 'export', count: 5, firstMessage: 'Error: ECONNREFUSED' }];
    expect((await check.check({ signal })).status).toBe('fail');
    expect((await check.check({ signal })).status).toBe('pass');

    dropped = [{ adapter: 'otlp', signal: 'traces', reason: 'queue_full', count: 100 }];
    const full = await check.check({ signal });
    expect(full.status).toBe('warn');
    expect(full.message).toMatch(/full export queue/);
    // Another adapter's failures and shutdown failures do not count.
    faults = [
      { adapter: 'otlp', operation: 'export', count: 5, firstMessage: 'x' },
      { adapter: 'otlp', operation: 'shutdown', count: 1, firstMessage: 'x' },
      { adapter: 'sentry', operation: 'export', count: 9, firstMessage: 'x' },
    ];
    expect((await check.check({ signal })).status).toBe('pass');
  });
});

describe('notifierDeliveryCheck', () => {
  const stats = (consecutiveFailures: number): NotifierDeliveryStats => ({
    delivered: 1,
    failed: consecutiveFailures,
    queued: 0,
    consecutiveFailures,
    ...(consecutiveFailures > 0 ? { lastFailureReason: 'HTTP 403' } : {}),
  });
  it('passes while notifications get through, warns then fails on consecutive failures', async () => {
    let current: Record<string, NotifierDeliveryStats> = { slack: stats(0), console: stats(0) };
    const check = notifierDeliveryCheck(() => current);
    expect((await check.check({ signal })).status).toBe('pass');
    current = { slack: stats(1), console: stats(0) };
    const warned = await check.check({ signal });
    expect(warned.status).toBe('warn');
    expect(warned.message).toContain('slack');
    expect(warned.remediation).toMatch(/sendTestNotification\('slack'\)/);
    current = { slack: stats(3), console: stats(0) };
    expect((await check.check({ signal })).status).toBe('fail');
  });
});

describe('circuitBreakerCheck', () => {
  const gauge = (states: Record<string, number>): StoredMetric[] => [
    {
      name: 'mcp_o11y.circuit_breaker.state',
      description: '',
      unit: '{state}',
      scope: 'test',
      type: 'gauge',
      points: Object.entries(states).map(([name, value]) => ({
        attributes: { 'integration.name': name },
        startTimeMs: 0,
        endTimeMs: 0,
        value,
      })),
    } as unknown as StoredMetric,
  ];
  it('warns with the names of open breakers', async () => {
    let metrics = gauge({ postgres: 0, 'weather-api': 1 });
    const check = circuitBreakerCheck(async () => ({ metrics, errors: [] }));
    expect((await check.check({ signal })).status).toBe('pass');
    metrics = gauge({ postgres: 2, 'weather-api': 0 });
    const warned = await check.check({ signal });
    expect(warned).toMatchObject({
      status: 'warn',
      details: { breakers: { postgres: 'open', 'weather-api': 'closed' } },
    });
    expect(warned.message).toContain('postgres');
    expect(warned.remediation).toBeTruthy();
  });
});

describe('configurationCheck', () => {
  it('passes while the pipeline runs and fails, critically, once it is shut down', async () => {
    let shutDown = false;
    const check = configurationCheck({
      diagnostics: () => ({ adapters: ['memory'], shutDown, disabled: false, sampler: undefined }),
    });
    expect(check.critical).toBe(true);
    expect((await check.check({ signal })).status).toBe('pass');
    shutDown = true;
    expect((await check.check({ signal })).status).toBe('fail');
  });
});

describe('resource checks', () => {
  it('memory fails against a tiny limit, with remediation', async () => {
    expect((await memoryCheck({ limitBytes: 1024 }).check({ signal })).status).toBe('fail');
    const roomy = await memoryCheck({ limitBytes: Number.MAX_SAFE_INTEGER }).check({ signal });
    expect(roomy.details).toMatchObject({ observedUnit: 'percent' });
  });

  it('disk space measures the closest existing parent of a missing state directory', async () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'health-disk-')), 'not', 'yet');
    const relaxed = await diskSpaceCheck({ directory, warnFreeRatio: 0, failFreeRatio: 0 }).check({ signal });
    expect(relaxed.details).toMatchObject({ directory });
    expect(Number(relaxed.details?.totalBytes)).toBeGreaterThan(0);
    // No disk has more than 100 % free: this threshold always warns.
    const strict = await diskSpaceCheck({ directory, warnFreeRatio: 1.01, failFreeRatio: 0 }).check({
      signal,
    });
    expect(strict.status).not.toBe('pass');
    expect(strict.remediation).toMatch(/MCP_O11Y_STATE_DIR/);
  });

  it('event loop delay warns after the loop was blocked', async () => {
    const check = eventLoopDelayCheck({ warnMs: 50, failMs: 10_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const until = Date.now() + 250;
      while (Date.now() < until) {
        // Block the loop.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      const blocked = await check.check({ signal });
      expect(blocked.status).toBe('warn');
      expect(blocked.details).toMatchObject({ observedUnit: 'ms' });
    } finally {
      check.close();
    }
  });
});
