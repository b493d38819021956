import type { DeliveryResultV1 } from '../spec/notifier/v1/notifier-v1.js';
import { REDACTED } from './redact-secrets-in-text.js';

/**
 * Replaces each given secret — as given and URL-encoded — in `text` with `[REDACTED]`. For the secrets
 * an adapter knows it holds (a webhook URL, a bot token, header values), which `redactText` cannot
 * recognise by shape. Empty secrets are ignored; longer forms are replaced first, so a secret that
 * contains another is replaced whole. Pure; never throws.
 */
export function redactKnownSecrets(text: string, secrets: readonly string[]): string {
  const forms = secrets
    .filter((secret) => secret !== '')
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .sort((a, b) => b.length - a.length);
  let result = text;
  for (const form of forms) result = result.split(form).join(REDACTED);
  return result;
}

/**
 * `result` with the known secrets redacted from its reason: the last line of defence before a reason
 * leaves a notifier. A `delivered` result is returned as is.
 */
export function redactDeliveryResult(result: DeliveryResultV1, secrets: readonly string[]): DeliveryResultV1 {
  if (result.status === 'delivered') return result;
  return { ...result, reason: redactKnownSecrets(result.reason, secrets) };
}
