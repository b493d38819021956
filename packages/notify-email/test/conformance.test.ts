/**
 * The testkit's suites. The notifier suite's status checks script HTTP responses through `fetch`, which
 * SMTP does not use, so they run with `capabilities.http: false` (shape, every canonical notification
 * delivered — here to a real SMTP server over STARTTLS — and no stdout); smtp-failures.test.ts covers the
 * same outcomes (4xx/5xx, refused, hang, abort, secrets) against real SMTP servers.
 */
import {
  canonicalNotifications,
  describeAdapterConformance,
  describeNotifierConformance,
} from '@mcp-o11y/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adapter, createEmailNotifier } from '../src/index.js';
import { createTestCertificate, type SmtpTestServer, startSmtpTestServer } from './smtp-test-server.js';
import { validateAlertMail } from './validate-mime.js';

const credentials = { username: 'conformance', password: 'Conformance-Pa55' };
const certificate = createTestCertificate();
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await startSmtpTestServer({ certificate, credentials });
});
afterAll(async () => {
  await smtp.close();
});

describeNotifierConformance({
  name: 'email',
  capabilities: { http: false },
  secrets: [credentials.password],
  create: () =>
    createEmailNotifier(
      {
        host: '127.0.0.1',
        port: smtp.port,
        tls: { ca: certificate.cert, servername: 'localhost' },
        ...credentials,
        from: 'alerts@example.com',
        to: 'oncall@example.com',
      },
      { env: {} },
    ),
});

it('the canonical deliveries above reached the SMTP server as valid mails, over TLS', () => {
  const count = Object.keys(canonicalNotifications).length;
  expect(smtp.messages.length).toBeGreaterThanOrEqual(count);
  for (const message of smtp.messages) {
    expect(message.secure).toBe(true);
    expect(message.user).toBe(credentials.username);
    validateAlertMail(message.raw);
  }
});

describeAdapterConformance({
  name: 'notify-email',
  descriptor: adapter,
  options: {},
  env: {
    SMTP_SERVER: '127.0.0.1',
    SMTP_PORT: '2525',
    SMTP_USERNAME: 'mailer',
    SMTP_PASSWORD: 'adapter-secret',
    ALERT_FROM_EMAIL: 'alerts@example.com',
    ALERT_TO_EMAILS: 'oncall@example.com,sre@example.com',
  },
  importModule: () => import('../src/index.js'),
});
