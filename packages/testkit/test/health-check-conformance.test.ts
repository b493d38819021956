import type { HealthCheckV1, HealthResultV1 } from '@mcp-o11y/core';
import { describe, expect, it } from 'vitest';
import {
  checkHealthCheckAbort,
  checkHealthCheckResult,
  checkHealthCheckSpecification,
  checkHealthCheckUnreachable,
  describeHealthCheckConformance,
  type HealthCheckConformanceOptions,
} from '../src/index.js';
import { httpHealthCheck } from './reference-implementations.js';

describeHealthCheckConformance({
  name: 'reference http probe',
  create: ({ fetch }) => httpHealthCheck({ url: 'http://probe.test/ready', fetch }),
});

describeHealthCheckConformance({
  name: 'reference in-process check',
  create: () => ({
    specificationVersion: 'v1',
    name: 'queue-depth',
    critical: true,
    check: async () => ({ status: 'warn', message: 'queue at 80 %' }),
  }),
  capabilities: { http: false },
});

function broken(
  check: HealthCheckV1['check'],
  overrides: Partial<HealthCheckV1> = {},
): HealthCheckConformanceOptions {
  return {
    name: 'broken',
    create: () => ({ specificationVersion: 'v1', name: 'broken', check, ...overrides }),
  };
}

describe('health check checks report broken checks', () => {
  it('a missing name and a non-boolean critical', async () => {
    const check = async (): Promise<HealthResultV1> => ({ status: 'pass' });
    await expect(checkHealthCheckSpecification(broken(check, { name: '' }))).rejects.toThrow(
      '`name` must be a non-empty string',
    );
    await expect(
      checkHealthCheckSpecification(broken(check, { critical: 'yes' as unknown as boolean })),
    ).rejects.toThrow('`critical`, when present, must be a boolean');
  });

  it('an invalid status', async () => {
    const options = broken(async () => ({ status: 'ok' }) as unknown as HealthResultV1);
    await expect(checkHealthCheckResult(options)).rejects.toThrow(
      "`status` must be 'pass', 'warn' or 'fail'",
    );
  });

  it('details that are not an object', async () => {
    const options = broken(async () => ({ status: 'pass', details: 'fine' }) as unknown as HealthResultV1);
    await expect(checkHealthCheckResult(options)).rejects.toThrow('`details` must be a plain object');
  });

  it('a rejection against a healthy dependency', async () => {
    const options = broken(async () => {
      throw new Error('unexpected');
    });
    await expect(checkHealthCheckResult(options)).rejects.toThrow(
      'rejected on a healthy dependency: Error: unexpected',
    );
  });

  it('a check that ignores its signal', async () => {
    const options: HealthCheckConformanceOptions = {
      name: 'deaf',
      create: ({ fetch }) => ({
        specificationVersion: 'v1',
        name: 'deaf',
        check: async () => {
          await fetch('http://probe.test/ready');
          return { status: 'pass' };
        },
      }),
    };
    await expect(checkHealthCheckAbort(options)).rejects.toThrow(/did not settle within 2000 ms/);
  });

  it('a check that passes when the probe was aborted', async () => {
    const options: HealthCheckConformanceOptions = {
      name: 'optimist',
      create: ({ fetch }) => ({
        specificationVersion: 'v1',
        name: 'optimist',
        check: async ({ signal }) => {
          await fetch('http://probe.test/ready', { signal }).catch(() => undefined);
          return { status: 'pass' };
        },
      }),
    };
    await expect(checkHealthCheckAbort(options)).rejects.toThrow(
      "reported 'pass' on a hung dependency aborted by the signal",
    );
    await expect(checkHealthCheckUnreachable(options)).rejects.toThrow(
      "reported 'pass' on a refused connection",
    );
  });

  it('a check that never calls the injected fetch', async () => {
    const options = broken(() => new Promise(() => undefined));
    await expect(checkHealthCheckAbort(options)).rejects.toThrow('never called the injected fetch');
  });

  it('accepts a rejection once aborted: core reports it as fail', async () => {
    const options: HealthCheckConformanceOptions = {
      name: 'thrower',
      create: ({ fetch }) => ({
        specificationVersion: 'v1',
        name: 'thrower',
        check: async ({ signal }) => {
          const response = await fetch('http://probe.test/ready', { signal });
          return { status: response.ok ? 'pass' : 'fail' };
        },
      }),
    };
    await expect(checkHealthCheckAbort(options)).resolves.toBeUndefined();
    await expect(checkHealthCheckUnreachable(options)).resolves.toBeUndefined();
  });
});
