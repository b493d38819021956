import { type Attributes, SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { InFlightCount } from './in-flight-gauge.js';
import { MetricEntry, OperationEntry, type Side, targetKeyOf } from './operation-cache.js';

const PROFILE = Object.freeze({ 'network.transport': 'pipe', 'mcp.protocol.version': '2025-11-25' });

function metricEntry(side: Side, method: string, targetKey?: string, target?: string) {
  const seriesLabels: Record<string, string>[] = [];
  const inFlight: Attributes[] = [];
  const entry = new MetricEntry(
    side,
    method,
    targetKey,
    target,
    PROFILE,
    (labels) => {
      seriesLabels.push(labels);
      return undefined;
    },
    (attributes) => {
      inFlight.push(attributes);
      return new InFlightCount(attributes);
    },
  );
  return { entry, seriesLabels, inFlight };
}

describe('targetKeyOf', () => {
  it('names the target attribute of each method; resource URIs only when opted in', () => {
    expect(targetKeyOf('tools/call', false)).toBe('gen_ai.tool.name');
    expect(targetKeyOf('prompts/get', false)).toBe('gen_ai.prompt.name');
    expect(targetKeyOf('resources/read', false)).toBeUndefined();
    expect(targetKeyOf('resources/read', true)).toBe('mcp.resource.uri');
    expect(targetKeyOf('tools/list', true)).toBeUndefined();
  });
});

describe('OperationEntry', () => {
  it('names a tool span "{method} {tool}" and starts it with the semconv attributes', () => {
    const { entry: metrics } = metricEntry('server', 'tools/call', 'gen_ai.tool.name', 'echo');
    const operation = new OperationEntry(
      SpanKind.SERVER,
      'tools/call',
      'gen_ai.tool.name',
      'echo',
      metrics,
      false,
    );
    expect(operation.spanName).toBe('tools/call echo');
    expect(operation.spanAttributes).toEqual({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
    });
    expect(Object.isFrozen(operation.spanAttributes)).toBe(true);
    expect(operation.spanOptions).toEqual({ kind: SpanKind.SERVER, attributes: operation.spanAttributes });
  });

  it('keeps a resource URI out of the span name, and gen_ai.operation.name off other methods', () => {
    const { entry: metrics } = metricEntry('client', 'resources/read', 'mcp.resource.uri', '_OTHER');
    const read = new OperationEntry(
      SpanKind.CLIENT,
      'resources/read',
      'mcp.resource.uri',
      'docs://x',
      metrics,
      false,
    );
    expect(read.spanName).toBe('resources/read');
    expect(read.spanAttributes).toEqual({ 'mcp.method.name': 'resources/read' });
    const prompt = new OperationEntry(
      SpanKind.CLIENT,
      'prompts/get',
      'gen_ai.prompt.name',
      'greet',
      metrics,
      true,
    );
    expect(prompt.spanName).toBe('prompts/get greet');
    expect(prompt.spanAttributes).toEqual({
      'mcp.method.name': 'prompts/get',
      'gen_ai.prompt.name': 'greet',
    });
    expect(prompt.provisional).toBe(true);
  });
});

describe('MetricEntry', () => {
  it('puts method, target and profile on the histogram, and only method and target on series and in-flight', () => {
    const { entry, seriesLabels, inFlight } = metricEntry('server', 'tools/call', 'gen_ai.tool.name', 'echo');
    expect(entry.outcome('ok')).toEqual({
      metricAttributes: {
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'echo',
        'gen_ai.operation.name': 'execute_tool',
        'network.transport': 'pipe',
        'mcp.protocol.version': '2025-11-25',
      },
      spanAttributes: undefined,
      spanError: false,
      seriesError: false,
      errorAttributes: undefined,
    });
    expect(seriesLabels).toEqual([{ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' }]);
    expect(inFlight).toEqual([
      { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo', 'mcp_o11y.role': 'server' },
    ]);
    expect(entry.folded).toBe(false);
  });

  it('returns the same cached outcome object every time', () => {
    const { entry } = metricEntry('server', 'tools/list');
    expect(entry.outcome(-32603)).toBe(entry.outcome(-32603));
    expect(entry.outcome('ok')).toBe(entry.outcome('ok'));
  });

  it('treats caller faults on the server as unset status, with a status code but no error.type', () => {
    const { entry } = metricEntry('server', 'tools/call', 'gen_ai.tool.name', 'echo');
    const outcome = entry.outcome(-32602);
    expect(outcome.spanAttributes).toEqual({ 'rpc.response.status_code': '-32602' });
    expect(outcome.spanError).toBe(false);
    // A caller fault is no server error: the series (and HighErrorRate) does not count it.
    expect(outcome.seriesError).toBe(false);
    expect(outcome.metricAttributes).toMatchObject({ 'rpc.response.status_code': '-32602' });
    expect(outcome.metricAttributes['error.type']).toBeUndefined();
    expect(outcome.errorAttributes).toEqual({
      'mcp.method.name': 'tools/call',
      'mcp_o11y.error.category': 'validation',
    });
  });

  it('treats the same code on the client as an error with error.type', () => {
    const { entry } = metricEntry('client', 'tools/call', 'gen_ai.tool.name', 'echo');
    const outcome = entry.outcome(-32602);
    expect(outcome.spanAttributes).toEqual({ 'error.type': '-32602', 'rpc.response.status_code': '-32602' });
    expect(outcome.spanError).toBe(true);
  });

  it('maps the string outcomes to error.type and categories', () => {
    const server = metricEntry('server', 'tools/call', 'gen_ai.tool.name', 'echo').entry;
    expect(server.outcome('tool_error')).toMatchObject({
      spanAttributes: { 'error.type': 'tool_error' },
      spanError: true,
      errorAttributes: { 'mcp_o11y.error.category': 'tool_error' },
    });
    expect(server.outcome('orphaned')).toMatchObject({
      spanAttributes: { 'error.type': 'orphaned' },
      errorAttributes: { 'mcp_o11y.error.category': 'timeout' },
    });
    expect(server.outcome('transport').errorAttributes).toMatchObject({
      'mcp_o11y.error.category': 'transport',
    });
    // Cancellation is the caller's choice: no server error, not an error in the series, not counted.
    expect(server.outcome('cancelled')).toMatchObject({
      spanAttributes: { 'error.type': 'cancelled' },
      spanError: false,
      seriesError: false,
      errorAttributes: undefined,
    });
    const client = metricEntry('client', 'tools/call', 'gen_ai.tool.name', 'echo').entry;
    expect(client.outcome('cancelled').spanError).toBe(true);
  });

  it('counts an isError result of a tool the server does not know (folded into _OTHER) as validation', () => {
    const { entry } = metricEntry('server', 'tools/call', 'gen_ai.tool.name', '_OTHER');
    expect(entry.folded).toBe(true);
    expect(entry.outcome('tool_error').errorAttributes).toEqual({
      'mcp.method.name': 'tools/call',
      'mcp_o11y.error.category': 'validation',
    });
    expect(entry.outcome('ok').metricAttributes).toMatchObject({ 'gen_ai.tool.name': '_OTHER' });
  });

  it('stops caching outcomes past 64 distinct keys, so a hostile peer cannot grow it', () => {
    const { entry } = metricEntry('server', 'tools/list');
    for (let code = 1; code <= 64; code += 1) entry.outcome(-code);
    const first = entry.outcome(-1000);
    expect(entry.outcome(-1000)).not.toBe(first);
    expect(entry.outcome(-1000)).toEqual(first);
    expect(entry.outcome(-1)).toBe(entry.outcome(-1));
  });
});
