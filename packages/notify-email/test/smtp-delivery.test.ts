/**
 * End to end against a real SMTP server on 127.0.0.1: STARTTLS with a self-signed certificate, AUTH,
 * the MIME structure and headers as received, threading, header injection and HTML escaping.
 */
import type { NotificationV1, NotifierV1 } from '@mcp-o11y/core';
import { canonicalNotifications } from '@mcp-o11y/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { threadIdFor } from '../src/convert-to-email.js';
import { createEmailNotifier, type EmailNotifierOptions } from '../src/index.js';
import {
  createTestCertificate,
  type SmtpTestServer,
  type SmtpTestServerOptions,
  startSmtpTestServer,
  type TestCertificate,
} from './smtp-test-server.js';
import { validateAlertMail } from './validate-mime.js';

const credentials = { username: 'alerts@example.com', password: 'S3cret-smtp-pa55' };
let certificate: TestCertificate;
const opened: { close(): Promise<void> }[] = [];

beforeAll(() => {
  certificate = createTestCertificate();
});
afterEach(async () => {
  for (const each of opened.splice(0).reverse()) await each.close();
});

async function server(options: Partial<SmtpTestServerOptions> = {}): Promise<SmtpTestServer> {
  const started = await startSmtpTestServer({ certificate, credentials, ...options });
  opened.push(started);
  return started;
}

function notifier(smtp: SmtpTestServer, options: EmailNotifierOptions = {}): NotifierV1 {
  const created = createEmailNotifier(
    {
      host: '127.0.0.1',
      port: smtp.port,
      tls: { ca: certificate.cert, servername: 'localhost' },
      ...options,
    },
    {
      env: {
        SMTP_USERNAME: credentials.username,
        SMTP_PASSWORD: credentials.password,
        ALERT_FROM_EMAIL: 'MCP alerts <alerts@example.com>',
        ALERT_TO_EMAILS: 'oncall@example.com, sre@example.org',
      },
    },
  );
  opened.push({ close: async () => created.close?.() });
  return created;
}

const send = (target: NotifierV1, notification: NotificationV1) =>
  target.send(notification, { signal: new AbortController().signal });

describe('email over STARTTLS', () => {
  it('delivers a multipart/alternative mail, text first, after STARTTLS and AUTH', async () => {
    const smtp = await server();
    const result = await send(notifier(smtp), canonicalNotifications.criticalFiring);

    expect(result.status).toBe('delivered');
    expect(smtp.messages).toHaveLength(1);
    const received = smtp.messages[0]!;
    expect(received.secure).toBe(true);
    expect(received.user).toBe(credentials.username);
    expect(smtp.authAttempts).toEqual([{ username: credentials.username, ok: true, secure: true }]);
    expect(received.from).toBe('alerts@example.com');
    expect(received.to).toEqual(['oncall@example.com', 'sre@example.org']);

    const mail = validateAlertMail(received.raw);
    expect(result.status === 'delivered' && result.id).toBe(mail.messageId);
    expect(mail.subject).toBe('[CRITICAL] weather-mcp: ServerDown');
    expect(mail.message.headers.get('from')).toEqual(['MCP alerts <alerts@example.com>']);
    expect(mail.message.headers.get('auto-submitted')).toEqual(['auto-generated']);
    expect(mail.message.headers.get('x-alert-fingerprints')).toEqual(['ServerDown:get_forecast']);
    expect(mail.text).toContain('Summary: No successful request for 5 min');
    expect(mail.text).toContain('Runbook: https://runbooks.example.com/mcp/ServerDown');
    expect(mail.html).toContain('<a href="https://runbooks.example.com/mcp/ServerDown">');
  });

  it('threads the resolve under the firing mail: distinct Message-IDs, one References root from the group key', async () => {
    const smtp = await server();
    const email = notifier(smtp);
    await send(email, canonicalNotifications.highFiring);
    await send(email, canonicalNotifications.highFiring);
    await send(email, canonicalNotifications.highResolved);

    const [firing, repeat, resolved] = smtp.messages.map((each) => validateAlertMail(each.raw));
    const root = threadIdFor(canonicalNotifications.highFiring.groupKey, 'example.com');
    for (const mail of [firing!, repeat!, resolved!]) {
      expect(mail.inReplyTo).toBe(root);
      expect(mail.references).toBe(root);
    }
    expect(new Set([firing!.messageId, repeat!.messageId, resolved!.messageId]).size).toBe(3);
    expect(firing!.messageId).toContain('.firing.');
    expect(resolved!.messageId).toContain('.resolved.');
    expect(resolved!.subject).toBe('[RESOLVED] [HIGH] weather-mcp: CircuitBreakerOpen');
    // Another group gets another thread.
    expect(threadIdFor(canonicalNotifications.lowFiring.groupKey, 'example.com')).not.toBe(root);
  });

  it('strips CR/LF from every header value: a label cannot add a Bcc', async () => {
    const smtp = await server();
    const injected = '\r\nBcc: attacker@evil.example\r\nX-Injected: yes';
    const base = canonicalNotifications.mediumFiring;
    const alert = base.alerts[0]!;
    const notification: NotificationV1 = {
      ...base,
      service: `weather-mcp${injected}`,
      groupKey: `{tool="x${injected}"}`,
      alerts: [
        {
          ...alert,
          name: `HighErrorRate${injected}`,
          fingerprint: `fp${injected}`,
          labels: { ...alert.labels, tool: `get_forecast${injected}` },
        },
      ],
    };
    expect((await send(notifier(smtp), notification)).status).toBe('delivered');

    const received = smtp.messages[0]!;
    expect(received.to).toEqual(['oncall@example.com', 'sre@example.org']);
    const mail = validateAlertMail(received.raw);
    expect(mail.message.headers.has('bcc')).toBe(false);
    expect(mail.message.headers.has('x-injected')).toBe(false);
    expect(mail.message.rawHeaders).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(mail.subject).toBe(
      '[MEDIUM] weather-mcp Bcc: attacker@evil.example X-Injected: yes: HighErrorRate Bcc: attacker@evil.example X-Injected: yes',
    );
    expect(mail.message.headers.get('x-alert-fingerprints')?.[0]).toBe(
      'fp Bcc: attacker@evil.example X-Injected: yes',
    );
  });

  it('HTML-escapes markup in the HTML part and keeps it verbatim in the text part', async () => {
    const smtp = await server();
    expect((await send(notifier(smtp), canonicalNotifications.markup)).status).toBe('delivered');
    const mail = validateAlertMail(smtp.messages[0]!.raw);
    const markup = '<b>&*_[]()~`>#+-=|{}.!';
    expect(mail.html).toContain('Summary &lt;b&gt;&amp;*_[]()~`&gt;#+-=|{}.!');
    expect(mail.html).not.toContain(markup);
    expect(mail.html.match(/<b>/g)).toBeNull();
    expect(mail.text).toContain(`Summary ${markup}`);
    expect(mail.subject).toBe(`[MEDIUM] weather-mcp: Markup ${markup}`);
  });

  it('carries non-Latin text and emoji intact through encoded words and quoted-printable', async () => {
    const smtp = await server();
    expect((await send(notifier(smtp), canonicalNotifications.nonLatin)).status).toBe('delivered');
    const mail = validateAlertMail(smtp.messages[0]!.raw);
    const summary = canonicalNotifications.nonLatin.alerts[0]!.annotations.summary!;
    expect(mail.subject).toBe('[HIGH] weather-mcp: ОшибкиИнструмента');
    expect(mail.text).toContain(summary);
    expect(mail.html).toContain(summary);
  });

  it('summarises a group of thirty in the subject and lists every alert', async () => {
    const smtp = await server();
    expect((await send(notifier(smtp), canonicalNotifications.groupOfThirty)).status).toBe('delivered');
    const mail = validateAlertMail(smtp.messages[0]!.raw);
    expect(mail.subject).toBe('[CRITICAL] weather-mcp: ServerDown (27 firing, 3 resolved)');
    expect(mail.text.match(/^- ServerDown/gm)).toHaveLength(30);
    expect(mail.html).toContain('tool=tool_30');
  });

  it('reuses one pooled connection for consecutive sends', async () => {
    const smtp = await server();
    const email = notifier(smtp);
    for (const name of ['lowFiring', 'mediumFiring', 'highFiring'] as const) {
      expect((await send(email, canonicalNotifications[name])).status).toBe('delivered');
    }
    expect(smtp.messages).toHaveLength(3);
    expect(smtp.connections).toHaveLength(1);
    expect(new Set(smtp.messages.map((each) => each.connectionId)).size).toBe(1);
  });

  it('opens a connection per send with pool: false', async () => {
    const smtp = await server();
    const email = notifier(smtp, { pool: false });
    await send(email, canonicalNotifications.lowFiring);
    await send(email, canonicalNotifications.lowResolved);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.connections).toHaveLength(2);
  });
});

describe('email over implicit TLS', () => {
  it('speaks TLS from the first byte with secure: true', async () => {
    const smtp = await server({ secure: true });
    const result = await send(notifier(smtp, { secure: true }), canonicalNotifications.lowFiring);
    expect(result.status).toBe('delivered');
    expect(smtp.messages[0]?.secure).toBe(true);
  });

  it('fails (permanently) against a server whose certificate is not trusted', async () => {
    const smtp = await server({ secure: true });
    const untrusting = createEmailNotifier(
      { host: '127.0.0.1', port: smtp.port, secure: true, from: 'a@example.com', to: 'b@example.com' },
      { env: {} },
    );
    opened.push({ close: async () => untrusting.close?.() });
    const result = await send(untrusting, canonicalNotifications.lowFiring);
    expect(result.status).toBe('failed');
    expect(result.status !== 'delivered' && result.reason).toMatch(/certificate/i);
    expect(smtp.messages).toHaveLength(0);
  });
});

afterAll(async () => {
  for (const each of opened.splice(0)) await each.close();
});
