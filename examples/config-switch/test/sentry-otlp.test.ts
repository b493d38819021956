import { afterEach, expect, it } from 'vitest';
import {
  type EnvelopeReceiver,
  startEnvelopeReceiver,
} from '../../../packages/sentry/test/envelope-receiver.ts';
import { type BackendReceiver, otlpReceiver } from './support/backend-receivers.ts';
import { type RunningExample, runExample } from './support/run-example.ts';
import {
  expectForecastTrace,
  fromStore,
  INTEGRATION_SPAN_NAME,
  TOOL_SPAN_NAME,
} from './support/trace-span.ts';

let sentry: EnvelopeReceiver | undefined;
let otlp: BackendReceiver | undefined;
let example: RunningExample | undefined;

afterEach(async () => {
  await example?.stop();
  await sentry?.close();
  await otlp?.close();
  example = sentry = otlp = undefined;
});

it('sentry-otlp.yaml: one request has the same trace id in the Sentry transaction and the OTLP collector', async () => {
  sentry = await startEnvelopeReceiver();
  otlp = await otlpReceiver();
  example = await runExample('sentry-otlp.yaml', { SENTRY_DSN: sentry.dsn, ...otlp.env });
  const { observability, client } = example;
  expect(observability.diagnostics().adapters).toEqual(['memory', 'sentry', 'otlp']);

  await client.forecast('Oslo');
  await observability.forceFlush();
  const { client: clientSpan, server, integration } = expectForecastTrace(otlp.spans(), 'OTLP');
  expect(expectForecastTrace(observability.store?.recentSpans().map(fromStore) ?? [], 'memory')).toEqual({
    client: clientSpan,
    server,
    integration,
  });

  // The server span continues a remote parent (the client's context in params._meta), so it starts a
  // transaction of its own, with the integration span as its child; the client span is another one.
  const serverTransaction = await sentry.waitFor(() =>
    sentry?.items('transaction').find((item) => item.contexts?.trace?.span_id === server.spanId),
  );
  expect(serverTransaction).toMatchObject({
    type: 'transaction',
    transaction: TOOL_SPAN_NAME,
    contexts: {
      trace: { trace_id: clientSpan.traceId, parent_span_id: clientSpan.spanId, op: 'mcp.server' },
    },
  });
  expect(serverTransaction.spans).toEqual([
    expect.objectContaining({
      trace_id: clientSpan.traceId,
      span_id: integration.spanId,
      parent_span_id: server.spanId,
      description: INTEGRATION_SPAN_NAME,
    }),
  ]);
  const clientTransaction = await sentry.waitFor(() =>
    sentry?.items('transaction').find((item) => item.contexts?.trace?.span_id === clientSpan.spanId),
  );
  expect(clientTransaction.contexts.trace).toMatchObject({ trace_id: clientSpan.traceId, op: 'mcp.client' });
  expect(clientTransaction.contexts.trace.parent_span_id).toBeUndefined();
  // One tool call, one trace: no tools/call transaction arrived under another trace id.
  const toolCalls = sentry.items('transaction').filter((item) => item.transaction === TOOL_SPAN_NAME);
  expect(new Set(toolCalls.map((item) => item.contexts.trace.trace_id))).toEqual(
    new Set([clientSpan.traceId]),
  );
  expect(observability.diagnostics().faults).toEqual([]);
});
