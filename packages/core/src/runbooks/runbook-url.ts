import { safeHttpUrl } from '../text/safe-http-url.js';

/**
 * The link to runbook `id` under `baseUrl`: `{id}` in the base is replaced (`https://wiki/runbooks#{id}`),
 * else the id is appended as a path segment (`https://runbooks.example.com/mcp/` + `high_error_rate`).
 * @throws TypeError when `baseUrl` is not an absolute http(s) URL.
 */
export function runbookUrl(id: string, baseUrl: string): string {
  const encoded = encodeURIComponent(id);
  const joined = baseUrl.includes('{id}')
    ? baseUrl.replaceAll('{id}', encoded)
    : `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${encoded}`;
  const url = safeHttpUrl(joined);
  if (url === undefined) {
    throw new TypeError(
      '[@mcp-o11y/core] runbooks.baseUrl must be an absolute http(s) URL, e.g. https://runbooks.example.com/mcp/ or https://wiki.example.com/runbooks#{id}.',
    );
  }
  return url;
}
