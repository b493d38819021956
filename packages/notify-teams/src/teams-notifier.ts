import type {
  AdapterContextV1,
  DeliveryResultV1,
  NotificationV1,
  NotifierV1,
  SendOptionsV1,
} from '@mcp-o11y/core';
import { classifyTeamsResponse, redactWebhookUrl } from './classify-teams-response.js';
import { convertToAdaptiveCard } from './convert-to-adaptive-card.js';
import { convertToMessageCard } from './convert-to-message-card.js';
import {
  packageName,
  type ResolvedTeamsOptions,
  resolveTeamsOptions,
  type TeamsNotifierOptions,
} from './teams-options.js';

/** The serialized request body for a notification, in the configured format and under the size cap. */
export function renderTeamsBody(
  notification: NotificationV1,
  options: Pick<ResolvedTeamsOptions, 'format' | 'maxPayloadBytes'>,
): string {
  const fitted =
    options.format === 'messagecard'
      ? convertToMessageCard(notification, options.maxPayloadBytes)
      : convertToAdaptiveCard(notification, options.maxPayloadBytes);
  return fitted.body;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `${error.message}${code}`;
}

/**
 * Creates a Microsoft Teams notifier posting to a Power Automate Workflows webhook. Options resolve as
 * explicit option → `TEAMS_WEBHOOK_URL` (from `context.env`, else `process.env`) → error. One HTTP
 * attempt per `send`; retries belong to core's delivery pipeline.
 *
 * @throws when no webhook URL is configured or an option is invalid (message starts with the package name).
 */
export function createTeamsNotifier(
  options: TeamsNotifierOptions = {},
  context?: Pick<AdapterContextV1, 'env'>,
): NotifierV1 {
  const resolved = resolveTeamsOptions(options, context?.env ?? process.env);
  const { webhookUrl, timeoutMs } = resolved;

  async function send(notification: NotificationV1, { signal }: SendOptionsV1): Promise<DeliveryResultV1> {
    if (signal.aborted) return { status: 'retryable', reason: `[${packageName}] aborted before sending` };
    const body = renderTeamsBody(notification, resolved);
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = AbortSignal.any([signal, timeout]);
    try {
      const response = await resolved.fetch(webhookUrl.href, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        signal: combined,
        redirect: 'manual',
      });
      const text = await response.text().catch(() => '');
      return classifyTeamsResponse(response.status, response.headers, text, webhookUrl);
    } catch (error) {
      if (signal.aborted) return { status: 'retryable', reason: `[${packageName}] aborted while sending` };
      if (timeout.aborted) {
        return {
          status: 'retryable',
          reason: `[${packageName}] no answer from the Teams webhook within ${timeoutMs} ms`,
        };
      }
      return {
        status: 'retryable',
        reason: `[${packageName}] could not reach the Teams webhook: ${redactWebhookUrl(describeError(error), webhookUrl)}`,
      };
    }
  }

  return { specificationVersion: 'v1', id: resolved.id, send };
}
