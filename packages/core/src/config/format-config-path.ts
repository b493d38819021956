const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Renders a field path the way users write it in the file: `adapters[1].options.port`,
 * `memory.maxSeries`; a key that is not an identifier is quoted (`options["x-api-key"]`). The root is `''`.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** A stable map key for a path, so paths found while walking the tree can be looked up from zod issues. */
export function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map((segment) => (typeof segment === 'number' ? segment : String(segment))));
}
