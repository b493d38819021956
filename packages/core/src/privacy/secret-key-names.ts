/**
 * Which object keys, header names and `key=value` names hold secrets. A key is split into lower-case
 * words (at `_`, `-`, `.`, spaces and camelCase humps) so `apiKey`, `API_KEY`, `x-api-key` and
 * `Api.Key` are the same name. A key is secret when
 *
 * - one of its words is one of {@link secretWords} (`password`, `secret`, `cookie`, `authorization`, …),
 *   or a word contains `password`/`passwd`/`passphrase` (`dbpassword`); or
 * - the words joined end with one of {@link secretEndings} (`token`, `apikey`, `privatekey`,
 *   `accesskey`, `auth`, `session`, `sessionid`, …): `github_token`, `refreshToken`, `private_key`,
 *   `AWS_SECRET_ACCESS_KEY`, `basic_auth`, `session`, `sessionId`.
 *
 * The ending rule keeps usage counters such as `max_tokens`, `tokenCount` or `token_type` visible.
 * `mcp.session.id` (the semconv attribute) is not a secret: the MCP specification forbids servers to use
 * sessions for authentication, so it is a routing id. In URL query strings `key`, `sig` and `signature`
 * are secret too (`?key=AIza…`, `?sig=…`), see {@link isSecretQueryParameter}.
 */
export const secretWords: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'credential',
  'credentials',
  'cookie',
  'cookies',
  'authorization',
  'apikey',
  'privatekey',
  'clientsecret',
]);

/** Endings of the joined words that make a key secret; see {@link secretWords}. */
export const secretEndings: readonly string[] = [
  'token',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'sessionkey',
  'auth',
  'session',
  'sessionid',
  'sessiontoken',
  'sessioncookie',
];

const notSecret: ReadonlySet<string> = new Set(['mcp.session.id']);
const extraQueryParameters: ReadonlySet<string> = new Set([
  'key',
  'sig',
  'signature',
  'xamzsignature',
  'xamzcredential',
]);

const verdicts = new Map<string, boolean>();
const maxCachedVerdicts = 1024;

/** Splits `xApiKey`, `X_API_KEY` or `x-api.key` into `['x', 'api', 'key']`. */
function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function decide(key: string): boolean {
  if (notSecret.has(key.toLowerCase())) return false;
  const words = wordsOf(key);
  for (const word of words) {
    if (secretWords.has(word)) return true;
    if (word.includes('password') || word.includes('passwd') || word.includes('passphrase')) return true;
  }
  const joined = words.join('');
  return secretEndings.some((ending) => joined.endsWith(ending));
}

/** Whether a value stored under `key` (an object key, header or field name) must be redacted. */
export function isSecretKey(key: string): boolean {
  // Keys repeat endlessly (the same tool arguments, the same log fields), so remember the verdicts.
  const cached = verdicts.get(key);
  if (cached !== undefined) return cached;
  const verdict = decide(key);
  if (verdicts.size >= maxCachedVerdicts) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

/** Whether a URL query parameter holds a secret: any secret key, plus `key`, `sig` and `signature`. */
export function isSecretQueryParameter(name: string): boolean {
  return isSecretKey(name) || extraQueryParameters.has(wordsOf(name).join(''));
}
