import type { ZodLikeIssue } from './config-issues.js';
import { pathKey } from './format-config-path.js';
import { isPlainObject } from './interpolate-env.js';

type Primitive = 'number' | 'boolean';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Environment variables are strings, so `port: ${PORT}` would never validate as a number. After a failed
 * validation, every issue that sits on an *interpolated* string and asks for a number or boolean has its
 * string converted (`"9464"` → 9464, `"true"`/`"false"` → booleans), and the caller validates again.
 * A literal `"42"` written in the file is not in `interpolated` and stays a type error on purpose.
 *
 * Mutates `root` (a private copy). Returns whether anything changed. `base` is the path of `root` in the
 * file, used to look up `interpolated`.
 */
export function coerceInterpolated(
  root: unknown,
  issues: readonly ZodLikeIssue[],
  interpolated: ReadonlySet<string>,
  base: readonly PropertyKey[],
): boolean {
  let changed = false;
  for (const issue of issues) {
    const path = issue.path ?? [];
    // A union (memory: false | {...}) wraps the issues of its object branch; they need coercing too.
    for (const branch of issue.code === 'invalid_union' ? (issue.errors ?? []) : []) {
      const nested = branch
        .filter((inner) => (inner.path ?? []).length > 0)
        .map((inner) => ({ ...inner, path: [...path, ...(inner.path ?? [])] }));
      if (coerceInterpolated(root, nested, interpolated, base)) changed = true;
    }
    if (!interpolated.has(pathKey([...base, ...path]))) continue;
    const current = getAt(root, path);
    if (typeof current !== 'string') continue;
    const coerced = coerce(current, wantedPrimitives(issue));
    if (coerced !== undefined && setAt(root, path, coerced)) changed = true;
  }
  return changed;
}

/** The primitive types an issue says would have been accepted at its own path. */
function wantedPrimitives(issue: ZodLikeIssue): Set<Primitive> {
  const wanted = new Set<Primitive>();
  if (issue.code === 'invalid_type') {
    if (issue.expected === 'number' || issue.expected === 'int') wanted.add('number');
    if (issue.expected === 'boolean') wanted.add('boolean');
  } else if (issue.code === 'invalid_value') {
    for (const value of issue.values ?? []) {
      if (typeof value === 'number') wanted.add('number');
      if (typeof value === 'boolean') wanted.add('boolean');
    }
  } else if (issue.code === 'invalid_union') {
    // Only a branch's root issues are about the union's own value; deeper ones are about its children.
    for (const branch of issue.errors ?? []) {
      for (const inner of branch) {
        if ((inner.path ?? []).length === 0) for (const kind of wantedPrimitives(inner)) wanted.add(kind);
      }
    }
  }
  return wanted;
}

function coerce(text: string, wanted: ReadonlySet<Primitive>): number | boolean | undefined {
  const trimmed = text.trim();
  if (wanted.has('boolean') && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if (wanted.has('number') && NUMBER.test(trimmed)) return Number(trimmed);
  return undefined;
}

function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else if (isPlainObject(node) && typeof segment === 'string' && Object.hasOwn(node, segment))
      node = node[segment];
    else return undefined;
  }
  return node;
}

function setAt(root: unknown, path: readonly PropertyKey[], value: unknown): boolean {
  const last = path.at(-1);
  const parent = getAt(root, path.slice(0, -1));
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
  else if (isPlainObject(parent) && typeof last === 'string') parent[last] = value;
  else return false;
  return true;
}
