import {
  type AdapterContextV1,
  type DeliveryResultV1,
  type NotificationV1,
  type NotifierV1,
  postJson,
  redactDeliveryResult,
  type SendOptionsV1,
} from '@mcp-o11y/core';
import { classifySlackResponse } from './classify-slack-response.js';
import { convertToBlockKit } from './convert-to-block-kit.js';
import {
  type ResolvedSlackOptions,
  resolveSlackOptions,
  type SlackNotifierOptions,
} from './slack-options.js';
import { ThreadRegistry } from './thread-registry.js';

/** The parts of core's adapter context the notifier uses; all optional for direct use. */
export type SlackNotifierContext = Partial<Pick<AdapterContextV1, 'env' | 'logger'>>;

function webAnswer(text: string): { channel?: string; ts?: string } {
  try {
    const body = JSON.parse(text) as { channel?: unknown; ts?: unknown };
    return {
      ...(typeof body.channel === 'string' ? { channel: body.channel } : {}),
      ...(typeof body.ts === 'string' ? { ts: body.ts } : {}),
    };
  } catch {
    return {};
  }
}

function buildRequest(
  resolved: ResolvedSlackOptions,
  threads: ThreadRegistry,
  notification: NotificationV1,
): { url: string; headers: Record<string, string>; body: unknown } {
  const message = convertToBlockKit(notification, { maxAlerts: resolved.maxAlerts });
  const { destination } = resolved;
  if (destination.mode === 'webhook') {
    return {
      url: destination.url,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: message,
    };
  }
  const thread = notification.status === 'resolved' ? threads.get(notification.groupKey) : undefined;
  return {
    url: destination.postMessageUrl,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${destination.token}`,
    },
    body: {
      channel: thread?.channel ?? destination.channel,
      ...message,
      ...(thread
        ? { thread_ts: thread.ts, ...(resolved.replyBroadcast ? { reply_broadcast: true } : {}) }
        : {}),
    },
  };
}

/**
 * Creates a Slack notifier. With `webhookUrl` it posts to an incoming webhook; with `token` and `channel`
 * it calls `chat.postMessage` and posts a group's resolve in the thread of its firing message. One attempt
 * per `send`; retries belong to core's delivery pipeline. Env (`SLACK_WEBHOOK_URL`, `SLACK_BOT_TOKEN`,
 * `SLACK_CHANNEL`) is read from `context.env`, or from `process.env` when no context is given.
 *
 * @throws when no destination is configured or a URL is invalid (the message names the option, never its value).
 */
export function createSlackNotifier(
  options: SlackNotifierOptions = {},
  context: SlackNotifierContext = {},
): NotifierV1 {
  const resolved = resolveSlackOptions(options, context.env ?? process.env);
  const threads = new ThreadRegistry(resolved.threadCapacity);
  const logger = context.logger;

  async function send(notification: NotificationV1, sendOptions: SendOptionsV1): Promise<DeliveryResultV1> {
    const request = buildRequest(resolved, threads, notification);
    const outcome = await postJson({
      fetch: resolved.fetch,
      url: request.url,
      headers: request.headers,
      body: JSON.stringify(request.body),
      signal: sendOptions.signal,
      timeoutMs: resolved.timeoutMs,
    });
    const result = redactDeliveryResult(
      outcome.kind === 'response' ? classifySlackResponse(outcome) : outcome.result,
      resolved.secrets,
    );
    if (result.status === 'delivered' && outcome.kind === 'response' && resolved.destination.mode === 'bot') {
      const answer = webAnswer(outcome.text);
      if (notification.status === 'resolved') threads.delete(notification.groupKey);
      else if (answer.ts) {
        threads.set(notification.groupKey, {
          channel: answer.channel ?? resolved.destination.channel,
          ts: answer.ts,
        });
      }
    }
    logger?.debug('slack delivery attempt', {
      notifier: resolved.id,
      mode: resolved.destination.mode,
      outcome: result.status,
      ...(result.status === 'delivered' ? {} : { reason: result.reason }),
    });
    return result;
  }

  return {
    specificationVersion: 'v1',
    id: resolved.id,
    send,
    async close() {
      threads.clear();
    },
  };
}
