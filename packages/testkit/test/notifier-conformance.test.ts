import type { DeliveryResultV1, NotifierV1 } from '@mcp-o11y/core';
import { describe, expect, it } from 'vitest';
import {
  type CaptureFetch,
  ConformanceError,
  checkNotifierAbort,
  checkNotifierCanonicalFixtures,
  checkNotifierClientErrors,
  checkNotifierConnectionRefused,
  checkNotifierDelivers,
  checkNotifierNoStdout,
  checkNotifierRetryAfter,
  checkNotifierSecrets,
  checkNotifierServerErrors,
  checkNotifierSpecification,
  describeNotifierConformance,
  type NotifierConformanceOptions,
} from '../src/index.js';
import { webhookNotifier } from './reference-implementations.js';

const token = 'xoxb-REFERENCE-SECRET';
const url = `https://hooks.test/services/${token}`;

describeNotifierConformance({
  name: 'reference webhook',
  create: ({ fetch }) => webhookNotifier({ url, token, fetch }),
  secrets: [token],
  snapshot: (request) => ({
    method: request.method,
    contentType: request.headers['content-type'],
    body: request.json(),
  }),
});

/** A notifier built from the reference one with one behaviour changed. */
function broken(
  change: (result: DeliveryResultV1, fetch: CaptureFetch) => DeliveryResultV1 | Promise<DeliveryResultV1>,
): NotifierConformanceOptions {
  return {
    name: 'broken',
    secrets: [token],
    create: ({ fetch }) => {
      const reference = webhookNotifier({ url, token, fetch });
      return {
        ...reference,
        send: async (notification, options) => change(await reference.send(notification, options), fetch),
      };
    },
  };
}

function custom(
  send: (fetch: CaptureFetch, signal: AbortSignal) => Promise<DeliveryResultV1>,
  overrides: Partial<NotifierV1> = {},
) {
  return {
    name: 'broken',
    secrets: [token],
    create: ({ fetch }: { fetch: CaptureFetch }): NotifierV1 => ({
      specificationVersion: 'v1',
      id: 'broken',
      send: (_notification, { signal }) => send(fetch, signal),
      ...overrides,
    }),
  } satisfies NotifierConformanceOptions;
}

describe('notifier checks report broken notifiers', () => {
  it('a wrong specificationVersion', async () => {
    const options = custom(async () => ({ status: 'delivered' }), { specificationVersion: 'v2' as 'v1' });
    await expect(checkNotifierSpecification(options)).rejects.toThrow("`specificationVersion` must be 'v1'");
  });

  it('delivered without making a request', async () => {
    const options = custom(async () => ({ status: 'delivered' }));
    await expect(checkNotifierDelivers(options)).rejects.toThrow("reported 'delivered' without a request");
  });

  it('a throw on 5xx instead of a retryable result', async () => {
    const options = custom(async (fetch) => {
      const response = await fetch(url, { method: 'POST' });
      if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
      return { status: 'delivered' };
    });
    const error = await checkNotifierServerErrors(options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toContain('send rejected on a 500 response (Error: HTTP 500)');
  });

  it('a synchronous throw', async () => {
    const options = custom(() => {
      throw new Error('boom');
    });
    await expect(checkNotifierConnectionRefused(options)).rejects.toThrow('send threw synchronously');
  });

  it('Retry-After ignored, unless the capability is off', async () => {
    const options = broken((result) =>
      result.status === 'retryable' ? { status: 'retryable', reason: result.reason } : result,
    );
    await expect(checkNotifierRetryAfter(options)).rejects.toThrow(
      'expected retryAfterMs between 3000 and 3000 for Retry-After: 3, got undefined',
    );
    await expect(
      checkNotifierRetryAfter({ ...options, capabilities: { retryAfter: false } }),
    ).resolves.toBeUndefined();
  });

  it('an HTTP-date Retry-After not understood', async () => {
    // Behaves like a parser that only knows delay-seconds: the date becomes no delay at all.
    const options = broken((result) =>
      result.status === 'retryable' && (result.retryAfterMs ?? 0) > 3_000
        ? { ...result, retryAfterMs: 0 }
        : result,
    );
    await expect(checkNotifierRetryAfter(options)).rejects.toThrow(
      /expected retryAfterMs between 5000 and 11000/,
    );
  });

  it('401 retried instead of failed', async () => {
    const options = broken((result) =>
      result.status === 'failed' ? { status: 'retryable', reason: result.reason } : result,
    );
    await expect(checkNotifierClientErrors(options)).rejects.toThrow("expected 'failed' on a 400 response");
  });

  it('a refused connection reported as failed', async () => {
    const options = broken((result) =>
      result.status === 'retryable' ? { status: 'failed', reason: result.reason } : result,
    );
    await expect(checkNotifierConnectionRefused(options)).rejects.toThrow(
      "expected 'retryable' on a refused connection",
    );
  });

  it('a result without a reason', async () => {
    const options = broken((result) =>
      result.status === 'delivered' ? result : ({ status: result.status } as DeliveryResultV1),
    );
    await expect(checkNotifierServerErrors(options)).rejects.toThrow('`reason` must be a non-empty string');
  });

  it('an unknown status', async () => {
    const options = broken(() => ({ status: 'ok' }) as unknown as DeliveryResultV1);
    await expect(checkNotifierCanonicalFixtures(options)).rejects.toThrow("`status` must be 'delivered'");
  });

  it('the signal not passed to fetch (hangs)', async () => {
    const options = custom(async (fetch) => {
      await fetch(url, { method: 'POST' });
      return { status: 'delivered' };
    });
    await expect(checkNotifierAbort(options)).rejects.toThrow(/did not settle within 2000 ms/);
  });

  it('an abort reported as a rejection', async () => {
    const options = custom(async (fetch, signal) => {
      await fetch(url, { method: 'POST', signal });
      return { status: 'delivered' };
    });
    await expect(checkNotifierAbort(options)).rejects.toThrow(
      /send rejected on a hung request aborted by the signal \(AbortError/,
    );
  });

  it('the webhook URL copied into a reason', async () => {
    const options = broken((result) =>
      result.status === 'delivered'
        ? result
        : { status: result.status, reason: `${result.reason} (POST ${url})` },
    );
    await expect(checkNotifierSecrets(options)).rejects.toThrow(/contains secret #1/);
  });

  it('the response body (echoing credentials) copied into a reason', async () => {
    const options = custom(async (fetch, signal) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          signal,
        });
        if (response.ok) return { status: 'delivered' };
        return { status: 'failed', reason: `rejected: ${await response.text()}` };
      } catch {
        return { status: 'retryable', reason: 'unreachable' };
      }
    });
    await expect(checkNotifierSecrets(options)).rejects.toThrow(
      /the result of an echoing 400 response contains secret #1/,
    );
  });

  it('a secret check without secrets passes vacuously (the describe wrapper skips it)', async () => {
    await expect(
      checkNotifierSecrets({ ...broken((result) => result), secrets: [] }),
    ).resolves.toBeUndefined();
  });

  it('writing to stdout during a send', async () => {
    const options = broken((result) => {
      process.stdout.write(`sent: ${result.status}\n`);
      return result;
    });
    await expect(checkNotifierNoStdout(options)).rejects.toThrow(
      'wrote to stdout during sends ("sent: delivered\\n")',
    );
  });

  it('console.log during a send', async () => {
    const options = broken((result) => {
      console.log('delivery result', result.status);
      return result;
    });
    await expect(checkNotifierNoStdout(options)).rejects.toThrow(/wrote to stdout/);
  });

  it('close() is called after every check', async () => {
    let closed = 0;
    const options: NotifierConformanceOptions = {
      name: 'closing',
      create: ({ fetch }) => ({
        ...webhookNotifier({ url, token, fetch }),
        close: async () => void closed++,
      }),
    };
    await checkNotifierServerErrors(options);
    expect(closed).toBe(4);
  });
});
