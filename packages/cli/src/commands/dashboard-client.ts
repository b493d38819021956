import { CommandError } from '../cli-io.js';

/** Where the dashboard API is and how to authenticate. */
export interface DashboardClientOptions {
  /** Base URL of the dashboard, e.g. `http://127.0.0.1:9465` (plus its base path, if mounted under one). */
  readonly url: string;
  /** Bearer token; sent only when given. */
  readonly token: string | undefined;
  readonly fetch: typeof fetch;
  /** Per-request timeout in ms. */
  readonly timeoutMs: number;
}

/**
 * Calls the dashboard's JSON API. Resolves with the parsed body of a 2xx answer.
 * @throws {CommandError} unreachable, 401/403 (names the token variable), 404 or other failures, with the
 * API's own error message when it sends one. The token never appears in a message.
 */
export async function callDashboard(
  options: DashboardClientOptions,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = new URL(path.replace(/^\//, ''), options.url.endsWith('/') ? options.url : `${options.url}/`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await options.fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new CommandError(
      `cannot reach the dashboard at ${url.origin} (${cause}); pass --url or set MCP_O11Y_DASHBOARD_URL`,
    );
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed;
  const apiMessage =
    typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: unknown }).error === 'string'
      ? `: ${(parsed as { error: string }).error}`
      : '';
  if (response.status === 401 || response.status === 403) {
    throw new CommandError(
      `the dashboard refused the request (HTTP ${response.status})${apiMessage}; pass --token or set MCP_O11Y_DASHBOARD_TOKEN`,
    );
  }
  throw new CommandError(`${method} ${url.pathname} answered HTTP ${response.status}${apiMessage}`);
}
