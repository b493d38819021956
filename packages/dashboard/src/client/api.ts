/// <reference lib="dom" />
/** The page's calls to the JSON API: relative URLs, so any base path works; the session cookie rides along. */

/** GETs `path` (relative, e.g. `api/tools`) as JSON. @throws Error on a non-2xx answer. */
export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Sends a POST or DELETE with a JSON body. @throws Error with the API's message on a non-2xx answer. */
export async function send(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(parsed.error ?? `HTTP ${response.status}`);
  return parsed;
}
