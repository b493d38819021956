import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import {
  METRIC_SERVER_OPERATION_DURATION,
  SERIES_SERVER_OPERATION,
} from '../../src/mcp/semantic-conventions.js';
import { createObservability } from '../../src/pipeline/create-observability.js';
import type { Observability } from '../../src/pipeline/observability.js';
import type { ObservabilityOptions } from '../../src/pipeline/observability-options.js';
import { buildV1Server } from './v1-fixtures.js';

const open: Observability[] = [];
afterEach(async () => {
  for (const observability of open.splice(0)) await observability.shutdown();
});

async function callTools(options: ObservabilityOptions): Promise<Observability> {
  const observability = await createObservability({
    logging: { destination: false },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    alerts: false,
    ...options,
  });
  open.push(observability);
  const server = instrument(buildV1Server(), { observability });
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  instrumentClient(client, { observability });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  for (let index = 0; index < 5; index++) await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
  await client.close();
  return observability;
}

describe('MCP metrics and windows under sampling', () => {
  it('count every request when no trace is sampled', async () => {
    const observability = await callTools({ env: { OTEL_TRACES_SAMPLER: 'always_off' } });
    expect(observability.store?.recentSpans()).toEqual([]);
    const window = observability.store?.series(SERIES_SERVER_OPERATION, {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
    });
    expect(window?.window(60).count).toBe(5);
    const snapshot = await observability.store?.metricsSnapshot();
    const duration = snapshot?.metrics.find((metric) => metric.name === METRIC_SERVER_OPERATION_DURATION);
    const calls = duration?.points
      .filter((point) => point.attributes['gen_ai.tool.name'] === 'echo')
      .reduce((sum, point) => sum + ('count' in point ? point.count : 0), 0);
    expect(calls).toBe(5);
  });

  it('still run under OTEL_SDK_DISABLED, on no-ops', async () => {
    const observability = await callTools({ env: { OTEL_SDK_DISABLED: 'true' } });
    expect(observability.diagnostics().disabled).toBe(true);
  });
});
