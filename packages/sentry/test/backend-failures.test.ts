import { createObservability, type Observability } from '@mcp-o11y/core';
import { type HttpReceiver, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { sentry } from '../src/index.js';
import { envelopeNotAccepted } from '../src/sentry-sink.js';

/*
 * Regression (issue 11, fault-injection suite): the Sentry client's sendEnvelope never rejects, so the
 * exporter reported every batch as exported while Sentry answered 500, 429 or could not be reached, and
 * the lost spans were counted nowhere. Now a batch Sentry did not take is reported failed, and core counts
 * its spans in mcp_o11y.exporter.dropped.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function pipeline(dsn: string): Promise<Observability> {
  const observability = await createObservability({
    service: { name: 'sentry-failure-test' },
    adapters: [sentry({ dsn, tracesSampleRate: 1 })],
    memory: false,
    env: { OTEL_BSP_SCHEDULE_DELAY: '10' },
    logging: { destination: false },
    alerts: false,
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
  });
  cleanups.push(() => observability.shutdown());
  return observability;
}

async function receiver(status: number): Promise<HttpReceiver> {
  const started = await startHttpReceiver({ handler: () => ({ status, body: {} }) });
  cleanups.push(() => started.close());
  return started;
}

function droppedSpans(observability: Observability): number {
  return observability
    .diagnostics()
    .dropped.filter((entry) => entry.adapter === 'sentry' && entry.signal === 'traces')
    .reduce((sum, entry) => sum + entry.count, 0);
}

function endRootSpans(observability: Observability, count: number): void {
  for (let index = 0; index < count; index += 1) observability.tracer.startSpan(`root ${index}`).end();
}

describe('spans Sentry did not take are counted as dropped', () => {
  it.each([500, 429])('Sentry answering %s: every span counted', async (status) => {
    const sentryReceiver = await receiver(status);
    const observability = await pipeline(`http://publickey@127.0.0.1:${sentryReceiver.port}/1`);
    endRootSpans(observability, 3);
    await observability.forceFlush();
    expect(sentryReceiver.requests.length).toBeGreaterThan(0);
    expect(droppedSpans(observability)).toBe(3);
  });

  it('Sentry unreachable: every span counted', async () => {
    const closed = await receiver(200);
    const port = closed.port;
    await closed.close();
    const observability = await pipeline(`http://publickey@127.0.0.1:${port}/1`);
    endRootSpans(observability, 2);
    await observability.forceFlush();
    expect(droppedSpans(observability)).toBe(2);
  });

  it('Sentry answering 200: nothing counted', async () => {
    const sentryReceiver = await receiver(200);
    const observability = await pipeline(`http://publickey@127.0.0.1:${sentryReceiver.port}/1`);
    endRootSpans(observability, 3);
    await observability.forceFlush();
    expect(sentryReceiver.requests).toHaveLength(3);
    expect(droppedSpans(observability)).toBe(0);
  });
});

describe('envelopeNotAccepted', () => {
  it('takes a 2xx response, refuses an error status and a send that never happened', () => {
    expect(envelopeNotAccepted({ statusCode: 200 })).toBeUndefined();
    expect(envelopeNotAccepted({ statusCode: 429 })).toBe('Sentry answered HTTP 429');
    expect(envelopeNotAccepted({})).toMatch(/^not sent/);
    expect(envelopeNotAccepted(undefined)).toMatch(/^not sent/);
  });
});
