import {
  type AdapterContextV1,
  type DeliveryResultV1,
  type NotificationV1,
  type NotifierV1,
  postJson,
  redactDeliveryResult,
  type SendOptionsV1,
} from '@mcp-o11y/core';
import { classifyWebhookResponse } from './classify-webhook-response.js';
import { convertToAlertmanagerPayload } from './convert-to-alertmanager-payload.js';
import { resolveWebhookOptions, type WebhookNotifierOptions } from './webhook-options.js';
import { signatureHeader, signWebhookPayload, timestampHeader } from './webhook-signature.js';

/** The parts of core's adapter context the notifier uses; all optional for direct use. */
export type WebhookNotifierContext = Partial<Pick<AdapterContextV1, 'env' | 'logger'>>;

/**
 * Creates a webhook notifier that POSTs the Alertmanager v4 payload, optionally HMAC-signed
 * (`X-MCP-O11y-Signature`, `X-MCP-O11y-Timestamp`), with custom headers and basic or bearer auth. One
 * attempt per `send`; retries belong to core's delivery pipeline. Env (`MCP_O11Y_WEBHOOK_URL`,
 * `MCP_O11Y_WEBHOOK_SECRET`, `MCP_O11Y_WEBHOOK_TOKEN`) is read from `context.env`, or from `process.env`
 * when no context is given.
 *
 * @throws on a missing or invalid URL and other bad options (messages never include secret values).
 */
export function createWebhookNotifier(
  options: WebhookNotifierOptions = {},
  context: WebhookNotifierContext = {},
): NotifierV1 {
  const resolved = resolveWebhookOptions(options, context.env ?? process.env);
  const logger = context.logger;

  async function send(notification: NotificationV1, sendOptions: SendOptionsV1): Promise<DeliveryResultV1> {
    const now = resolved.clock();
    const body = JSON.stringify(
      convertToAlertmanagerPayload(notification, {
        receiver: resolved.receiver,
        externalUrl: resolved.externalUrl,
        maxAlerts: resolved.maxAlerts,
        now,
      }),
    );
    const headers: Record<string, string> = { ...resolved.headers };
    if (resolved.signingSecret) {
      const timestamp = String(Math.floor(now / 1000));
      headers[timestampHeader.toLowerCase()] = timestamp;
      headers[signatureHeader.toLowerCase()] = signWebhookPayload(resolved.signingSecret, timestamp, body);
    }
    const outcome = await postJson({
      fetch: resolved.fetch,
      url: resolved.url,
      headers,
      body,
      signal: sendOptions.signal,
      timeoutMs: resolved.timeoutMs,
    });
    const result = redactDeliveryResult(
      outcome.kind === 'response' ? classifyWebhookResponse(outcome) : outcome.result,
      resolved.secrets,
    );
    logger?.debug('webhook delivery attempt', {
      notifier: resolved.id,
      outcome: result.status,
      ...(result.status === 'delivered' ? {} : { reason: result.reason }),
    });
    return result;
  }

  return { specificationVersion: 'v1', id: resolved.id, send, close: async () => undefined };
}
