/**
 * Failure outcomes against real servers on 127.0.0.1 — the SMTP counterpart of the testkit's HTTP
 * checks (which need `fetch`): fail closed without STARTTLS, scripted 4xx/5xx replies, bad credentials,
 * refused and silent servers, hangs, aborts, and the password kept out of every result and log.
 */
import { createServer } from 'node:net';
import type { DeliveryResultV1, NotifierV1 } from '@mcp-o11y/core';
import { canonicalNotifications, createRecordingLogger } from '@mcp-o11y/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmailNotifier, type EmailNotifierOptions } from '../src/index.js';
import {
  createTestCertificate,
  type SmtpTestServer,
  type SmtpTestServerOptions,
  startSilentServer,
  startSmtpTestServer,
  type TestCertificate,
} from './smtp-test-server.js';

const password = 'Pa55-never-leak';
const credentials = { username: 'mailer', password };
const logger = createRecordingLogger();
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

function notifier(port: number, options: EmailNotifierOptions = {}): NotifierV1 {
  const created = createEmailNotifier(
    {
      host: '127.0.0.1',
      port,
      tls: { ca: certificate.cert, servername: 'localhost' },
      username: credentials.username,
      password,
      from: 'alerts@example.com',
      to: ['oncall@example.com'],
      ...options,
    },
    { env: {}, logger },
  );
  opened.push({ close: async () => created.close?.() });
  return created;
}

async function send(target: NotifierV1, signal = new AbortController().signal): Promise<DeliveryResultV1> {
  return target.send(canonicalNotifications.criticalFiring, { signal });
}

function reasonOf(result: DeliveryResultV1): string {
  return result.status === 'delivered' ? '' : result.reason;
}

describe('STARTTLS is required', () => {
  it('fails closed when the server does not offer STARTTLS: no AUTH, no message in clear', async () => {
    const smtp = await server({ noSTARTTLS: true });
    const result = await send(notifier(smtp.port));
    expect(result.status).toBe('failed');
    expect(reasonOf(result)).toMatch(/^\[@mcp-o11y\/notify-email\] STARTTLS is required/);
    expect(smtp.authAttempts).toEqual([]);
    expect(smtp.messages).toEqual([]);
  });

  it('sends in clear to such a server only when requireTLS is false (a local relay)', async () => {
    const smtp = await server({ noSTARTTLS: true, credentials: undefined });
    const result = await send(
      notifier(smtp.port, { requireTLS: false, username: undefined, password: undefined }),
    );
    expect(result.status).toBe('delivered');
    expect(smtp.messages[0]?.secure).toBe(false);
  });
});

describe('SMTP replies', () => {
  const cases: [string, Partial<SmtpTestServerOptions>, DeliveryResultV1['status'], RegExp][] = [
    [
      '451 on RCPT TO',
      { onRcptTo: () => ({ code: 451, message: 'Greylisted, try later' }) },
      'retryable',
      /\(451\).*Greylisted/,
    ],
    [
      '550 on RCPT TO',
      { onRcptTo: () => ({ code: 550, message: 'No such user' }) },
      'failed',
      /\(550\).*No such user/,
    ],
    [
      '452 on DATA',
      { onData: () => ({ code: 452, message: 'Mailbox full, come back' }) },
      'retryable',
      /\(452\)/,
    ],
    [
      '554 on DATA',
      { onData: () => ({ code: 554, message: 'Message rejected as spam' }) },
      'failed',
      /\(554\).*spam/,
    ],
    [
      '421 on DATA',
      { onData: () => ({ code: 421, message: 'Service shutting down' }) },
      'retryable',
      /\(421\)/,
    ],
  ];
  it.each(cases)('%s is %s', async (_name, script, status, reason) => {
    const smtp = await server(script);
    const result = await send(notifier(smtp.port));
    expect(result.status).toBe(status);
    expect(reasonOf(result)).toMatch(reason);
    expect(smtp.messages).toEqual([]);
  });

  it('rejected credentials (535) are failed, and the reason names the settings to check', async () => {
    const smtp = await server();
    const result = await send(notifier(smtp.port, { password: `${password}-wrong` }));
    expect(result.status).toBe('failed');
    expect(reasonOf(result)).toMatch(/authentication failed \(535\).*SMTP_USERNAME \/ SMTP_PASSWORD/);
    expect(reasonOf(result)).not.toContain(password);
  });

  it('a temporary auth failure (454) is retryable', async () => {
    const smtp = await server({
      authFailure: () => ({ code: 454, message: 'Temporary authentication failure' }),
    });
    const result = await send(notifier(smtp.port, { password: 'other' }));
    expect(result.status).toBe('retryable');
  });

  it('keeps the password out of results and logs even when the server echoes it', async () => {
    const smtp = await server({
      authFailure: (sent) => ({
        code: 535,
        message: `bad password ${sent} (base64 ${Buffer.from(sent ?? '').toString('base64')})`,
      }),
    });
    const before = logger.records.length;
    const result = await send(notifier(smtp.port, { password: `${password}`, username: 'someone-else' }));
    expect(result.status).toBe('failed');
    expect(reasonOf(result)).toContain('[REDACTED]');
    const logged = JSON.stringify(logger.records.slice(before));
    for (const text of [reasonOf(result), logged]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(Buffer.from(password).toString('base64'));
    }
  });
});

describe('connections and time', () => {
  it('a refused connection is retryable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await send(notifier(port));
    expect(result.status).toBe('retryable');
    expect(reasonOf(result)).toMatch(/could not reach the SMTP server.*ECONNREFUSED/);
  });

  it('a server that never greets is retryable after greetingTimeoutMs', async () => {
    const silent = await startSilentServer();
    opened.push(silent);
    const started = Date.now();
    const result = await send(notifier(silent.port, { greetingTimeoutMs: 200 }));
    expect(result.status).toBe('retryable');
    expect(reasonOf(result)).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a DATA that is never answered is retryable after socketTimeoutMs, flagged as possibly delivered', async () => {
    const smtp = await server({ onData: () => 'hang' });
    const result = await send(notifier(smtp.port, { socketTimeoutMs: 300 }));
    expect(result.status).toBe('retryable');
    expect(reasonOf(result)).toMatch(/timed out.*may have been delivered/);
  });

  it('an abort during a hung DATA resolves retryable within 2 s and says the message may have arrived', async () => {
    const smtp = await server({ onData: () => 'hang' });
    const controller = new AbortController();
    const email = notifier(smtp.port);
    const sending = send(email, controller.signal);
    await waitFor(() => smtp.connections.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const abortedAt = Date.now();
    controller.abort();
    const result = await sending;
    expect(Date.now() - abortedAt).toBeLessThan(2_000);
    expect(result.status).toBe('retryable');
    expect(reasonOf(result)).toMatch(/may already have accepted the message.*twice/);
    // The socket is really dropped, not just abandoned: the server sees the connection close.
    await waitFor(() => smtp.closed.length === 1);
  });

  it('an already aborted signal sends nothing and says so', async () => {
    const smtp = await server();
    const result = await send(notifier(smtp.port), AbortSignal.abort());
    expect(result).toEqual({ status: 'retryable', reason: expect.stringMatching(/nothing was sent/) });
    expect(smtp.connections).toEqual([]);
  });

  it('close() is idempotent and later sends fail without a connection', async () => {
    const smtp = await server();
    const email = notifier(smtp.port);
    await email.close?.();
    await email.close?.();
    expect((await send(email)).status).toBe('failed');
    expect(smtp.connections).toEqual([]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const giveUp = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
