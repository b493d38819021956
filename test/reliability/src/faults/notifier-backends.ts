import type { AdapterV1 } from '@mcp-o11y/core';
import { emailNotifier } from '@mcp-o11y/notify-email';
import { slackNotifier } from '@mcp-o11y/notify-slack';
import { teamsNotifier } from '@mcp-o11y/notify-teams';
import { telegramNotifier } from '@mcp-o11y/notify-telegram';
import { webhookNotifier } from '@mcp-o11y/notify-webhook';
import type { ReceivedRequest, ReceiverResponse } from '@mcp-o11y/testkit';
import { header, type MimePart, parseMime } from '../../../../packages/notify-email/test/parse-mime.ts';
import type { TestCertificate } from '../../../../packages/notify-email/test/smtp-test-server.ts';

/** One notification as the receiver understood it: its status and the text that names the tool. */
export interface ReceivedNotification {
  readonly status: 'firing' | 'resolved';
  readonly text: string;
}

/** A notifier and its receiver: an HTTP API answered like the vendor does, or SMTP. */
export type NotifierBackend =
  | {
      readonly name: string;
      readonly transport: 'http';
      readonly adapter: (baseUrl: string) => AdapterV1;
      /** Decodes one request into the notification it carries and the vendor's success answer. */
      readonly accept: (request: ReceivedRequest) => {
        notification: ReceivedNotification;
        response: ReceiverResponse;
      };
    }
  | {
      readonly name: string;
      readonly transport: 'smtp';
      readonly adapter: (port: number, certificate: TestCertificate) => AdapterV1;
      readonly accept: (raw: string) => ReceivedNotification;
    };

/** Per-attempt timeout of the HTTP notifiers, ms (the delivery pipeline's attempt timeout is above it). */
export const NOTIFY_TIMEOUT_MS = 400;

/** The status every channel puts in its title: `[FIRING] …`, `[FIRING:2] …` / `[RESOLVED] …`. */
function statusOfTitle(text: string): 'firing' | 'resolved' {
  const match = /\[(FIRING|RESOLVED)(?::\d+)?\]/.exec(text);
  if (match === null) throw new Error(`no [FIRING] or [RESOLVED] in ${text.slice(0, 120)}`);
  return match[1] === 'RESOLVED' ? 'resolved' : 'firing';
}

function titled(request: ReceivedRequest, response: ReceiverResponse) {
  return { notification: { status: statusOfTitle(request.text), text: request.text }, response };
}

function leafText(part: MimePart): string {
  return part.parts.length === 0 ? part.body : part.parts.map(leafText).join('\n');
}

export const NOTIFIER_BACKENDS: readonly NotifierBackend[] = [
  {
    name: 'email (smtp)',
    transport: 'smtp',
    adapter: (port, certificate) =>
      emailNotifier({
        host: '127.0.0.1',
        port,
        tls: { ca: certificate.cert, servername: 'localhost' },
        from: 'alerts@example.com',
        to: ['oncall@example.com'],
        connectionTimeoutMs: 1_000,
        greetingTimeoutMs: 1_000,
        socketTimeoutMs: 1_000,
      }),
    accept: (raw) => {
      const mail = parseMime(raw);
      const subject = header(mail, 'subject');
      return {
        status: subject.startsWith('[RESOLVED]') ? 'resolved' : 'firing',
        text: `${subject}\n${leafText(mail)}`,
      };
    },
  },
  {
    name: 'slack (webhook)',
    transport: 'http',
    adapter: (baseUrl) =>
      slackNotifier({
        webhookUrl: `${baseUrl}/services/T0001/B0001/reliabilitysecret`,
        timeoutMs: NOTIFY_TIMEOUT_MS,
      }),
    accept: (request) =>
      titled(request, { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }),
  },
  {
    name: 'teams (workflows)',
    transport: 'http',
    adapter: (baseUrl) =>
      teamsNotifier({
        webhookUrl: `${baseUrl}/workflows/reliability/triggers/manual/paths/invoke?sig=reliabilitysignature`,
        timeoutMs: NOTIFY_TIMEOUT_MS,
      }),
    accept: (request) => titled(request, { status: 202, body: '' }),
  },
  {
    name: 'telegram (bot api)',
    transport: 'http',
    adapter: (baseUrl) =>
      telegramNotifier({
        botToken: '123456:reliability-token',
        chatId: '42',
        apiBaseUrl: baseUrl,
        timeoutMs: NOTIFY_TIMEOUT_MS,
      }),
    accept: (request) => {
      if (!request.path.endsWith('/sendMessage')) throw new Error(`unexpected Bot API call ${request.path}`);
      return titled(request, { status: 200, body: { ok: true, result: { message_id: 1 } } });
    },
  },
  {
    name: 'webhook (alertmanager)',
    transport: 'http',
    adapter: (baseUrl) => webhookNotifier({ url: `${baseUrl}/alerts`, timeoutMs: NOTIFY_TIMEOUT_MS }),
    accept: (request) => {
      const body = request.json<{ status?: unknown; version?: unknown }>();
      if (body.version !== '4') throw new Error('not an Alertmanager v4 payload');
      if (body.status !== 'firing' && body.status !== 'resolved')
        throw new Error(`status ${String(body.status)}`);
      return {
        notification: { status: body.status, text: request.text },
        response: { status: 200, body: '' },
      };
    },
  },
];
