import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  authChallenge,
  type DeliveryOutcome,
  DeliveryPipeline,
  type DeliveryPipelineOptions,
  type HttpAuth,
  isAuthorized,
  type NotifierV1,
  type RequestBody,
  type RunningHttpServer,
  readFetchRequestBody,
  readNodeRequestBody,
  startHttpServer,
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
  /**
   * The shared secret: require `Authorization: Bearer <token>` (Alertmanager
   * `http_config.authorization.credentials`). Shorthand for `auth: { bearer }`. Default: none.
   */
  readonly bearerToken?: string;
  /**
   * The shared secret as a bearer token or basic credentials (Alertmanager `http_config.basic_auth`),
   * compared in constant time; wrong or missing credentials get 401. Exclusive with `bearerToken`.
   * Default: none (then bind to loopback only, as `listen` does by default).
   */
  readonly auth?: HttpAuth;
  /** Largest accepted body, bytes; a larger one gets 413 before it is read whole. Default 1 MiB. */
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
  /**
   * Serves the receiver on its own port (every path answers), `http://127.0.0.1:9466` by default. Binding
   * beyond loopback (Alertmanager in another container) deserves `auth`. Rejects when the address cannot
   * be bound. `close()` of the result stops listening; `close()` of the receiver drains the pipeline.
   */
  listen(options?: AlertmanagerWebhookListenOptions): Promise<RunningHttpServer & { readonly url: string }>;
  /** Drains and closes the pipeline when the receiver created it. Does not close the notifiers. */
  close(timeoutMs?: number): Promise<void>;
}

/** Where {@link AlertmanagerWebhook.listen} listens. */
export interface AlertmanagerWebhookListenOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port; 0 picks a free one. Default 9466. */
  readonly port?: number;
  /** Path put in `url` for `webhook_configs.url` (the receiver answers on every path). Default `/alertmanager`. */
  readonly path?: string;
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
 * an invalid payload, 401 without the shared secret (`bearerToken` or `auth`), 404 for an unknown
 * notifier, 405 for other methods, 413 for a body over `maxBodyBytes`, 503 (Alertmanager retries) when a
 * notifier's queue is full.
 */
export function createAlertmanagerWebhook(options: AlertmanagerWebhookOptions): AlertmanagerWebhook {
  const ids = options.notifiers.map((notifier) => notifier.id);
  const owned = options.pipeline === undefined;
  const pipeline =
    options.pipeline ?? new DeliveryPipeline({ ...options.delivery, notifiers: options.notifiers });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  if (options.bearerToken !== undefined && options.auth !== undefined) {
    throw new Error('[@mcp-o11y/prometheus] give the webhook receiver either bearerToken or auth, not both.');
  }
  const auth: HttpAuth | undefined =
    options.auth ?? (options.bearerToken === undefined ? undefined : { bearer: options.bearerToken });

  const handle = async (
    method: string,
    url: URL,
    authorization: string | null | undefined,
    body: () => Promise<RequestBody>,
  ): Promise<Reply> => {
    if (method !== 'POST') return { status: 405, body: { error: 'use POST' }, headers: { allow: 'POST' } };
    if (auth !== undefined && !isAuthorized(authorization, auth)) {
      return {
        status: 401,
        body: { error: 'missing or wrong credentials' },
        headers: { 'www-authenticate': authChallenge(auth, 'alertmanager webhook') },
      };
    }
    const targets = url.searchParams
      .getAll('notifier')
      .flatMap((value) => value.split(','))
      .filter(Boolean);
    const notifierIds = targets.length > 0 ? targets : (options.defaultNotifiers ?? ids);
    const unknown = notifierIds.filter((id) => !ids.includes(id));
    if (unknown.length > 0)
      return { status: 404, body: { error: `unknown notifier: ${unknown.join(', ')}` } };
    const read = await body();
    if (read.kind === 'too-large') {
      return {
        status: 413,
        body: { error: `body over ${maxBodyBytes} bytes` },
        headers: { connection: 'close' },
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(read.bytes));
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
    const readBody = () => readNodeRequestBody(request, maxBodyBytes);
    handle(request.method ?? 'GET', url, request.headers.authorization, readBody).then(
      (reply) => send(response, reply),
      () => send(response, { status: 500, body: { error: 'internal error' } }),
    );
  };

  const fetchHandler = async (request: Request): Promise<Response> => {
    const readBody = () => readFetchRequestBody(request, maxBodyBytes);
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
    async listen(listenOptions = {}) {
      const server = await startHttpServer(handler, {
        host: listenOptions.host ?? '127.0.0.1',
        port: listenOptions.port ?? 9466,
        label: '[@mcp-o11y/prometheus] Alertmanager webhook receiver',
        remedy: 'choose another port (listen({ port }))',
      });
      return { ...server, url: `${server.origin}${listenOptions.path ?? '/alertmanager'}` };
    },
    close: (timeoutMs?: number) => (owned ? pipeline.close(timeoutMs) : Promise.resolve()),
  };
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.headersSent) return;
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}
