import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from './redact-value.js';
import { isSecretKey } from './secret-key-names.js';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('isSecretKey', () => {
  it.each([
    'password',
    'Password',
    'db_password',
    'userPassword',
    'passwd',
    'secret',
    'client_secret',
    'clientSecret',
    'token',
    'access_token',
    'refreshToken',
    'GITHUB_TOKEN',
    'api_key',
    'apikey',
    'api-key',
    'X-API-Key',
    'authorization',
    'Proxy-Authorization',
    'auth',
    'basic_auth',
    'cookie',
    'Set-Cookie',
    'private_key',
    'privateKey',
    'AWS_SECRET_ACCESS_KEY',
    'access_key',
    'session',
    'sessionId',
    'session_token',
    'credentials',
  ])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'max_tokens',
    'tokenCount',
    'token_type',
    'author',
    'name',
    'key',
    'keyword',
    'mcp.session.id',
    'city',
  ])('%s is not secret', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('redactValue', () => {
  it('redacts values under secret keys at any depth, keeps the rest, and does not mutate', () => {
    const input = {
      city: 'Paris',
      password: 'hunter2',
      nested: {
        headers: { Authorization: 'Bearer abcdefgh1234', 'X-Request-Id': 'r-1' },
        list: [{ apiKey: 42 }],
      },
      requiresAuth: true,
      session: null,
    };
    const snapshot = structuredClone(input);
    expect(redactValue(input)).toEqual({
      city: 'Paris',
      password: '[REDACTED]',
      nested: {
        headers: { Authorization: '[REDACTED]', 'X-Request-Id': 'r-1' },
        list: [{ apiKey: '[REDACTED]' }],
      },
      requiresAuth: true,
      session: null,
    });
    expect(input).toEqual(snapshot);
  });

  it('redacts secret-looking values under harmless keys', () => {
    const value = redactValue({
      note: `use ${jwt} to log in`,
      header: 'Bearer abc.def.ghi',
      basic: 'Basic dXNlcjpodW50ZXIy',
      openai: 'sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e',
      github: 'ghp_0123456789abcdefghijABCDEFGHIJ012345',
      slack: 'xoxb-123456789012-abcdefABCDEF',
      aws: 'AKIAIOSFODNN7EXAMPLE',
      pem: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
    });
    expect(value).toEqual({
      note: 'use [REDACTED] to log in',
      header: 'Bearer [REDACTED]',
      basic: 'Basic [REDACTED]',
      openai: '[REDACTED]',
      github: '[REDACTED]',
      slack: '[REDACTED]',
      aws: '[REDACTED]',
      pem: '[REDACTED]',
    });
  });

  it('leaves prose that merely mentions credentials alone', () => {
    for (const text of [
      'Bearer tokens are fine',
      'Basic usage',
      'sk-learn-preprocessing-pipeline',
      'max_tokens=100',
    ]) {
      expect(redactValue(text)).toBe(text);
    }
  });

  it('parses strings holding JSON, redacts them and re-serialises only when something changed', () => {
    const untouched = '{ "city": "Paris" }';
    expect(redactValue({ body: untouched })).toEqual({ body: untouched });
    const value = redactValue({
      body: '{"user":"bob","credentials":{"password":"hunter2"},"deep":"{\\"token\\":\\"t0k\\"}"}',
    });
    expect(JSON.parse((value as { body: string }).body)).toEqual({
      user: 'bob',
      credentials: '[REDACTED]',
      deep: '{"token":"[REDACTED]"}',
    });
  });

  it('redacts only the secret part of URLs', () => {
    expect(
      redactValue([
        'postgres://admin:s3cr3t@db.internal:5432/app',
        'https://api.example.com/v1/items?page=2&access_token=abc123&key=AIzaSyA&sig=x%2By',
        'https://example.com/search?q=weather',
        'ssh://git@github.com/org/repo',
      ]),
    ).toEqual([
      'postgres://admin:[REDACTED]@db.internal:5432/app',
      'https://api.example.com/v1/items?page=2&access_token=[REDACTED]&key=[REDACTED]&sig=[REDACTED]',
      'https://example.com/search?q=weather',
      'ssh://git@github.com/org/repo',
    ]);
  });

  it('handles cycles, depth, binary data, maps, sets, dates and errors', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 40; level++) deep = { next: deep };
    const error = new Error('login failed: password=hunter2', { cause: 'token=abc' });
    const value = redactValue({
      cyclic,
      deep,
      bytes: Buffer.from('secret bytes'),
      map: new Map([
        ['token', 'x'],
        ['city', 'Oslo'],
      ]),
      set: new Set(['Bearer abcdefgh1234']),
      date: new Date(0),
      error,
    }) as Record<string, unknown>;
    expect(value.cyclic).toEqual({ name: 'a', self: '[Circular]' });
    expect(JSON.stringify(value.deep)).toContain('[MaxDepth]');
    expect(value.bytes).toBe('[binary 12 bytes]');
    expect(value.map).toEqual({ token: '[REDACTED]', city: 'Oslo' });
    expect(value.set).toEqual(['Bearer [REDACTED]']);
    expect(value.date).toBe('1970-01-01T00:00:00.000Z');
    expect(value.error).toMatchObject({
      name: 'Error',
      message: 'login failed: password=[REDACTED]',
      cause: 'token=[REDACTED]',
    });
    expect(JSON.stringify(value.error)).not.toContain('hunter2');
  });

  it('keeps shared (non-cyclic) references and an own __proto__ key as data', () => {
    const shared = { city: 'Rome' };
    expect(redactValue({ a: shared, b: shared })).toEqual({ a: { city: 'Rome' }, b: { city: 'Rome' } });
    const parsed = redactValue(JSON.parse('{"__proto__":{"password":"x"}}')) as object;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(JSON.stringify(parsed)).toBe('{"__proto__":{"password":"[REDACTED]"}}');
  });
});

describe('redactText', () => {
  it('redacts key=value and key: value pairs, quoted or not, also behind a harmless name', () => {
    expect(redactText('connect user=bob password=hunter2 db=main')).toBe(
      'connect user=bob password=[REDACTED] db=main',
    );
    expect(redactText('Error: token=abc123')).toBe('Error: token=[REDACTED]');
    expect(redactText("config {api_key: 'abc', region: 'eu'}")).toBe(
      "config {api_key: '[REDACTED]', region: 'eu'}",
    );
    expect(redactText('bad body {"client_secret":"zz", "id": 3')).toBe(
      'bad body {"client_secret":"[REDACTED]", "id": 3',
    );
    expect(redactText('escaped {\\"password\\":\\"hunter2\\"}')).toBe(
      'escaped {\\"password\\":\\"[REDACTED]\\"}',
    );
  });

  it('redacts whole credential header lines', () => {
    expect(redactText('GET / HTTP/1.1\nAuthorization: Digest abc\nCookie: a=1; b=2\nHost: x')).toBe(
      'GET / HTTP/1.1\nAuthorization: [REDACTED]\nCookie: [REDACTED]\nHost: x',
    );
  });

  it('is idempotent and returns plain text unchanged', () => {
    const once = redactText(`password=hunter2 ${jwt} https://u:p@x.io?token=1`);
    expect(redactText(once)).toBe(once);
    expect(redactText('tools/call echo finished in 12:30')).toBe('tools/call echo finished in 12:30');
  });
});
