import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DeliveryOutcome,
  DeliveryPipeline,
  type DeliveryPipelineOptions,
  type NotifierV1,
} from '@mcp-o11y/core';
import {
  type AlertmanagerMappingOptions,
  alertmanagerPayloadSchema,
  alertmanagerPayloadToNotification,
} from './convert-alertmanager-payload.js';

/** Options of {@link createAlertmanagerWebhook}. */
export interface AlertmanagerWebhookOptions extends AlertmanagerMappingOptions {
  /** The notifiers to deliver through (core's `NotifierV1`: Slack, Teams, Telegram, email, ...). */
  readonly notifiers: readonly NotifierV1[];
  /**
   * Delivery settings of the pipeline the receiver creates (retries, Retry-After, rate limits, dead letters);
   * pass the handle's `meter` and `logger` for metrics and logs. Ignored when `pipeline` is given.
   */
  readonly delivery?: Omit<DeliveryPipelineOptions, 'notifiers'>;
  /** A pipeline of yours (it must know the notifiers' ids); the receiver then never closes it. */
  readonly pipeline?: DeliveryPipeline;
  /** Notifier ids when the request names none (`?notifier=<id>`, repeatable). Default: every notifier. */
  readonly defaultNotifiers?: readonly string[];
  /** Require `Authorization: Bearer <token>` (Alertmanager `http_config.authorization`). Default: none. */
  readonly bearerToken?: string;
  /** Largest accepted body, bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * Answer only once every notifier delivered (502 otherwise, so Alertmanager retries). Default false:
   * answer 202 once queued, and let core's pipeline retry with Retry-After.
   */
  readonly awaitDelivery?: boolean;
}

/** A mountable Alertmanager webhook receiver. */
export interface AlertmanagerWebhook {
  /** Node handler (`http.createServer(handler)`, Express `app.post(path, handler)`). Answers every request. */
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
  /** Fetch-style handler (Hono, Bun, Deno, workers). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The pipeline delivering to the notifiers (stats, dead letters). */
  readonly pipeline: DeliveryPipeline;
  /** Drains and closes the pipeline when the receiver created it. Does not close the notifiers. */
  close(timeoutMs?: number): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

const PENDING = Symbol('pending');

/**
 * An Alertmanager-compatible webhook receiver (`webhook_configs.url`): validates the version 4 payload,
 * maps it to a core `NotificationV1` and hands it to core's `DeliveryPipeline` for the notifiers the
 * request names (`?notifier=slack&notifier=ops-email`) or the defaults. Answers 202 when queued, 400 for
 * an invalid payload, 401 without the bearer token, 404 for an unknown notifier, 405 for other methods,
 * 413 for a body over the limit, 503 (Alertmanager retries) when a notifier's queue is full.
 */
export function createAlertmanagerWebhook(options: AlertmanagerWebhookOptions): AlertmanagerWebhook {
  const ids = options.notifiers.map((notifier) => notifier.id);
  const owned = options.pipeline === undefined;
  const pipeline =
    options.pipeline ?? new DeliveryPipeline({ ...options.delivery, notifiers: options.notifiers });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const expected =
    options.bearerToken === undefined ? undefined : Buffer.from(`Bearer ${options.bearerToken}`);

  const authorized = (header: string | null | undefined): boolean => {
    if (expected === undefined) return true;
    const given = Buffer.from(header ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const handle = async (
    method: string,
    url: URL,
    authorization: string | null | undefined,
    body: () => Promise<Uint8Array | undefined>,
  ): Promise<Reply> => {
    if (method !== 'POST') return { status: 405, body: { error: 'use POST' }, headers: { allow: 'POST' } };
    if (!authorized(authorization)) return { status: 401, body: { error: 'missing or wrong bearer token' } };
    const targets = url.searchParams
      .getAll('notifier')
      .flatMap((value) => value.split(','))
      .filter(Boolean);
    const notifierIds = targets.length > 0 ? targets : (options.defaultNotifiers ?? ids);
    const unknown = notifierIds.filter((id) => !ids.includes(id));
    if (unknown.length > 0)
      return { status: 404, body: { error: `unknown notifier: ${unknown.join(', ')}` } };
    const bytes = await body();
    if (bytes === undefined) return { status: 413, body: { error: `body over ${maxBodyBytes} bytes` } };
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return { status: 400, body: { error: 'body is not JSON' } };
    }
    const parsed = alertmanagerPayloadSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      return { status: 400, body: { error: 'not an Alertmanager webhook payload (version 4)', issues } };
    }
    const notification = alertmanagerPayloadToNotification(parsed.data, options);
    const deliveries = notifierIds.map((id) => pipeline.deliver(id, notification));
    if (options.awaitDelivery === true) {
      const outcomes = await Promise.all(deliveries);
      const failed = outcomes.flatMap((outcome, index) =>
        outcome.status === 'delivered' ? [] : [`${notifierIds[index]}: ${outcome.reason ?? 'failed'}`],
      );
      return failed.length === 0
        ? { status: 200, body: { delivered: notifierIds } }
        : { status: 502, body: { error: 'delivery failed', failed } };
    }
    // A refused notification (queue full, pipeline closed) settles at once; a queued one is still pending.
    const settled = await Promise.all(
      deliveries.map((delivery) =>
        Promise.race<DeliveryOutcome | typeof PENDING>([delivery, Promise.resolve(PENDING)]),
      ),
    );
    const refused = settled.flatMap((outcome, index) =>
      outcome !== PENDING && outcome.status === 'failed'
        ? [`${notifierIds[index]}: ${outcome.reason ?? 'refused'}`]
        : [],
    );
    if (refused.length > 0) {
      return { status: 503, body: { error: 'not queued', refused }, headers: { 'retry-after': '10' } };
    }
    return { status: 202, body: { queued: notifierIds } };
  };

  const handler = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://receiver.invalid');
    const readBody = () =>
      new Promise<Uint8Array | undefined>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        request.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxBodyBytes) chunks.push(chunk);
        });
        request.on('end', () => resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks)));
        request.on('error', reject);
      });
    handle(request.method ?? 'GET', url, request.headers.authorization, readBody).then(
      (reply) => send(response, reply),
      () => send(response, { status: 500, body: { error: 'internal error' } }),
    );
  };

  const fetchHandler = async (request: Request): Promise<Response> => {
    const readBody = async () => {
      const bytes = new Uint8Array(await request.arrayBuffer());
      return bytes.byteLength > maxBodyBytes ? undefined : bytes;
    };
    const reply = await handle(
      request.method,
      new URL(request.url),
      request.headers.get('authorization'),
      readBody,
    ).catch((): Reply => ({ status: 500, body: { error: 'internal error' } }));
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };

  return {
    handler,
    fetch: fetchHandler,
    pipeline,
    close: (timeoutMs?: number) => (owned ? pipeline.close(timeoutMs) : Promise.resolve()),
  };
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.headersSent) return;
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}
