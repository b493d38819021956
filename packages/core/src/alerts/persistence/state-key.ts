// Letters, digits, '.', '_', '-'; no leading dot. Rules out '/', '\', '..', NUL and drive letters, so a key
// can only ever name a file directly inside the store's directory.
const stateKeyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Throws when `key` is not a valid `StateStoreV1` key; the message says what a key may contain. */
export function assertStateKey(key: unknown): asserts key is string {
  if (typeof key === 'string' && stateKeyPattern.test(key)) return;
  const shown = typeof key === 'string' ? JSON.stringify(key.slice(0, 80)) : typeof key;
  throw new TypeError(
    `[@mcp-o11y/core] state key ${shown} is not allowed: use 1–128 ASCII letters, digits, '.', '_' or '-', ` +
      `not starting with '.' (for example "alerts" or "notification-log").`,
  );
}

/** `value` as JSON text; rejects what JSON cannot represent instead of silently saving `undefined`. */
export function toStateJson(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(
      `[@mcp-o11y/core] state "${key}" is not JSON-serialisable (${(error as Error).message}); ` +
        'save plain objects, arrays, strings, numbers, booleans and null.',
      { cause: error },
    );
  }
  if (json === undefined) {
    throw new TypeError(
      `[@mcp-o11y/core] state "${key}" is ${typeof value}, which JSON cannot hold; save null to clear a key.`,
    );
  }
  return json;
}
