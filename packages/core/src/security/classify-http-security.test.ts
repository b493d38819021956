import { describe, expect, it } from 'vitest';
import { classifyHttpSecurity, type HttpExchangeFacts } from './classify-http-security.js';
import { parseBearerChallenge } from './parse-bearer-challenge.js';

// The exact headers the SDK bearer middlewares write (v1 bearerAuth.js, v2 buildWwwAuthenticateHeader).
const sdk = (error: string, description: string) =>
  `Bearer error="${error}", error_description="${description}", scope="mcp:tools", resource_metadata="https://mcp.example/.well-known/oauth-protected-resource/mcp"`;

describe('parseBearerChallenge', () => {
  it('reads error and error_description of the SDK challenges', () => {
    expect(parseBearerChallenge(sdk('invalid_token', 'Token has expired'))).toEqual({
      error: 'invalid_token',
      description: 'Token has expired',
    });
    expect(parseBearerChallenge('Bearer error="insufficient_scope"')).toEqual({
      error: 'insufficient_scope',
    });
  });

  it('finds Bearer among several challenges and header lines, case-insensitively, with escapes and tokens', () => {
    expect(
      parseBearerChallenge('Basic realm="a, error=\\"nope\\"", BEARER realm="x", Error=invalid_request'),
    ).toEqual({ error: 'invalid_request' });
    expect(
      parseBearerChallenge([
        'Basic realm="a"',
        'Bearer error_description="say \\"hi\\"", error="invalid_token"',
      ]),
    ).toEqual({ error: 'invalid_token', description: 'say "hi"' });
    // Parameters of a later challenge are not the Bearer challenge's.
    expect(parseBearerChallenge('Bearer realm="mcp", DPoP error="invalid_token"')).toEqual({});
  });

  it('is undefined without a Bearer challenge and survives malformed values', () => {
    expect(parseBearerChallenge(undefined)).toBeUndefined();
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseBearerChallenge('Bearer error="unterminated')).toEqual({ error: 'unterminated' });
    expect(parseBearerChallenge('Bearer error=, error_description=""')).toEqual({});
    expect(parseBearerChallenge('Bearer =, ,error=')).toBeUndefined();
  });
});

const facts = (overrides: Partial<HttpExchangeFacts>): HttpExchangeFacts => ({
  status: 200,
  challenge: undefined,
  credentialsPresented: true,
  authenticated: false,
  ...overrides,
});

describe('classifyHttpSecurity', () => {
  it.each([
    // SDK v1/v2 requireBearerAuth answers.
    [
      'no header',
      {
        status: 401,
        challenge: sdk('invalid_token', 'Missing Authorization header'),
        credentialsPresented: false,
      },
      { auth: { outcome: 'failure', reason: 'missing_token' } },
    ],
    [
      'bad format',
      {
        status: 401,
        challenge: sdk('invalid_token', "Invalid Authorization header format, expected 'Bearer TOKEN'"),
      },
      { auth: { outcome: 'failure', reason: 'invalid_token' } },
    ],
    [
      'verifier refused',
      { status: 401, challenge: sdk('invalid_token', 'Invalid token') },
      { auth: { outcome: 'failure', reason: 'invalid_token' } },
    ],
    [
      'expired',
      { status: 401, challenge: sdk('invalid_token', 'Token has expired') },
      { auth: { outcome: 'failure', reason: 'expired_token' } },
    ],
    [
      'scope',
      { status: 403, challenge: sdk('insufficient_scope', 'Insufficient scope') },
      { auth: { outcome: 'denied', reason: 'insufficient_scope' } },
    ],
    [
      'invalid_request',
      { status: 400, challenge: 'Bearer error="invalid_request"' },
      { auth: { outcome: 'failure', reason: 'invalid_request' } },
    ],
    // RFC 6750 servers: no error code without credentials.
    [
      'bare 401 without credentials',
      { status: 401, challenge: 'Bearer realm="mcp"', credentialsPresented: false },
      { auth: { outcome: 'failure', reason: 'missing_token' } },
    ],
    ['bare 401 with credentials', { status: 401 }, { auth: { outcome: 'failure', reason: 'invalid_token' } }],
    [
      '403 to an authenticated caller',
      { status: 403, authenticated: true },
      { auth: { outcome: 'denied', reason: 'forbidden' } },
    ],
    ['accepted', { status: 200, authenticated: true }, { auth: { outcome: 'success' } }],
    ['accepted, tool failed', { status: 500, authenticated: true }, { auth: { outcome: 'success' } }],
    ['credentials, answered', { status: 202 }, { auth: { outcome: 'success' } }],
    [
      'rate limited after auth',
      { status: 429, authenticated: true },
      { auth: { outcome: 'success' }, rejection: 'rate_limited' },
    ],
    ['rate limited before auth', { status: 429, credentialsPresented: false }, { rejection: 'rate_limited' }],
    ['too large', { status: 413 }, { rejection: 'request_too_large' }],
  ] as const)('%s', (_name, given, expected) => {
    expect(classifyHttpSecurity(facts(given))).toEqual(expected);
  });

  it('counts no attempt for open routes, Host-check 403s and unanswered credentials', () => {
    expect(classifyHttpSecurity(facts({ status: 200, credentialsPresented: false }))).toEqual({});
    expect(classifyHttpSecurity(facts({ status: 403, credentialsPresented: false }))).toEqual({});
    expect(classifyHttpSecurity(facts({ status: 404 }))).toEqual({});
    // A challenge on a success is no failure.
    expect(classifyHttpSecurity(facts({ status: 200, challenge: 'Bearer error="invalid_token"' }))).toEqual({
      auth: { outcome: 'success' },
    });
  });
});
