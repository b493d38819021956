import { describeStatement, instrumentClient, type StoredSpan } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEARCH_BOOKS } from '../src/bookshop-database.ts';
import {
  INSTRUMENTATIONS,
  type ObservedBookshop,
  startObservedBookshop,
} from '../src/start-observed-bookshop.ts';

const postgresUrl = inject('postgresUrl');
const READER = 'reader-token-0123456789';
const NO_SCOPE = 'guest-token-0123456789';

/** `pg`'s prototype method, as the instrumentation leaves it: shimmer marks what it wrapped. */
async function pgQueryIsPatched(): Promise<boolean> {
  const pg = (await import('pg')).default;
  return (pg.Client.prototype.query as { __wrapped?: boolean }).__wrapped === true;
}

describe.skipIf(postgresUrl === undefined)(
  postgresUrl === undefined
    ? `bookshop on PostgreSQL (skipped: ${inject('postgresMissing')})`
    : 'bookshop on PostgreSQL, instrumented in code',
  () => {
    let bookshop: ObservedBookshop;
    let client: Client;

    beforeAll(async () => {
      bookshop = await startObservedBookshop({
        databaseUrl: postgresUrl as string,
        tokens: [
          { token: READER, scopes: ['books:read'] },
          { token: NO_SCOPE, scopes: [] },
        ],
        port: 0,
        // Every call is "slow", so each one logs its warning.
        slowQueryMs: 0,
        observability: {
          // undici too, for this test's client: its fetch carries the trace to the HTTP server span.
          instrumentations: [...INSTRUMENTATIONS, 'undici'],
          statements: { slowThresholdMs: 0 },
          logging: { destination: false },
          shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
          alerts: false,
        },
      });
      client = instrumentClient(new Client({ name: 'bookshop-e2e', version: '1.0.0' }), {
        observability: bookshop.observability,
      });
      await client.connect(
        new StreamableHTTPClientTransport(bookshop.server.url, {
          requestInit: { headers: { authorization: `Bearer ${READER}` } },
        }),
      );
    });

    afterAll(async () => {
      await client?.close();
      await bookshop?.close();
    });

    it('records one trace from the MCP client through HTTP, the MCP server and the integration into pg', async () => {
      const { observability } = bookshop;
      // The agent's turn: everything the call causes, on both sides of HTTP, is one trace under it.
      const { traceId, text } = await observability.tracer.startActiveSpan('agent turn', async (root) => {
        const result = await client.callTool({ name: 'search_books', arguments: { query: 'le guin' } });
        root.end();
        const content = result.content as { type: string; text: string }[];
        return { traceId: root.spanContext().traceId, text: content[0]?.text ?? '' };
      });
      expect(text).toContain('The Left Hand of Darkness');
      expect(text).not.toContain('The Dispossessed'); // out of stock: `stock > 0` ran in PostgreSQL
      await observability.forceFlush();

      const spans = (observability.store?.recentSpans() ?? []).filter((span) => span.traceId === traceId);
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      const one = (description: string, match: (span: StoredSpan) => boolean): StoredSpan => {
        const found = spans.filter(match);
        expect(
          found,
          `${description} in ${spans.map((span) => `${span.kind} ${span.name}`).join(', ')}`,
        ).toHaveLength(1);
        return found[0] as StoredSpan;
      };
      const ancestors = (span: StoredSpan): string[] => {
        const chain: string[] = [];
        for (let parent = span.parentSpanId; parent !== undefined; parent = byId.get(parent)?.parentSpanId) {
          chain.push(parent);
        }
        return chain;
      };

      const root = one('the root span', (span) => span.name === 'agent turn');
      const mcpClient = one(
        'the MCP client span',
        (span) => span.kind === 'client' && span.name === 'tools/call search_books',
      );
      const fetchSpan = one(
        'the undici span',
        (span) => span.kind === 'client' && span.attributes['http.request.method'] === 'POST',
      );
      const httpServer = one(
        'the HTTP server span',
        (span) => span.kind === 'server' && span.attributes['http.route'] === '/mcp',
      );
      const mcpServer = one(
        'the MCP server span',
        (span) => span.kind === 'server' && span.name === 'tools/call search_books',
      );
      const integration = one('the integration span', (span) => span.name === 'postgres search_books');
      const pgQuery = one('the pg query span', (span) => span.name.startsWith('pg.query:SELECT'));

      expect(mcpClient.parentSpanId).toBe(root.spanId);
      // The request goes out inside the MCP client span, so the HTTP client span is its child.
      expect(fetchSpan.parentSpanId).toBe(mcpClient.spanId);
      expect(httpServer.parentSpanId).toBe(fetchSpan.spanId);
      // The MCP server span's parent is the client span (W3C context in params._meta)...
      expect(mcpServer.parentSpanId).toBe(mcpClient.spanId);
      // ...and it links the HTTP request it arrived in (the HTTP span or an express span under it).
      const linked = mcpServer.links.map((link) => link.spanId);
      expect(
        linked.some(
          (spanId) =>
            spanId === httpServer.spanId ||
            ancestors(byId.get(spanId) as StoredSpan).includes(httpServer.spanId),
        ),
      ).toBe(true);
      expect(integration.parentSpanId).toBe(mcpServer.spanId);
      expect(integration.kind).toBe('client');
      // The driver's span, from @opentelemetry/instrumentation-pg, under the integration (maybe via pg-pool.connect).
      expect(ancestors(pgQuery)).toContain(integration.spanId);
      expect(pgQuery.kind).toBe('client');
      expect(pgQuery.attributes).toMatchObject({
        'db.system.name': 'postgresql',
        'db.namespace': 'bookshop',
      });
      // Express's own spans sit under the HTTP server span.
      expect(
        spans.some((span) => span.name.startsWith('request handler') && span.parentSpanId !== undefined),
      ).toBe(true);

      // Statements: not opted in, so only the hash, the same on the integration span and the pg span.
      const hash = describeStatement(SEARCH_BOOKS, 'standard').hash;
      expect(integration.attributes['mcp_o11y.db.query.hash']).toBe(hash);
      expect(pgQuery.attributes['mcp_o11y.db.query.hash']).toBe(hash);
      const everything = JSON.stringify({ spans, logs: observability.store?.recentLogs() });
      expect(everything).not.toContain('db.query.text');
      expect(everything).not.toContain('available');
      expect(everything).not.toContain('le guin'); // the tool argument: arguments are not captured by default

      // Slow-call warnings (thresholds 0 here) in the trace: the integration's and the driver's, hash only.
      const warnings = (observability.store?.recentLogs() ?? []).filter(
        (log) => log.severityText === 'WARN' && log.traceId === traceId,
      );
      expect(warnings.map((log) => log.spanId).sort()).toEqual(
        [
          integration.spanId,
          ...spans.filter((span) => span.name.startsWith('pg.query:')).map((span) => span.spanId),
        ].sort(),
      );
      for (const warning of warnings) expect(warning.attributes['mcp_o11y.db.query.hash']).toBeDefined();
    });

    it('reports the connection pool as gauges', async () => {
      const snapshot = await bookshop.observability.store?.metricsSnapshot();
      const connections = snapshot?.metrics.find(
        (metric) => metric.name === 'mcp_o11y.integration.pool.connections',
      );
      const states = connections?.points.map((point) => point.attributes.state).sort();
      expect(states).toEqual(['idle', 'used']);
      expect(connections?.points.every((point) => point.attributes['integration.name'] === 'postgres')).toBe(
        true,
      );
      const max = snapshot?.metrics.find((metric) => metric.name === 'mcp_o11y.integration.pool.max');
      expect(max?.points.map((point) => ('value' in point ? point.value : undefined))).toEqual([5]);
    });

    it('answers 401 without a valid token and 403 without the books:read scope', async () => {
      const call = (token: string | undefined) =>
        fetch(bookshop.server.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        });
      const missing = await call(undefined);
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      expect((await call('not-a-token')).status).toBe(401);
      const guest = await call(NO_SCOPE);
      expect(guest.status).toBe(403);
      expect(guest.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
      await bookshop.observability.forceFlush();
      const statuses = (bookshop.observability.store?.recentSpans() ?? [])
        .filter((span) => span.kind === 'server' && span.attributes['http.route'] === '/mcp')
        .map((span) => span.attributes['http.response.status_code']);
      expect(statuses).toEqual(expect.arrayContaining([401, 403]));
    });

    it('removes the patches at shutdown', async () => {
      expect(await pgQueryIsPatched()).toBe(true);
      await client.close();
      await bookshop.close();
      expect(await pgQueryIsPatched()).toBe(false);
    });
  },
);
