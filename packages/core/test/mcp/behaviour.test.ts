import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { instrument, instrumentClient } from '../../src/mcp/instrument.js';
import { type Observed, observe } from './observe.js';
import { buildV1Server } from './v1-fixtures.js';

let observed: Observed | undefined;
afterEach(async () => {
  await observed?.shutdown();
  observed = undefined;
});

/** Every method the fixture serves, each outcome, in one session; returns what the client saw. */
async function scriptedSession(instrumentWith: Observed | undefined): Promise<unknown[]> {
  const server = buildV1Server();
  const client = new Client({ name: 'script', version: '1.0.0' });
  if (instrumentWith !== undefined) {
    instrument(server, { observability: instrumentWith.observability });
    instrumentClient(client, { observability: instrumentWith.observability });
  }
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  const outcomes: unknown[] = [
    client.getServerVersion(),
    client.getServerCapabilities(),
    client.getInstructions(),
  ];
  const steps: (() => Promise<unknown>)[] = [
    () => client.ping(),
    () => client.listTools(),
    () => client.callTool({ name: 'echo', arguments: { text: 'same' } }),
    () => client.callTool({ name: 'boom', arguments: {} }),
    () => client.callTool({ name: 'soft_fail', arguments: {} }),
    () => client.callTool({ name: 'ghost', arguments: {} }),
    () => client.callTool({ name: 'echo', arguments: { text: 1 } }),
    () => client.listResources(),
    () => client.readResource({ uri: 'docs://readme' }),
    () => client.readResource({ uri: 'docs://missing' }),
    () => client.listResourceTemplates(),
    () => client.readResource({ uri: 'docs://pages/intro' }),
    () => client.listPrompts(),
    () => client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } }),
    () => client.getPrompt({ name: 'nope', arguments: {} }),
    () =>
      client.complete({
        ref: { type: 'ref/resource', uri: 'docs://pages/{page}' },
        argument: { name: 'page', value: 'in' },
      }),
    () => client.setLoggingLevel('debug'),
  ];
  for (const step of steps) {
    outcomes.push(
      await step().then(
        (value) => ({ ok: value }),
        (error: { code?: unknown; message?: unknown }) => ({
          error: { code: error.code, message: error.message },
        }),
      ),
    );
  }
  await client.close();
  return outcomes;
}

describe('instrumentation changes no protocol behaviour', () => {
  it('a scripted session over every method answers identically with and without instrumentation', async () => {
    const plain = await scriptedSession(undefined);
    observed = await observe();
    const instrumented = await scriptedSession(observed);
    expect(instrumented).toEqual(plain);
    // The session was really instrumented: one server span per request.
    expect(observed.spans().filter((span) => span.kind === 1).length).toBeGreaterThanOrEqual(18);
    expect(JSON.stringify(plain)).toContain('-32602');
  });

  it('an adapter whose exporter throws changes nothing for the client', async () => {
    const plain = await scriptedSession(undefined);
    observed = await observe({ throwingExporter: true });
    const instrumented = await scriptedSession(observed);
    expect(instrumented).toEqual(plain);
    expect(observed.observability.diagnostics().faults.length).toBeGreaterThan(0);
  });
});
