import { describe, expect, it } from 'vitest';
import { adapter } from './email-adapter.js';
import { resolveEmailOptions } from './email-options.js';

const env = {
  SMTP_SERVER: 'smtp.example.com',
  SMTP_PORT: '2525',
  SMTP_USERNAME: 'mailer',
  SMTP_PASSWORD: 'env-secret',
  ALERT_FROM_EMAIL: 'Alerts <alerts@example.com>',
  ALERT_TO_EMAILS: ' a@example.com, b@example.com ,, ',
};

describe('resolveEmailOptions', () => {
  it('reads the seed env variables', () => {
    const resolved = resolveEmailOptions({}, env);
    expect(resolved).toMatchObject({
      id: 'email',
      host: 'smtp.example.com',
      port: 2525,
      secure: false,
      requireTLS: true,
      username: 'mailer',
      password: 'env-secret',
      from: 'Alerts <alerts@example.com>',
      to: ['a@example.com', 'b@example.com'],
      pool: true,
      connectionTimeoutMs: 5_000,
      greetingTimeoutMs: 5_000,
      socketTimeoutMs: 15_000,
      messageIdDomain: 'example.com',
    });
  });

  it('prefers explicit options over env', () => {
    const resolved = resolveEmailOptions({ host: 'relay', port: 25, to: ['x@y.z'], from: 'f@g.h' }, env);
    expect(resolved).toMatchObject({
      host: 'relay',
      port: 25,
      to: ['x@y.z'],
      from: 'f@g.h',
      messageIdDomain: 'g.h',
    });
  });

  it('uses implicit TLS on port 465 and 465 when secure', () => {
    expect(resolveEmailOptions({}, { ...env, SMTP_PORT: '465' })).toMatchObject({ port: 465, secure: true });
    expect(resolveEmailOptions({ secure: true }, { ...env, SMTP_PORT: undefined })).toMatchObject({
      port: 465,
    });
    expect(resolveEmailOptions({}, { ...env, SMTP_PORT: undefined })).toMatchObject({
      port: 587,
      secure: false,
    });
  });

  it.each([
    [{ ...env, SMTP_SERVER: undefined }, /no SMTP host: set the `host` option or SMTP_SERVER/],
    [{ ...env, ALERT_FROM_EMAIL: '' }, /no sender: .*ALERT_FROM_EMAIL/],
    [{ ...env, ALERT_TO_EMAILS: ' , ' }, /no recipients: .*ALERT_TO_EMAILS/],
    [{ ...env, ALERT_TO_EMAILS: 'a@b.c\r\nBcc: d@e.f' }, /recipient .* is not an email address/],
    [{ ...env, ALERT_TO_EMAILS: 'oncall' }, /recipient "oncall" is not an email address/],
    [{ ...env, SMTP_PORT: 'smtp' }, /SMTP_PORT must be a port number/],
    [{ ...env, SMTP_PASSWORD: undefined }, /no password: .*SMTP_PASSWORD/],
    [{ ...env, SMTP_USERNAME: undefined }, /no user name: .*SMTP_USERNAME/],
  ])('refuses incomplete settings (%#)', (badEnv, message) => {
    expect(() => resolveEmailOptions({}, badEnv)).toThrow(message);
  });

  it('never puts the password in an error', () => {
    try {
      resolveEmailOptions({}, { ...env, ALERT_TO_EMAILS: 'x' });
    } catch (error) {
      expect(String(error)).toMatch(/^Error: \[@mcp-o11y\/notify-email\] /);
      expect(String(error)).not.toContain('env-secret');
    }
    expect.assertions(2);
  });
});

describe('adapter.parseOptions', () => {
  it('accepts the config-file form, including interpolated strings for numbers and flags', () => {
    expect(
      adapter.parseOptions!({ host: 'h', port: '465', secure: 'true', to: ['a@b.c'], tls: { ca: 'PEM' } }),
    ).toEqual({ host: 'h', port: 465, secure: true, to: ['a@b.c'], tls: { ca: 'PEM' } });
  });

  it('rejects unknown fields and bad values with their paths', () => {
    expect(() => adapter.parseOptions!({ hots: 'x' })).toThrow(/hots/);
    expect(() => adapter.parseOptions!({ port: 70_000 })).toThrow(/port/);
    expect(() => adapter.parseOptions!(42)).toThrow();
  });
});
