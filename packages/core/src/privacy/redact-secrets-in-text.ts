import { isSecretKey, isSecretQueryParameter } from './secret-key-names.js';

/** What replaces a secret, in values and in text. */
export const REDACTED = '[REDACTED]';

/**
 * Credentials recognised by their shape wherever they appear, replaced whole. Each is anchored on a
 * prefix vendors document for exactly this purpose (secret scanning), so prose is left alone.
 */
const tokenPatterns: readonly RegExp[] = [
  // PEM private keys (RSA, EC, OPENSSH, ENCRYPTED, …), also when cut off before the END line.
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
  // JSON Web Tokens: base64url header and payload, both JSON objects, so both start with `eyJ`.
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // OpenAI / Anthropic (`sk-…`, `sk-proj-…`, `sk-ant-…`), Stripe (`sk_live_…`, `rk_test_…`).
  /\bsk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,}/g,
  /\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/g,
  // GitHub classic and fine-grained tokens, GitLab, npm, Slack, Google API keys, AWS access key ids.
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{22,}/g,
  /\bglpat-[A-Za-z0-9_-]{20,}/g,
  /\bnpm_[A-Za-z0-9]{36,}/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{35}/g,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
];

// `Bearer x` needs a credential-looking token so that "Bearer tokens are…" stays readable.
const bearerPattern = /\b(Bearer)\s+([A-Za-z0-9\-._~+/]+=*)/gi;
// `Basic x` only when x decodes to `user:password`, so "Basic usage" stays readable.
const basicPattern = /\b(Basic)\s+([A-Za-z0-9+/]{4,}={0,2})/g;
// `scheme://user:password@host` → password redacted; `scheme://token@host` → the user part redacted.
const userinfoPattern = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s/?#@:"']+)(?::([^\s/?#@"']*))?@/gi;
// `name=value`, `name: value`, `"name": "value"` (also backslash-escaped); the value is what gets redacted.
const assignmentPattern =
  /(?<![A-Za-z0-9_.-])(\\?["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1(\s*[=:]\s*)("(?:[^"\\\n]|\\.)*"|\\"(?:[^"\\\n]|\\[^"\n])*\\"|'[^'\n]*'|["']?(?!\[REDACTED\])[^\s,;&"'}\])\\]+)/g;
// `?name=value&…` in URLs and query strings.
const queryPattern = /([?&;])([A-Za-z0-9_.%-]+)=(?!\[REDACTED\])([^&#\s"'<>]+)/g;
// Header lines whose whole value is a credential (a Cookie header holds many `a=b` pairs).
const headerLinePattern =
  /^([ \t]*(?:proxy-)?(?:authorization|cookie|set-cookie)[ \t]*:[ \t]*)(?!\[REDACTED\]$)(.+)$/gim;

// Cheap pre-check: text without any of these cannot hold a secret the patterns above would find.
const mightHoldSecret =
  /[=:@]|bearer|basic|eyJ|sk-|_live_|_test_|gh[pousr]_|github_pat|glpat|npm_|xox|AIza|AKIA|ASIA|PRIVATE KEY/i;

function looksLikeCredential(token: string): boolean {
  return token.length >= 20 || (token.length >= 8 && /[0-9._~+/=-]/.test(token));
}

function decodesToUserPassword(token: string): boolean {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  return /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(decoded);
}

/**
 * Redacts secrets in free text: known token shapes, `Bearer`/`Basic` credentials, URL user info and
 * secret query parameters, header lines, and `name=value` / `name: value` pairs whose name is secret.
 * Pure; returns the input itself when nothing matched.
 */
export function redactSecretsInText(text: string): string {
  if (!mightHoldSecret.test(text)) return text;
  let result = text;
  for (const pattern of tokenPatterns) result = result.replace(pattern, REDACTED);
  result = result.replace(bearerPattern, (match, scheme: string, token: string) =>
    looksLikeCredential(token) ? `${scheme} ${REDACTED}` : match,
  );
  result = result.replace(basicPattern, (match, scheme: string, token: string) =>
    decodesToUserPassword(token) ? `${scheme} ${REDACTED}` : match,
  );
  result = result.replace(userinfoPattern, (match, scheme: string, user: string, password?: string) => {
    if (password !== undefined) return password === '' ? match : `${scheme}${user}:${REDACTED}@`;
    // `ssh://git@host` names a user; `https://<token>@host` carries a credential.
    return looksLikeCredential(user) ? `${scheme}${REDACTED}@` : match;
  });
  result = result.replace(queryPattern, (match, separator: string, name: string) =>
    isSecretQueryParameter(name) ? `${separator}${name}=${REDACTED}` : match,
  );
  result = result.replace(headerLinePattern, (_match, head: string) => `${head}${REDACTED}`);
  return redactAssignments(result);
}

/**
 * Redacts the value of each `name=value` / `name: value` whose name is secret. A loop rather than
 * `replace`, so that after a harmless name (`Error: token=abc`) scanning resumes at its value.
 */
function redactAssignments(text: string): string {
  let result = '';
  let copied = 0;
  assignmentPattern.lastIndex = 0;
  for (let match = assignmentPattern.exec(text); match !== null; match = assignmentPattern.exec(text)) {
    const [whole, quote = '', name = '', separator = '', value = ''] = match;
    const head = `${quote}${name}${quote}${separator}`;
    // `scheme://host` reads as `scheme: //host`; URLs were handled before.
    if (!isSecretKey(name) || (separator.trim() === ':' && value.startsWith('//'))) {
      assignmentPattern.lastIndex = match.index + head.length;
      continue;
    }
    result += text.slice(copied, match.index) + head + quoted(value, REDACTED);
    copied = match.index + whole.length;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/** `replacement` wrapped in the quotes `value` had. */
function quoted(value: string, replacement: string): string {
  if (value.startsWith('\\"')) return `\\"${replacement}\\"`;
  if (value.startsWith('"')) return `"${replacement}"`;
  if (value.startsWith("'")) return `'${replacement}'`;
  return replacement;
}
