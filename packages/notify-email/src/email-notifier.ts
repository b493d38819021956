import type { AdapterContextV1, DeliveryResultV1, NotificationV1, NotifierV1 } from '@mcp-o11y/core';
import { createTransport } from 'nodemailer';
import { abortedReason, classifySmtpError, type SmtpErrorLike } from './classify-smtp-error.js';
import { convertToEmail, createMessageId } from './convert-to-email.js';
import {
  type EmailNotifierOptions,
  type ResolvedEmailOptions,
  resolveEmailOptions,
} from './email-options.js';
import { createSecretRedactor } from './redact-secrets.js';

const prefix = '[@mcp-o11y/notify-email]';

/** What {@link createEmailNotifier} takes from the adapter context; both default sensibly without one. */
export type EmailNotifierContext = Partial<Pick<AdapterContextV1, 'env' | 'logger'>>;

/** The part of a nodemailer transporter this notifier uses. */
interface MailTransport {
  sendMail(
    mail: Record<string, unknown>,
  ): Promise<{ messageId: string; accepted?: unknown[]; rejected?: unknown[] }>;
  close(): void;
}

function buildTransport(options: ResolvedEmailOptions): MailTransport {
  const tls = {
    ...(options.tls.ca === undefined
      ? {}
      : { ca: typeof options.tls.ca === 'string' ? options.tls.ca : [...options.tls.ca] }),
    ...(options.tls.servername === undefined ? {} : { servername: options.tls.servername }),
    ...(options.tls.rejectUnauthorized === undefined
      ? {}
      : { rejectUnauthorized: options.tls.rejectUnauthorized }),
    ...(options.tls.minVersion === undefined ? {} : { minVersion: options.tls.minVersion }),
  };
  const common = {
    host: options.host,
    port: options.port,
    secure: options.secure,
    // STARTTLS is mandatory unless the user opted out; with `secure` TLS starts before the greeting.
    requireTLS: !options.secure && options.requireTLS,
    tls,
    ...(options.username === undefined ? {} : { auth: { user: options.username, pass: options.password } }),
    ...(options.clientName === undefined ? {} : { name: options.clientName }),
    // Nodemailer's defaults (2 min connect, 10 min idle) outlast the 30 s delivery deadline many times over.
    connectionTimeout: options.connectionTimeoutMs,
    greetingTimeout: options.greetingTimeoutMs,
    socketTimeout: options.socketTimeoutMs,
    logger: false,
    debug: false,
  };
  const transport = options.pool
    ? createTransport({
        ...common,
        pool: true,
        maxConnections: options.maxConnections,
        maxMessages: 100,
        // One attempt per send(): retries belong to core's pipeline, which knows the deadline. Nodemailer
        // would otherwise requeue a message up to 5 times when its connection drops mid-send.
        maxRequeues: 0,
        idleTimeout: 60_000,
      })
    : createTransport(common);
  return transport as unknown as MailTransport;
}

/** Resolves when the signal aborts, so a send never outlives its deadline even if the socket lingers. */
function whenAborted(signal: AbortSignal): { promise: Promise<'aborted'>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<'aborted'>((resolve) => {
    const onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => signal.removeEventListener('abort', onAbort);
  });
  return { promise, dispose };
}

/**
 * Creates an email notifier over SMTP (nodemailer) without the adapter machinery: for tests and for
 * users who call `send` themselves. Reads `SMTP_*` and `ALERT_*` from `context.env` (default
 * `process.env`) now, never later. Opens no connection until the first send.
 *
 * @throws when a required setting (host, sender, recipients) is missing or invalid.
 */
export function createEmailNotifier(
  options: EmailNotifierOptions = {},
  context: EmailNotifierContext = {},
): NotifierV1 {
  const resolved = resolveEmailOptions(options, context.env ?? process.env);
  const redact = createSecretRedactor(resolved.username, resolved.password);
  const logger = context.logger;
  let transport: MailTransport | undefined;
  let closed = false;

  const fail = (error: unknown): Exclude<DeliveryResultV1, { status: 'delivered' }> => {
    const result = classifySmtpError((error ?? {}) as SmtpErrorLike);
    const safe = { ...result, reason: redact(result.reason) };
    logger?.warn('email notification not delivered', { status: safe.status, reason: safe.reason });
    return safe;
  };

  return {
    specificationVersion: 'v1',
    id: resolved.id,

    async send(notification: NotificationV1, { signal }): Promise<DeliveryResultV1> {
      if (signal.aborted) {
        return { status: 'retryable', reason: `${prefix} send aborted before it started; nothing was sent.` };
      }
      if (closed) return { status: 'failed', reason: `${prefix} the notifier was closed; create a new one.` };
      const content = convertToEmail(notification, {
        messageIdDomain: resolved.messageIdDomain,
        maxAlerts: resolved.maxAlerts,
      });
      transport ??= buildTransport(resolved);
      const aborted = whenAborted(signal);
      const sending = transport.sendMail({
        from: resolved.from,
        to: [...resolved.to],
        subject: content.subject,
        // text before html: the multipart/alternative order puts the preferred (last) part last.
        text: content.text,
        html: content.html,
        messageId: createMessageId(notification, resolved.messageIdDomain),
        inReplyTo: content.threadId,
        references: [content.threadId],
        headers: content.headers,
        signal,
      });
      // The abort race may win; keep nodemailer's later EABORT rejection from going unhandled.
      sending.catch(() => undefined);
      try {
        const outcome = await Promise.race([sending, aborted.promise]);
        if (outcome === 'aborted') {
          logger?.warn('email notification aborted', { reason: abortedReason });
          return { status: 'retryable', reason: abortedReason };
        }
        if (outcome.rejected && outcome.rejected.length > 0) {
          logger?.warn('some recipients were rejected', { rejected: outcome.rejected.map(String) });
        }
        logger?.debug('email notification delivered', { messageId: outcome.messageId });
        return { status: 'delivered', id: outcome.messageId };
      } catch (error) {
        return fail(error);
      } finally {
        aborted.dispose();
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      transport?.close();
    },
  };
}
