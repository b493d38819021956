import type { DeliveryResultV1 } from '@mcp-o11y/core';

/** Replaces every secret (and its URL-encoded form) in `text` with `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const variants = secrets
    .filter((secret) => secret !== '')
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .sort((a, b) => b.length - a.length);
  for (const secret of variants) out = out.split(secret).join('[redacted]');
  return out;
}

/** The result with its reason redacted: the last line of defence before a reason leaves the package. */
export function redactResult(result: DeliveryResultV1, secrets: readonly string[]): DeliveryResultV1 {
  if (result.status === 'delivered') return result;
  return { ...result, reason: redactSecrets(result.reason, secrets) };
}
