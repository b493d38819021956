import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { currentCorrelationId } from '../../src/correlation/correlation-id.js';
import { instrument } from '../../src/mcp/instrument.js';
import { type Observed, observe, until } from './observe.js';

let observed: Observed;
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  await observed.shutdown();
});

interface Seen {
  readonly before: string | undefined;
  readonly afterAwait: string | undefined;
  readonly spanId: string | undefined;
}

async function connect(seen: Seen[]) {
  const server = new McpServer({ name: 'correlation', version: '1.0.0' });
  server.registerTool('probe', { inputSchema: { text: z.string() } }, async ({ text }) => {
    const before = currentCorrelationId();
    const spanId = trace.getActiveSpan()?.spanContext().spanId;
    await new Promise((resolve) => setTimeout(resolve, 1));
    seen.push({ before, afterAwait: currentCorrelationId(), spanId });
    return { content: [{ type: 'text', text }] };
  });
  instrument(server, { observability: observed.observability });
  const client = new Client({ name: 'correlation-client', version: '1.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

function serverSpans() {
  return observed.spans().filter((span) => span.name === 'tools/call probe' && span.kind === SpanKind.SERVER);
}

describe('correlation id of an instrumented request', () => {
  it('is the same in the handler (across awaits) and on the span; generated per request, or taken from _meta', async () => {
    const seen: Seen[] = [];
    const client = await connect(seen);
    await client.callTool({ name: 'probe', arguments: { text: 'a' } });
    await client.callTool({ name: 'probe', arguments: { text: 'b' } });
    await client.callTool({
      name: 'probe',
      arguments: { text: 'c' },
      _meta: { 'io.mcp-o11y/correlationId': 'from-client-7' },
    });
    await until(() => serverSpans().length === 3);

    const bySpanId = new Map(serverSpans().map((span) => [span.spanContext().spanId, span]));
    expect(seen).toHaveLength(3);
    for (const call of seen) {
      expect(call.before).toBeDefined();
      expect(call.afterAwait).toBe(call.before);
      const span = bySpanId.get(call.spanId as string);
      expect(span?.attributes['mcp_o11y.correlation_id']).toBe(call.before);
    }
    expect(seen[0]?.before).not.toBe(seen[1]?.before);
    expect(seen[2]?.before).toBe('from-client-7');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('still reaches the handler when no OpenTelemetry context manager is active', async () => {
    const seen: Seen[] = [];
    const client = await connect(seen);
    // As after another SDK's shutdown: context.with no longer activates anything.
    context.disable();
    await client.callTool({
      name: 'probe',
      arguments: { text: 'a' },
      _meta: { correlationId: 'no-manager-1' },
    });
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ before: 'no-manager-1', afterAwait: 'no-manager-1' });
  });
});
