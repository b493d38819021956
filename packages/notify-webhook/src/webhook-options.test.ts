import { createAdapterContext } from '@mcp-o11y/testkit';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { adapter } from './webhook-adapter.js';
import { resolveWebhookOptions } from './webhook-options.js';

const url = 'https://alerts.example.com/hook/pathT0ken123';

describe('resolveWebhookOptions', () => {
  it('reads MCP_O11Y_WEBHOOK_URL, _SECRET and _TOKEN from env, explicit options first', () => {
    const env = {
      MCP_O11Y_WEBHOOK_URL: url,
      MCP_O11Y_WEBHOOK_SECRET: 'env-secret-0123456789',
      MCP_O11Y_WEBHOOK_TOKEN: 'env-token-1',
    };
    const fromEnv = resolveWebhookOptions({}, env);
    expect(fromEnv).toMatchObject({
      id: 'webhook',
      url,
      receiver: 'mcp-o11y',
      signingSecret: 'env-secret-0123456789',
      maxAlerts: 0,
    });
    expect(fromEnv.headers.authorization).toBe('Bearer env-token-1');
    const explicit = resolveWebhookOptions(
      { url: 'https://other.example/x', signingSecret: 'explicit-secret-012345' },
      env,
    );
    expect(explicit).toMatchObject({
      url: 'https://other.example/x',
      signingSecret: 'explicit-secret-012345',
    });
  });

  it('moves URL credentials into a basic Authorization header', () => {
    const resolved = resolveWebhookOptions({ url: 'https://ops:p%40ss@alerts.example.com/am' }, {});
    expect(resolved.url).toBe('https://alerts.example.com/am');
    expect(resolved.headers.authorization).toBe(`Basic ${Buffer.from('ops:p@ss').toString('base64')}`);
    expect(resolved.secrets).toContain('p@ss');
  });

  it('lets custom headers through, lower-cased, and counts their values as secrets', () => {
    const resolved = resolveWebhookOptions({ url, headers: { 'X-Api-Key': 'k3y-value' } }, {});
    expect(resolved.headers).toEqual({ 'x-api-key': 'k3y-value', 'content-type': 'application/json' });
    expect(resolved.secrets).toEqual(expect.arrayContaining(['k3y-value', 'pathT0ken123']));
  });

  it.each([
    [{}, /no URL: set the url option or MCP_O11Y_WEBHOOK_URL/],
    [{ url: 'alerts.example.com/pathT0ken123' }, /url is not a valid URL/],
    [{ url: 'ftp://alerts.example.com/pathT0ken123' }, /url must be http\(s\)/],
    [{ url, signingSecret: 'short' }, /shorter than 16 characters/],
    [
      { url, bearerToken: 'tok', basicAuth: { username: 'a', password: 'b' } },
      /either basicAuth .* or bearerToken/,
    ],
    [{ url, headers: { 'Content-Type': 'text/plain' } }, /headers cannot set Content-Type/],
    [{ url, headers: { 'x-mcp-o11y-signature': 'sha256=0' } }, /headers cannot set x-mcp-o11y-signature/],
    [{ url, bearerToken: 'tok', headers: { Authorization: 'Basic x' } }, /headers cannot set Authorization/],
    [{ url, headers: { 'X-Bad': 'line\r\nInjected: 1' } }, /headers.X-Bad is not a valid header/],
    [{ url, maxAlerts: -1 }, /maxAlerts must be a whole number/],
  ])('refuses %j with a message naming the fix', (options, message) => {
    expect(() => resolveWebhookOptions(options, {})).toThrow(message);
    try {
      resolveWebhookOptions(options, {});
    } catch (error) {
      expect((error as Error).message).toMatch(/^\[@mcp-o11y\/notify-webhook\] /);
      expect((error as Error).message).not.toContain('pathT0ken123');
    }
  });

  it('allows a custom Authorization header when no auth option is set', () => {
    expect(
      resolveWebhookOptions({ url, headers: { Authorization: 'Token abcdef' } }, {}).headers.authorization,
    ).toBe('Token abcdef');
  });
});

describe('adapter', () => {
  it('parses the config-file form strictly and throws the zod error with paths', () => {
    expect(adapter.parseOptions?.({ url, maxAlerts: 10 })).toEqual({ url, maxAlerts: 10 });
    let error: unknown;
    try {
      adapter.parseOptions?.({ url, basicAuth: { username: 'a' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]?.path).toEqual(['basicAuth', 'password']);
    expect(() => adapter.parseOptions?.({ URL: url })).toThrow(ZodError);
  });

  it('creates one notifier from context.env', async () => {
    const instance = await adapter.create({}, createAdapterContext({ env: { MCP_O11Y_WEBHOOK_URL: url } }));
    expect(instance.id).toBe('notify-webhook');
    expect(instance.notifiers?.map((notifier) => notifier.id)).toEqual(['webhook']);
    await instance.shutdown?.();
  });
});
