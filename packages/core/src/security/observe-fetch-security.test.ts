import {
  type AuthInfo,
  McpServer,
  OAuthError,
  OAuthErrorCode,
  type OAuthTokenVerifier,
  requireBearerAuth,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { instrument } from '../mcp/instrument.js';
import type { Observability } from '../pipeline/observability.js';
import { observeFetchSecurity } from './observe-fetch-security.js';
import { observeTransportHttpEntry } from './observe-transport-http-entry.js';
import { securityPipeline } from './security-pipeline.test-helper.js';

const GOOD = 'good-v2-token-5d0b7e';
const EXPIRED = 'expired-v2-token-c81f3a';
const NARROW = 'narrow-v2-token-2e96b4';
const BAD = 'unknown-v2-token-a47c10';

const now = () => Math.floor(Date.now() / 1000);
const known: Record<string, () => Omit<AuthInfo, 'token'>> = {
  [GOOD]: () => ({
    clientId: 'client-v2',
    scopes: ['mcp'],
    expiresAt: now() + 3600,
    extra: { sub: 'user-7' },
  }),
  [EXPIRED]: () => ({ clientId: 'client-old', scopes: ['mcp'], expiresAt: now() - 5 }),
  [NARROW]: () => ({ clientId: 'client-narrow', scopes: ['read'], expiresAt: now() + 3600 }),
};
const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token) {
    const info = known[token];
    if (info === undefined) throw new OAuthError(OAuthErrorCode.InvalidToken, 'Invalid token');
    return { token, ...info() };
  },
};

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } },
};

const pipelines: Observability[] = [];
afterEach(async () => {
  for (const observability of pipelines.splice(0)) await observability.shutdown();
});

/** The SDK v2 pattern: the requireBearerAuth gate, then a stateless web-standard transport per request. */
function securedHandler(observability: Observability) {
  const gate = requireBearerAuth({ verifier, requiredScopes: ['mcp'] });
  return async (request: Request): Promise<Response> => {
    const auth = await gate(request);
    if (auth instanceof Response) return auth;
    const server = new McpServer({ name: 'secured-v2', version: '2.0.0' });
    instrument(server, { observability });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: 4096,
    });
    await server.connect(transport);
    // What the transport hook would do around handleRequest: hand the caller's identity to the observer.
    return observeTransportHttpEntry(observability, [request, { authInfo: auth }], () =>
      transport.handleRequest(request, { authInfo: auth }),
    ) as Promise<Response>;
  };
}

function request(token: string | undefined, body: unknown = initialize): Request {
  return new Request('http://127.0.0.1:3000/mcp?session=abc', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
}

describe('observeFetchSecurity with the SDK v2 requireBearerAuth gate', () => {
  it('counts each outcome once, the transport’s 413 as a rejection, and logs the caller the transport was given', async () => {
    const { observability, counter, exportedLogs, everyExportedValue } = await pipeline();
    const handler = observeFetchSecurity(securedHandler(observability), {
      observability,
      clientAddress: () => '127.0.0.1',
    });
    const oversized = { ...initialize, params: { ...initialize.params, padding: 'x'.repeat(10_000) } };
    const statuses = [];
    for (const [token, body] of [
      [undefined, initialize],
      [BAD, initialize],
      [EXPIRED, initialize],
      [NARROW, initialize],
      [GOOD, initialize],
      [GOOD, oversized],
    ] as const) {
      statuses.push((await handler(request(token, body))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 403, 200, 413]);
    expect(await counter('mcp_o11y.auth.attempts')).toEqual({
      success: 2,
      'failure/missing_token': 1,
      'failure/invalid_token': 1,
      'failure/expired_token': 1,
      'failure/invalid_request': 0,
      'denied/insufficient_scope': 1,
      'denied/forbidden': 0,
    });
    expect(await counter('mcp_o11y.http.rejections')).toEqual({ rate_limited: 0, request_too_large: 1 });

    const records = exportedLogs().filter((record) => typeof record.attributes.security_event === 'string');
    expect(records.map((record) => `${record.level} ${record.body}`)).toEqual([
      'WARN authentication failure: missing_token',
      'WARN authentication failure: invalid_token',
      'WARN authentication failure: expired_token',
      'WARN authentication denied: insufficient_scope',
      'DEBUG authentication success',
      'DEBUG authentication success',
      'WARN request rejected: request_too_large',
    ]);
    expect(records[4]?.attributes).toEqual({
      security_event: 'auth',
      outcome: 'success',
      'http.request.method': 'POST',
      'url.path': '/mcp',
      'http.response.status_code': 200,
      'client.address': '127.0.0.1',
      'auth.client_id': 'client-v2',
      'auth.subject': 'user-7',
    });
    expect(records[6]?.attributes).toMatchObject({
      kind: 'request_too_large',
      'auth.client_id': 'client-v2',
    });

    const exported = await everyExportedValue();
    expect(exported).toContain('client-v2');
    for (const token of [GOOD, EXPIRED, NARROW, BAD]) expect(exported).not.toContain(token);
    expect(exported).not.toContain('session=abc');
  });

  it('passes the answer and the handler’s errors through unchanged, and records nothing without a handle', async () => {
    const failing = observeFetchSecurity(async () => {
      throw new Error('handler broke');
    });
    await expect(failing(request(GOOD))).rejects.toThrow('handler broke');
    const answer = new Response('teapot', { status: 418 });
    expect(await observeFetchSecurity(() => answer)(request(undefined))).toBe(answer);
  });
});

async function pipeline() {
  const captured = await securityPipeline();
  pipelines.push(captured.observability);
  return captured;
}
