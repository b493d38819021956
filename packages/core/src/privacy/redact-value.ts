import { REDACTED, redactSecretsInText } from './redact-secrets-in-text.js';
import { isSecretKey } from './secret-key-names.js';

/** Nesting beyond this is replaced by `[MaxDepth]`; tool payloads deeper than this are not worth keeping. */
const maxDepth = 32;
/** Strings longer than this are not parsed as JSON (parsing is linear, but so is the memory it takes). */
const maxJsonParseLength = 1_000_000;

/**
 * A deep copy of `value` as plain, JSON-ready data with every secret replaced by `[REDACTED]`:
 *
 * - the value under a secret-looking key (see `isSecretKey`: `password`, `token`, `apiKey`, `authorization`,
 *   `cookie`, `private_key`, `client_secret`, `session`, …), unless it is `null`, `undefined`, a boolean or
 *   `''`, which hold nothing;
 * - secret-looking values in every string (see `redactText`), including strings that hold JSON (parsed,
 *   redacted and re-serialised) and `key=value` text.
 *
 * Cycles become `[Circular]`, nesting past 32 levels `[MaxDepth]`, binary data `[binary N bytes]`;
 * `toJSON()` is honoured (dates become ISO strings, URLs their redacted href); a `Map` becomes an object and a
 * `Set` an array; an `Error` becomes `{ name, message, stack, …own fields }`. Never throws; never mutates.
 */
export function redactValue(value: unknown): unknown {
  return copy(value, 0, new Set());
}

/**
 * Redacts secrets in one string (error messages, log messages, header values): token shapes (JWTs,
 * `sk-…`, `ghp_…`, `xox?-…`, `AKIA…`, PEM private keys), `Bearer`/`Basic` credentials, the password in
 * URL user info, secret query parameters (`token=`, `key=`, `sig=`, …) and `name=value` or `name: value`
 * pairs whose name is secret. A string that is a JSON object or array is parsed, redacted as a value and
 * re-serialised; when nothing was secret the original string is returned unchanged.
 */
export function redactText(text: string): string {
  return redactString(text, 0);
}

function redactString(text: string, depth: number): string {
  const first = text.charCodeAt(firstNonSpace(text));
  // 123 `{`, 91 `[`: only then can the string be a JSON container.
  if ((first === 123 || first === 91) && text.length <= maxJsonParseLength && depth < maxDepth) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return redactSecretsInText(text);
    }
    const redacted = copy(parsed, depth + 1, new Set());
    const serialised = JSON.stringify(redacted);
    return serialised === JSON.stringify(parsed) ? text : serialised;
  }
  return redactSecretsInText(text);
}

function firstNonSpace(text: string): number {
  let index = 0;
  while (index < text.length && /\s/.test(text[index] as string)) index++;
  return index;
}

function holdsNothing(value: unknown): boolean {
  return value === null || value === undefined || value === '' || typeof value === 'boolean';
}

function copy(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactString(value, depth);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxDepth) return '[MaxDepth]';
  if (ancestors.has(value)) return '[Circular]';
  if (ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[binary ${value.byteLength} bytes]`;
  ancestors.add(value);
  try {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return copy(toJSON.call(value), depth + 1, ancestors);
    if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1, ancestors));
    if (value instanceof Map) return copyEntries(value.entries(), depth, ancestors);
    if (value instanceof Set) return [...value].map((item) => copy(item, depth + 1, ancestors));
    if (value instanceof Error) return copyError(value, depth, ancestors);
    return copyEntries(ownEntries(value), depth, ancestors);
  } catch {
    return '[Unserializable]';
  } finally {
    ancestors.delete(value);
  }
}

function* ownEntries(value: object): Iterable<[string, unknown]> {
  for (const key of Object.keys(value)) {
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch {
      item = '[Unreadable]';
    }
    yield [key, item];
  }
}

function copyEntries(entries: Iterable<[unknown, unknown]>, depth: number, ancestors: Set<object>) {
  const result: Record<string, unknown> = {};
  for (const [rawKey, item] of entries) {
    const key = String(rawKey);
    const copied = isSecretKey(key) && !holdsNothing(item) ? REDACTED : copy(item, depth + 1, ancestors);
    // A JSON payload may carry an own `__proto__` key; plain assignment would set the prototype instead.
    if (key === '__proto__') {
      Object.defineProperty(result, key, {
        value: copied,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      result[key] = copied;
    }
  }
  return result;
}

function copyError(error: Error, depth: number, ancestors: Set<object>): Record<string, unknown> {
  const result = copyEntries(ownEntries(error), depth, ancestors);
  result.name = error.name;
  result.message = redactString(error.message, depth + 1);
  if (error.stack !== undefined) result.stack = redactString(error.stack, depth + 1);
  // `cause` is own but not enumerable when set through the constructor.
  if (error.cause !== undefined) result.cause = copy(error.cause, depth + 1, ancestors);
  return result;
}
