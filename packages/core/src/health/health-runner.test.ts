import { describe, expect, it } from 'vitest';
import type { HealthResultV1 } from '../spec/health/v1/health-check-v1.js';
import { createHealthRunner } from './health-runner.js';

const result =
  (status: HealthResultV1['status'], extra: Partial<HealthResultV1> = {}) =>
  async () => ({
    status,
    ...extra,
  });

describe('createHealthRunner', () => {
  it('summarises pass, warn, a non-critical fail (degraded) and a critical fail (not ready)', async () => {
    const runner = createHealthRunner({ cacheTtlMs: 0 });
    runner.add({ name: 'a', check: result('pass') });
    expect(await runner.run()).toMatchObject({ status: 'pass', ready: true });

    runner.add({ name: 'b', check: result('warn') });
    expect(await runner.run()).toMatchObject({ status: 'warn', ready: true });

    const removeC = runner.add({ name: 'c', check: result('fail') });
    expect(await runner.run()).toMatchObject({ status: 'warn', ready: true });
    removeC();

    runner.add({ name: 'd', critical: true, check: result('fail') });
    const report = await runner.run();
    expect(report).toMatchObject({ status: 'fail', ready: false });
    expect(report.checks.map((check) => [check.name, check.status, check.critical])).toEqual([
      ['a', 'pass', false],
      ['b', 'warn', false],
      ['d', 'fail', true],
    ]);
  });

  it('is not ready once the pipeline is down, whatever the checks say', async () => {
    let up = true;
    const runner = createHealthRunner({ cacheTtlMs: 10_000, isUp: () => up });
    runner.add({ name: 'a', check: result('pass') });
    expect((await runner.run()).ready).toBe(true);
    up = false;
    expect(await runner.run()).toMatchObject({ status: 'fail', ready: false });
  });

  it('reports a throwing check as fail with its (redacted) message', async () => {
    const runner = createHealthRunner();
    runner.add({
      name: 'database',
      check: async () => {
        throw new Error('connect failed: postgres://app:hunter2secret@db:5432/app');
      },
    });
    const [check] = (await runner.run()).checks;
    expect(check).toMatchObject({ name: 'database', status: 'fail' });
    expect(check?.message).toContain('connect failed');
    expect(check?.message).not.toContain('hunter2secret');
    expect(check?.remediation).toBeTruthy();
  });

  it('cuts a check that never answers at its timeout, aborting its signal', async () => {
    const runner = createHealthRunner({ timeoutMs: 50 });
    let aborted: unknown;
    runner.add({
      name: 'hung',
      check: ({ signal }) =>
        new Promise<never>(() => {
          signal.addEventListener('abort', () => {
            aborted = signal.reason;
          });
        }),
    });
    runner.add({ name: 'fine', check: result('pass') });
    const report = await runner.run();
    expect(report.checks[0]).toMatchObject({ name: 'hung', status: 'fail', timedOut: true });
    expect(report.checks[0]?.message).toMatch(/within 50 ms/);
    expect(report.checks[1]).toMatchObject({ name: 'fine', status: 'pass' });
    expect(aborted).toBeInstanceOf(Error);
  });

  it('honours a per-check timeout over the runner default', async () => {
    const runner = createHealthRunner({ timeoutMs: 60_000 });
    runner.add({ name: 'slow', timeoutMs: 20, check: () => new Promise<never>(() => {}) });
    expect((await runner.run()).checks[0]).toMatchObject({ status: 'fail', timedOut: true });
  });

  it('reuses a report within the cache TTL and shares a run between concurrent callers', async () => {
    let runs = 0;
    const runner = createHealthRunner({ cacheTtlMs: 60_000 });
    runner.add({
      name: 'expensive',
      check: async () => {
        runs += 1;
        return { status: 'pass' };
      },
    });
    const [first, second] = await Promise.all([runner.run(), runner.run()]);
    expect(first).toBe(second);
    await runner.run();
    expect(runs).toBe(1);
    await runner.run({ fresh: true });
    expect(runs).toBe(2);
    expect(runner.latest()?.checks[0]?.status).toBe('pass');
  });

  it('redacts secrets in message, details and remediation', async () => {
    const runner = createHealthRunner();
    runner.add({
      name: 'api',
      check: result('warn', {
        message: 'GET https://api.example.com/v1?api_key=abcdef123456 returned 500',
        details: { password: 'hunter2secret', url: 'https://user:pa55word@api.example.com' },
        remediation: 'Rotate token=sk-abcdefghijklmnopqrstuvwxyz0123456789',
      }),
    });
    const text = JSON.stringify(await runner.run());
    for (const secret of [
      'abcdef123456',
      'hunter2secret',
      'pa55word',
      'sk-abcdefghijklmnopqrstuvwxyz0123456789',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });

  it('refuses a duplicate name and an invalid result', async () => {
    const runner = createHealthRunner();
    runner.add({ name: 'a', check: result('pass') });
    expect(() => runner.add({ name: 'a', check: result('pass') })).toThrow(/already exists/);
    runner.add({ name: 'b', check: async () => ({ status: 'ok' }) as unknown as HealthResultV1 });
    expect((await runner.run()).checks[1]).toMatchObject({ status: 'fail' });
    expect(() => createHealthRunner({ timeoutMs: 0 })).toThrow(RangeError);
  });

  it('accepts a HealthCheckV1 and gives readings for the alert engine', async () => {
    const runner = createHealthRunner();
    runner.add({
      specificationVersion: 'v1',
      name: 'spec-check',
      critical: true,
      check: result('fail', { message: 'down' }),
    });
    expect(await runner.readings()).toEqual([{ name: 'spec-check', status: 'fail', message: 'down' }]);
    expect(runner.names()).toEqual(['spec-check']);
  });
});
