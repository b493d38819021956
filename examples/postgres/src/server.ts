/**
 * The bookshop MCP server: Streamable HTTP (stateless, JSON responses) on 127.0.0.1 behind the SDK's
 * `requireBearerAuth`, with one tool that searches a PostgreSQL table through `pg`, wrapped in
 * `createIntegration`. Nothing here sets up telemetry: `src/main.ts` creates the pipeline (with the
 * `instrumentations` option) before importing this module, and `src/serve.ts` runs it under
 * `node --import @mcp-o11y/core/register`. Either way express, pg and http are patched before they load.
 */
import type { AddressInfo } from 'node:net';
import { createIntegration } from '@mcp-o11y/core';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, { type NextFunction, type Request, type Response } from 'express';
import pg from 'pg';
import { z } from 'zod';
import { type Book, DATABASE_NAME, prepareBookshop, SEARCH_BOOKS } from './bookshop-database.ts';
import { type AcceptedToken, READ_SCOPE, staticTokenVerifier } from './token-verifier.ts';

/** The tool that queries PostgreSQL. */
export const SEARCH_TOOL = 'search_books';
/** The MCP endpoint's path. */
export const MCP_PATH = '/mcp';

/** Options of {@link startBookshopServer}. */
export interface BookshopServerOptions {
  /** e.g. `postgres://bookshop@127.0.0.1:5432/bookshop`. */
  readonly databaseUrl: string;
  /** Bearer tokens the endpoint accepts; each needs the `books:read` scope to call it. */
  readonly tokens: readonly AcceptedToken[];
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Database calls slower than this are logged as warnings (with the statement's hash). Default: 500. */
  readonly slowQueryMs?: number;
  /**
   * Applied to each request's `McpServer`, e.g. `(server) => instrument(server, { observability })`.
   * Default: none (under `--import @mcp-o11y/core/register` the SDK's classes are instrumented already).
   */
  readonly instrument?: (server: McpServer) => McpServer;
}

/** A running server. */
export interface RunningBookshop {
  /** The MCP endpoint, e.g. `http://127.0.0.1:41234/mcp`. */
  readonly url: URL;
  /** The connection pool, e.g. for `observePool(pool, { name: 'postgres' })`. */
  readonly pool: pg.Pool;
  /** Stops accepting requests, then closes the pool. Idempotent. */
  close(): Promise<void>;
}

/** Creates the table if needed, then listens. */
export async function startBookshopServer(options: BookshopServerOptions): Promise<RunningBookshop> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 5 });
  await prepareBookshop(pool);
  // One integration for the process: retries, a timeout and a circuit breaker around every query, and a
  // CLIENT span that the pg driver's own span nests under.
  const database = createIntegration({
    name: DATABASE_NAME,
    kind: 'database',
    dbSystem: 'postgresql',
    timeoutMs: 5_000,
    slowThresholdMs: options.slowQueryMs ?? 500,
  });

  const searchBooks = (query: string): Promise<Book[]> =>
    database.execute(async () => (await pool.query<Book>(SEARCH_BOOKS, [`%${query}%`])).rows, {
      operation: SEARCH_TOOL,
      statement: SEARCH_BOOKS,
    });

  const buildServer = (): McpServer => {
    const server = new McpServer({ name: 'bookshop', version: '1.0.0' });
    server.registerTool(
      SEARCH_TOOL,
      {
        title: 'Search the bookshop',
        description: 'Books in stock whose title or author contains the query, newest first.',
        inputSchema: { query: z.string().min(1).max(100) },
      },
      async ({ query }) => {
        const books = await searchBooks(query);
        const text =
          books.length === 0
            ? `No book in stock matches "${query}".`
            : books.map((book) => `${book.title} — ${book.author} (${book.year})`).join('\n');
        return { content: [{ type: 'text', text }] };
      },
    );
    return options.instrument?.(server) ?? server;
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  const auth = requireBearerAuth({
    verifier: staticTokenVerifier(options.tokens),
    requiredScopes: [READ_SCOPE],
  });
  // Stateless: each POST gets its own server and transport, so any replica can answer any request.
  app.post(MCP_PATH, auth, async (request: Request, response: Response) => {
    const server = buildServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  });
  const notAllowed = (_request: Request, response: Response): void => {
    response.status(405).set('allow', 'POST').json(rpcError('Method not allowed: this server is stateless.'));
  };
  app.get(MCP_PATH, auth, notAllowed);
  app.delete(MCP_PATH, auth, notAllowed);
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    response.status(500).json(rpcError('Internal server error.'));
  });

  const httpServer = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(options.port, '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      else resolve(listening);
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: new URL(`http://127.0.0.1:${port}${MCP_PATH}`),
    pool,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          httpServer.close(() => resolve());
          httpServer.closeAllConnections();
        });
        database.dispose();
        await pool.end();
      })();
      return closing;
    },
  };
}

function rpcError(message: string): Record<string, unknown> {
  return { jsonrpc: '2.0', error: { code: -32000, message }, id: null };
}
