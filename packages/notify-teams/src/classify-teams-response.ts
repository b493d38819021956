import { type DeliveryResultV1, parseRetryAfter } from '@mcp-o11y/core';
import { packageName } from './teams-options.js';

const maxExcerpt = 200;

/**
 * Removes the webhook URL and its signature from `text`, in every spelling a server or a fetch error
 * might echo (as configured, normalized, percent-encoded), plus any `sig=` query parameter.
 */
export function redactWebhookUrl(text: string, webhookUrl: URL): string {
  const signature = webhookUrl.searchParams.get('sig');
  const secrets = [webhookUrl.href, webhookUrl.pathname + webhookUrl.search, webhookUrl.search];
  if (signature) secrets.push(signature, encodeURIComponent(signature));
  let redacted = text;
  for (const secret of secrets.filter((each) => each.length >= 8).sort((a, b) => b.length - a.length)) {
    redacted = redacted.split(secret).join('<redacted>');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) redacted = redacted.split(encoded).join('<redacted>');
  }
  return redacted.replace(/([?&]|%26|%3F)(sig(?:=|%3D))[^&\s"'\\,}]+/gi, '$1$2<redacted>');
}

/** A short, single-line, redacted excerpt of a response body for a reason. */
function excerpt(body: string, webhookUrl: URL): string {
  const oneLine = redactWebhookUrl(body, webhookUrl).replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '';
  return `: ${oneLine.length > maxExcerpt ? `${oneLine.slice(0, maxExcerpt)}…` : oneLine}`;
}

/**
 * Maps a Workflows webhook answer to a delivery result. Any 2xx is delivered (Workflows answer 202 with
 * an empty body, some flows 200); 408, 429 and 5xx are retryable with their `Retry-After`; 413 and other
 * 4xx are permanent; 3xx is permanent too (a redirect would carry the signed request elsewhere).
 */
export function classifyTeamsResponse(
  status: number,
  headers: Headers,
  body: string,
  webhookUrl: URL,
): DeliveryResultV1 {
  if (status >= 200 && status < 300) {
    // Retired O365 connectors reported throttling inside a 200 body.
    if (/HTTP error 429/i.test(body)) {
      return {
        status: 'retryable',
        reason: `[${packageName}] Teams reported throttling (HTTP error 429 in a ${status} body)`,
      };
    }
    return { status: 'delivered' };
  }
  const detail = excerpt(body, webhookUrl);
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
    const what = status === 429 ? 'throttled the request (429)' : `answered ${status}`;
    return {
      status: 'retryable',
      reason: `[${packageName}] the Teams webhook ${what}${detail}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status === 413) {
    return {
      status: 'failed',
      reason: `[${packageName}] the Teams webhook refused the message as too large (413); lower maxPayloadBytes${detail}`,
    };
  }
  const hint =
    status === 401 || status === 403 || status === 404
      ? '; the flow may be turned off or deleted, or the URL signature is wrong: copy the URL again from Workflows'
      : '';
  return {
    status: 'failed',
    reason: `[${packageName}] the Teams webhook answered ${status}${hint}${detail}`,
  };
}
