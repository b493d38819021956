import { createObservability, type Observability } from '@mcp-o11y/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createToolCallRecorder, TOOL_CALL_SERIES } from '../src/record-tool-call.ts';

let observability: Observability | undefined;

async function setUp(): Promise<Observability> {
  observability = await createObservability({
    service: { name: 'record-tool-call-test' },
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
  });
  return observability;
}

afterEach(async () => {
  await observability?.shutdown();
  observability = undefined;
});

class UpstreamTimeoutError extends Error {}

describe('createToolCallRecorder (stand-in for instrument(server))', () => {
  it('records a SERVER span and one observation per call, with the outcome', async () => {
    const handle = await setUp();
    const record = createToolCallRecorder(handle);
    const ok = record('lookup', async () => ({ content: [{ type: 'text' as const, text: 'fine' }] }));
    const toolError = record('lookup', async () => ({
      isError: true,
      content: [{ type: 'text' as const, text: 'no' }],
    }));
    const thrower = record('lookup', async () => {
      throw new UpstreamTimeoutError('upstream took too long');
    });

    await ok();
    await toolError();
    await expect(thrower()).rejects.toThrow('upstream took too long');

    const [series, ...others] = handle.store!.listSeries(TOOL_CALL_SERIES);
    expect(others).toEqual([]);
    expect(series?.labels).toEqual({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'lookup' });
    const stats = series!.window(60);
    expect([stats.count, stats.errors, stats.consecutiveFailures]).toEqual([3, 2, 2]);

    const spans = handle.store!.recentSpans().reverse();
    expect(spans.map((span) => [span.name, span.kind, span.status, span.attributes['error.type']])).toEqual([
      ['tools/call lookup', 'server', 'unset', undefined],
      ['tools/call lookup', 'server', 'error', 'tool_error'],
      ['tools/call lookup', 'server', 'error', 'UpstreamTimeoutError'],
    ]);
    expect(spans[0]?.attributes).toEqual({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'lookup',
      'gen_ai.operation.name': 'execute_tool',
    });
    expect(spans[2]?.events.map((event) => event.name)).toEqual(['exception']);
  });
});
