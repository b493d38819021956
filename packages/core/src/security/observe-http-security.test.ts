import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { clientRegistrationHandler } from '@modelcontextprotocol/sdk/server/auth/handlers/register.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { instrument, instrumentClient } from '../mcp/instrument.js';
import type { Observability } from '../pipeline/observability.js';
import { observeHttpSecurity } from './observe-http-security.js';
import { observeTransportHttpEntry } from './observe-transport-http-entry.js';
import { securityPipeline } from './security-pipeline.test-helper.js';

// Distinctive token strings, so the scan below can tell any leak from a coincidence.
const GOOD = 'good-secret-token-6f1c2a';
const EXPIRED = 'expired-secret-token-93be1d';
const NARROW = 'narrow-secret-token-0c4e7f';
const BAD = 'unknown-secret-token-d2a991';
const TOKENS = [GOOD, EXPIRED, NARROW, BAD];

const now = () => Math.floor(Date.now() / 1000);
const known: Record<string, () => Omit<AuthInfo, 'token'>> = {
  [GOOD]: () => ({
    clientId: 'client-a',
    scopes: ['mcp:tools'],
    expiresAt: now() + 3600,
    extra: { sub: 'user-42' },
  }),
  [EXPIRED]: () => ({ clientId: 'client-b', scopes: ['mcp:tools'], expiresAt: now() - 60 }),
  [NARROW]: () => ({ clientId: 'client-c', scopes: ['mcp:read'], expiresAt: now() + 3600 }),
};
const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token) {
    const info = known[token];
    if (info === undefined) throw new InvalidTokenError('Invalid token');
    return { token, ...info() };
  },
};

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } },
};

function mcpServer(observability: Observability): McpServer {
  const server = new McpServer({ name: 'secured', version: '1.0.0' });
  server.registerTool('whoami', { description: 'the caller' }, async (extra) => ({
    content: [{ type: 'text', text: extra.authInfo?.clientId ?? 'nobody' }],
  }));
  return instrument(server, { observability });
}

/** A stateless MCP endpoint: one transport per request, as the SDK examples do. */
function mcpHandler(observability: Observability, onHandled: () => void = () => {}) {
  return async (request: IncomingMessage, response: ServerResponse, body?: unknown) => {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: 4096,
    });
    const server = mcpServer(observability);
    await server.connect(transport);
    response.on('close', () => void server.close());
    onHandled();
    await transport.handleRequest(request, response, body);
  };
}

const servers: Server[] = [];
const pipelines: Observability[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const observability of pipelines.splice(0)) await observability.shutdown();
});

async function listen(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function pipeline() {
  const captured = await securityPipeline();
  pipelines.push(captured.observability);
  return captured;
}

function post(url: string, token: string | undefined, body: unknown = initialize): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('observeHttpSecurity with the SDK v1 requireBearerAuth on Express', () => {
  it('counts each outcome by reason, logs who and from where, and never exports a token', async () => {
    const { observability, counter, exportedLogs, everyExportedValue } = await pipeline();
    let handled = 0;
    const app = createMcpExpressApp();
    const handler = mcpHandler(observability, () => {
      handled += 1;
    });
    app.post(
      '/mcp',
      observeHttpSecurity({ observability }),
      requireBearerAuth({ verifier, requiredScopes: ['mcp:tools'] }),
      (request, response) => handler(request, response, request.body),
    );
    const base = await listen(app);
    const url = `${base}/mcp`;

    const statuses = [
      (await post(url, undefined)).status,
      (await post(url, BAD)).status,
      (await post(url, EXPIRED)).status,
      (await post(url, NARROW)).status,
      (await post(url, GOOD)).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 403, 200]);
    expect(await counter('mcp_o11y.auth.attempts')).toEqual({
      success: 1,
      'failure/missing_token': 1,
      'failure/invalid_token': 1,
      'failure/expired_token': 1,
      'failure/invalid_request': 0,
      'denied/insufficient_scope': 1,
      'denied/forbidden': 0,
    });

    const records = exportedLogs().filter((record) => record.attributes.security_event === 'auth');
    const request = {
      'http.request.method': 'POST',
      'url.path': '/mcp',
      'client.address': '127.0.0.1',
    };
    expect(records).toEqual([
      {
        level: 'WARN',
        body: 'authentication failure: missing_token',
        attributes: expect.objectContaining({
          outcome: 'failure',
          reason: 'missing_token',
          'http.response.status_code': 401,
          ...request,
        }),
      },
      {
        level: 'WARN',
        body: 'authentication failure: invalid_token',
        attributes: expect.objectContaining({
          outcome: 'failure',
          reason: 'invalid_token',
          'http.response.status_code': 401,
          ...request,
        }),
      },
      {
        level: 'WARN',
        body: 'authentication failure: expired_token',
        attributes: expect.objectContaining({
          outcome: 'failure',
          reason: 'expired_token',
          'http.response.status_code': 401,
          ...request,
        }),
      },
      {
        level: 'WARN',
        body: 'authentication denied: insufficient_scope',
        attributes: expect.objectContaining({
          outcome: 'denied',
          reason: 'insufficient_scope',
          'http.response.status_code': 403,
          ...request,
        }),
      },
      {
        level: 'DEBUG',
        body: 'authentication success',
        attributes: expect.objectContaining({
          outcome: 'success',
          'http.response.status_code': 200,
          'auth.client_id': 'client-a',
          'auth.subject': 'user-42',
          ...request,
        }),
      },
    ]);
    // The refused requests carry no identity: the SDK middleware sets req.auth only on success.
    expect(records.slice(0, 4).map((record) => record.attributes['auth.client_id'])).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);

    // A real MCP session with the good token: every POST it makes is one more success, nothing else moves.
    const client = instrumentClient(new Client({ name: 'secured-client', version: '1.0.0' }), {
      observability,
    });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { Authorization: `Bearer ${GOOD}` } },
      }),
    );
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'client-a' }]);
    await client.close();
    expect(handled).toBeGreaterThanOrEqual(4);
    expect(await counter('mcp_o11y.auth.attempts')).toMatchObject({
      success: handled,
      'failure/missing_token': 1,
      'failure/invalid_token': 1,
      'failure/expired_token': 1,
      'denied/insufficient_scope': 1,
    });

    const exported = await everyExportedValue();
    // The scan reads what the backends got: the tool span and the identity are there, the tokens are not.
    expect(exported).toContain('tools/call whoami');
    expect(exported).toContain('user-42');
    for (const token of TOKENS) expect(exported).not.toContain(token);
    expect(exported.toLowerCase()).not.toContain('bearer');
  });
});

describe('observeHttpSecurity in the Node request listener', () => {
  it('counts 429 from the SDK rate limiter and 413 from the body parser, and reads challenges given to writeHead', async () => {
    const { observability, counter, exportedLogs } = await pipeline();
    const app = createMcpExpressApp();
    app.use(
      '/register',
      clientRegistrationHandler({
        clientsStore: {
          getClient: async () => undefined,
          registerClient: async (client) => ({ ...client, client_id: 'probe-client' }),
        },
        rateLimit: { windowMs: 60_000, max: 1 },
      }),
    );
    const handler = mcpHandler(observability);
    app.post('/mcp', requireBearerAuth({ verifier }), (request, response) =>
      handler(request, response, request.body),
    );
    const security = observeHttpSecurity({ observability });
    const base = await listen((request, response) => {
      security(request, response);
      if (request.url === '/plain') {
        // Plain node:http code: the challenge goes to writeHead only, where getHeader() cannot see it.
        response.writeHead(401, {
          'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
        });
        response.end();
        return;
      }
      app(request, response);
    });

    const register = () =>
      fetch(`${base}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['http://127.0.0.1/callback'], client_name: 'probe' }),
      });
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(429);
    // express.json() in createMcpExpressApp refuses bodies over 100 kB before any route middleware runs.
    const oversized = { ...initialize, params: { ...initialize.params, padding: 'x'.repeat(200_000) } };
    expect((await post(`${base}/mcp`, GOOD, oversized)).status).toBe(413);
    expect((await post(`${base}/plain`, BAD)).status).toBe(401);

    expect(await counter('mcp_o11y.http.rejections')).toEqual({ rate_limited: 1, request_too_large: 1 });
    // The refused oversized request never reached the auth middleware: no attempt. /register had no credentials.
    expect(await counter('mcp_o11y.auth.attempts')).toMatchObject({ success: 0, 'failure/expired_token': 1 });
    expect(
      Object.values(await counter('mcp_o11y.auth.attempts')).reduce((total, value) => total + value, 0),
    ).toBe(1);

    const rejections = exportedLogs().filter((record) => record.attributes.security_event === 'rejection');
    expect(rejections).toEqual([
      {
        level: 'WARN',
        body: 'request rejected: rate_limited',
        attributes: expect.objectContaining({
          kind: 'rate_limited',
          'http.response.status_code': 429,
          'url.path': '/register',
          'client.address': '127.0.0.1',
        }),
      },
      {
        level: 'WARN',
        body: 'request rejected: request_too_large',
        attributes: expect.objectContaining({
          kind: 'request_too_large',
          'http.response.status_code': 413,
          'url.path': '/mcp',
          'client.address': '127.0.0.1',
        }),
      },
    ]);
  });
});

describe('observeTransportHttpEntry (what the transport hook would call around handleRequest)', () => {
  it('counts the transport’s own 413, no auth success of its own, and an exchange the user observes only once', async () => {
    const { observability, counter } = await pipeline();
    const security = observeHttpSecurity({ observability });
    let userObserver = false;
    const base = await listen((request, response) => {
      if (userObserver) security(request, response);
      // What a verifying middleware leaves on the request.
      (request as IncomingMessage & { auth?: AuthInfo }).auth = { token: GOOD, ...known[GOOD]!() };
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
        maxRequestBodySize: 4096,
      });
      const server = mcpServer(observability);
      response.on('close', () => void server.close());
      const handleRequest = transport.handleRequest.bind(transport);
      void server
        .connect(transport)
        .then(() =>
          observeTransportHttpEntry(observability, [request, response], () =>
            handleRequest(request, response),
          ),
        );
    });
    const oversized = { ...initialize, params: { ...initialize.params, padding: 'x'.repeat(10_000) } };

    expect((await post(base, GOOD)).status).toBe(200);
    expect((await post(base, GOOD, oversized)).status).toBe(413);
    expect(await counter('mcp_o11y.http.rejections')).toEqual({ rate_limited: 0, request_too_large: 1 });
    expect(await counter('mcp_o11y.auth.attempts')).toMatchObject({ success: 0 });

    userObserver = true;
    expect((await post(base, GOOD, oversized)).status).toBe(413);
    expect(await counter('mcp_o11y.http.rejections')).toEqual({ rate_limited: 0, request_too_large: 2 });
    expect(await counter('mcp_o11y.auth.attempts')).toMatchObject({ success: 1 });
  });
});
