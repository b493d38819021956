import { type ConfigIssue, configIssue } from './config-error.js';
import { isPlainObject } from './interpolate-env.js';

/**
 * Deepest nesting a configuration may have. A real file is about ten levels deep at most
 * (`alerts.routing.route.routes[0].matchers[0]`); every step after parsing walks the tree recursively, so
 * a file or object nested thousands of levels deep (or holding a cycle) would overflow the stack.
 */
export const MAX_CONFIG_DEPTH = 64;

/**
 * An issue at the first array or plain object nested deeper than {@link MAX_CONFIG_DEPTH} (a cycle is
 * infinitely deep), or undefined. Walks at most that deep, so it cannot overflow itself. Pure.
 */
export function configDepthIssue(tree: unknown): ConfigIssue | undefined {
  const path = tooDeep(tree, []);
  if (path === undefined) return undefined;
  return configIssue(
    path,
    `nested deeper than ${MAX_CONFIG_DEPTH} levels; no configuration is, so look for a runaway structure or a cycle`,
  );
}

function tooDeep(node: unknown, path: readonly PropertyKey[]): readonly PropertyKey[] | undefined {
  const entries = Array.isArray(node) ? [...node.entries()] : isPlainObject(node) ? Object.entries(node) : [];
  if (entries.length === 0) return undefined;
  if (path.length >= MAX_CONFIG_DEPTH) return path;
  for (const [key, value] of entries) {
    const found = tooDeep(value, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
