import {
  Client as ClientV2,
  StreamableHTTPClientTransport as StreamableHTTPClientTransportV2,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { instrument } from '../../src/mcp/instrument.js';
import type { InstrumentOptions } from '../../src/mcp/instrument-options.js';
import { instrumentServerFactory } from '../../src/mcp/instrument-server-factory.js';
import type { PrincipalRequest } from '../../src/mcp/principal.js';
import { listen, serveFetch } from './http-harness.js';
import { type Observed, observe, until } from './observe.js';
import { buildV1Server } from './v1-fixtures.js';
import { buildV2Server } from './v2-fixtures.js';

let observed: Observed;
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  await observed.shutdown();
});

/**
 * A real SDK v1 server and client over InMemoryTransport; every message the client sends carries
 * `authInfo(message)` as the transport's auth info, which the server transport hands to the SDK as `extra.authInfo`.
 */
async function connect(
  options: InstrumentOptions,
  authInfo: (message: JSONRPCMessage) => AuthInfo | undefined = () => undefined,
) {
  const server = instrument(buildV1Server(), { observability: observed.observability, ...options });
  const client = new Client({ name: 'usage-client', version: '2.1.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const send = clientTransport.send.bind(clientTransport);
  clientTransport.send = (message, sendOptions) =>
    send(message, { ...sendOptions, authInfo: authInfo(message) });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return client;
}

const token = (clientId: string, extra?: Record<string, unknown>): AuthInfo => ({
  token: 'secret-token-never-recorded',
  clientId,
  scopes: ['tools'],
  ...(extra === undefined ? {} : { extra }),
});

function serverSpans(name: string): ReadableSpan[] {
  return observed.spans().filter((span) => span.kind === SpanKind.SERVER && span.name === name);
}

async function usagePoints() {
  return (await observed.metrics()).filter((point) => point.name === 'mcp_o11y.usage.requests');
}

describe('usage by principal', () => {
  it('takes authInfo.clientId by default: on the SERVER span, the usage counter and the usage series', async () => {
    const client = await connect({}, () => token('claude-desktop'));
    await client.callTool({ name: 'echo', arguments: { text: 'a' } });
    await client.callTool({ name: 'echo', arguments: { text: 'b' } });
    await client.listTools();
    await until(() => serverSpans('tools/call echo').length === 2);
    for (const span of serverSpans('tools/call echo')) {
      expect(span.attributes['mcp_o11y.principal']).toBe('claude-desktop');
    }
    const points = await usagePoints();
    expect(points.map((point) => [point.attributes, point.value])).toEqual(
      expect.arrayContaining([
        [
          {
            'mcp_o11y.principal': 'claude-desktop',
            'mcp.client.name': 'usage-client',
            'mcp.method.name': 'tools/call',
          },
          2,
        ],
        [
          {
            'mcp_o11y.principal': 'claude-desktop',
            'mcp.client.name': 'usage-client',
            'mcp.method.name': 'tools/list',
          },
          1,
        ],
      ]),
    );
    expect(JSON.stringify(points)).not.toContain('secret-token');
    const store = observed.observability.store;
    const byPrincipal = store?.listSeries('mcp_o11y.usage.principal') ?? [];
    expect(byPrincipal.map((series) => series.labels)).toEqual([{ 'mcp_o11y.principal': 'claude-desktop' }]);
    // initialize, notifications are not requests: tools/call ×2 and tools/list, plus initialize.
    expect(byPrincipal[0]?.window(60).count).toBe(4);
    const byClient = store?.listSeries('mcp_o11y.usage.client') ?? [];
    expect(byClient.map((series) => series.labels)).toEqual([{ 'mcp.client.name': 'usage-client' }]);
    expect(byClient[0]?.window(60).count).toBe(4);
  });

  it('without auth info there is no principal; usage still counts by client and method', async () => {
    const client = await connect({});
    await client.callTool({ name: 'echo', arguments: { text: 'a' } });
    await until(() => serverSpans('tools/call echo').length === 1);
    expect(serverSpans('tools/call echo')[0]?.attributes['mcp_o11y.principal']).toBeUndefined();
    const points = await usagePoints();
    expect(points.find((point) => point.attributes['mcp.method.name'] === 'tools/call')?.attributes).toEqual({
      'mcp.client.name': 'usage-client',
      'mcp.method.name': 'tools/call',
    });
    expect(observed.observability.store?.listSeries('mcp_o11y.usage.principal')).toEqual([]);
  });

  it('runs a custom hook once per request with auth info, _meta, method and client; its answer wins', async () => {
    const seen: PrincipalRequest[] = [];
    const principal = vi.fn((request: PrincipalRequest) => {
      seen.push(request);
      return `tenant-${String(request.authInfo?.extra?.tenant)}`;
    });
    const client = await connect({ principal }, () => token('app-1', { tenant: 'acme' }));
    await client.callTool({ name: 'echo', arguments: { text: 'a' }, _meta: { trace: 'yes' } });
    await client.callTool({ name: 'boom', arguments: {} });
    await until(() => observed.spans().filter((span) => span.kind === SpanKind.SERVER).length === 3);
    // initialize and the two calls: once each, never twice for the span and the metric.
    expect(principal).toHaveBeenCalledTimes(3);
    const call = seen.find((request) => request.method === 'tools/call');
    expect(call).toMatchObject({
      method: 'tools/call',
      authInfo: { clientId: 'app-1', scopes: ['tools'], extra: { tenant: 'acme' } },
      meta: expect.objectContaining({ trace: 'yes' }),
      clientName: 'usage-client',
      clientVersion: '2.1.0',
    });
    expect(serverSpans('tools/call echo')[0]?.attributes['mcp_o11y.principal']).toBe('tenant-acme');
    expect(serverSpans('tools/call boom')[0]?.attributes['mcp_o11y.principal']).toBe('tenant-acme');
    const points = await usagePoints();
    const calls = points.find((point) => point.attributes['mcp.method.name'] === 'tools/call');
    expect(calls?.attributes['mcp_o11y.principal']).toBe('tenant-acme');
    // Failed requests count as usage too; the series counts them as errors.
    expect(calls?.value).toBe(2);
    const series = observed.observability.store?.listSeries('mcp_o11y.usage.principal')[0];
    expect(series?.window(60)).toMatchObject({ count: 3, errors: 1 });
  });

  it('folds principals past maxPrincipals into _OTHER on metrics and series (spans keep them) and warns once', async () => {
    const warn = vi.spyOn(observed.observability.logger, 'warn');
    let next = 0;
    // A new principal for each request (notifications carry none).
    const client = await connect({ maxPrincipals: 2 }, (message) =>
      'id' in message && 'method' in message ? token(`user-${next++}`) : undefined,
    );
    for (let index = 0; index < 4; index += 1) {
      await client.callTool({ name: 'echo', arguments: { text: String(index) } });
    }
    await until(() => serverSpans('tools/call echo').length === 4);
    // initialize was user-0; the calls are user-1 (admitted), then user-2..4 past the cap of 2.
    const principals = serverSpans('tools/call echo').map((span) => span.attributes['mcp_o11y.principal']);
    expect(principals.sort()).toEqual(['user-1', 'user-2', 'user-3', 'user-4']);
    const calls = (await usagePoints()).filter(
      (point) => point.attributes['mcp.method.name'] === 'tools/call',
    );
    expect(calls.map((point) => [point.attributes['mcp_o11y.principal'], point.value]).sort()).toEqual([
      ['_OTHER', 3],
      ['user-1', 1],
    ]);
    const labels = (observed.observability.store?.listSeries('mcp_o11y.usage.principal') ?? []).map(
      (series) => series.labels['mcp_o11y.principal'],
    );
    expect(labels).toEqual(['user-0', 'user-1', '_OTHER']);
    const capWarnings = warn.mock.calls.filter(([message]) => message.includes('distinct principals'));
    expect(capWarnings).toHaveLength(1);
    expect(capWarnings[0]?.[0]).toContain('maxPrincipals');
  });

  it('a hook that throws or returns a non-string never breaks the request: no principal, one fault each, logged once', async () => {
    const warn = vi.spyOn(observed.observability.logger, 'warn');
    let mode: 'throw' | 'number' = 'throw';
    const client = await connect({
      principal: (() => {
        if (mode === 'throw') throw new Error('claims service down');
        return 42;
      }) as unknown as InstrumentOptions['principal'],
    });
    const first = await client.callTool({ name: 'echo', arguments: { text: 'still works' } });
    expect(first.content).toEqual([{ type: 'text', text: 'still works' }]);
    await client.callTool({ name: 'echo', arguments: { text: 'again' } });
    mode = 'number';
    const third = await client.callTool({ name: 'echo', arguments: { text: 'and again' } });
    expect(third.isError).toBeFalsy();
    await until(() => serverSpans('tools/call echo').length === 3);
    for (const span of serverSpans('tools/call echo')) {
      expect(span.attributes['mcp_o11y.principal']).toBeUndefined();
    }
    const faults = observed.observability.diagnostics().faults;
    expect(faults).toEqual([
      {
        adapter: 'instrument',
        operation: 'principal',
        // initialize and two calls threw; the last call returned a number.
        count: 4,
        firstMessage: 'Error: claims service down',
      },
    ]);
    const adapterErrors = (await observed.metrics()).find(
      (point) => point.name === 'mcp_o11y.adapter.errors' && point.attributes.adapter === 'instrument',
    );
    expect(adapterErrors?.value).toBe(4);
    expect(warn.mock.calls.filter(([message]) => message.includes('"instrument"'))).toHaveLength(1);
    // The usage counter still counts the requests, without a principal.
    const calls = (await usagePoints()).find((point) => point.attributes['mcp.method.name'] === 'tools/call');
    expect(calls?.attributes['mcp_o11y.principal']).toBeUndefined();
    expect(calls?.value).toBe(3);
  });

  it('records no usage with usage: false, and still puts the principal on spans', async () => {
    const client = await connect({ usage: false }, () => token('cli'));
    await client.callTool({ name: 'echo', arguments: { text: 'a' } });
    await until(() => serverSpans('tools/call echo').length === 1);
    expect(serverSpans('tools/call echo')[0]?.attributes['mcp_o11y.principal']).toBe('cli');
    expect(await usagePoints()).toEqual([]);
    expect(observed.observability.store?.listSeries('mcp_o11y.usage.client')).toEqual([]);
  });

  it('refuses a principal option that is not a function', () => {
    expect(() =>
      instrument(buildV1Server(), {
        observability: observed.observability,
        principal: 'alice' as unknown as InstrumentOptions['principal'],
      }),
    ).toThrow(/principal must be a function/);
  });
});

describe('usage by principal on SDK v2', () => {
  it('reads the authInfo given to createMcpHandler (stateless 2026-07-28, a server per request)', async () => {
    const principal = vi.fn(
      (request: PrincipalRequest) => `${request.authInfo?.clientId}@${request.clientName}`,
    );
    const handler = createMcpHandler(
      instrumentServerFactory(() => buildV2Server(), { observability: observed.observability, principal }),
    );
    const http = await listen((request, response) =>
      serveFetch(request, response, (webRequest) =>
        // What a bearer-auth middleware passes on after verifying the token.
        handler.fetch(webRequest, { authInfo: { token: 't', clientId: 'web-app', scopes: [] } }),
      ),
    );
    const client = new ClientV2(
      { name: 'modern-client', version: '3.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    try {
      await client.connect(new StreamableHTTPClientTransportV2(http.url));
      await client.callTool({ name: 'echo', arguments: { text: 'modern' } });
      await until(() => serverSpans('tools/call echo').length === 1);
      expect(serverSpans('tools/call echo')[0]?.attributes['mcp_o11y.principal']).toBe(
        'web-app@modern-client',
      );
      const calls = (await usagePoints()).find(
        (point) => point.attributes['mcp.method.name'] === 'tools/call',
      );
      expect(calls?.attributes).toEqual({
        'mcp_o11y.principal': 'web-app@modern-client',
        'mcp.client.name': 'modern-client',
        'mcp.method.name': 'tools/call',
      });
      expect(calls?.value).toBe(1);
    } finally {
      await client.close();
      await handler.close();
      await http.close();
    }
  });
});
