import type { RouteV1 } from '../../spec/alerts/v1/route-v1.js';
import { parseDuration } from '../engine/parse-duration.js';
import { type CompiledMatcher, compileMatchers, matchesAll } from './label-matchers.js';

/** A route with its inherited settings resolved and durations in milliseconds. */
export interface ResolvedRoute {
  /** Position in the tree (`root`, `root.0`, `root.0.2`): identifies groups across restarts. */
  readonly id: string;
  readonly notifiers: readonly string[];
  /** `undefined` for `['...']` (group by every label). */
  readonly groupBy: readonly string[] | undefined;
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  readonly continue: boolean;
  readonly matchers: readonly CompiledMatcher[];
  readonly routes: readonly ResolvedRoute[];
}

const ROOT_DEFAULTS = {
  groupBy: ['alertname'],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
} as const;

/**
 * Resolves inheritance and validates the tree the way `amtool check-config` does.
 * @throws Error (`[@mcp-o11y/core] ...`) when the root has matchers or `continue`, a `groupInterval` or
 * `repeatInterval` is zero, `groupBy` repeats a label or mixes `...` with labels, or a route names a
 * notifier that does not exist.
 */
export function compileRouteTree(root: RouteV1, notifierIds: readonly string[]): ResolvedRoute {
  if ((root.matchers?.length ?? 0) > 0 || root.continue === true) {
    throw new Error(
      '[@mcp-o11y/core] the root route must match every alert: remove its matchers and continue.',
    );
  }
  const known = new Set(notifierIds);
  const base = {
    id: 'root',
    notifiers: [],
    groupBy: ROOT_DEFAULTS.groupBy,
    groupWaitMs: parseDuration(ROOT_DEFAULTS.groupWait),
    groupIntervalMs: parseDuration(ROOT_DEFAULTS.groupInterval),
    repeatIntervalMs: parseDuration(ROOT_DEFAULTS.repeatInterval),
    continue: false,
    matchers: [],
    routes: [],
  } satisfies ResolvedRoute;
  return resolve(root, base, 'root', known);
}

function resolve(
  route: RouteV1,
  parent: ResolvedRoute,
  id: string,
  known: ReadonlySet<string>,
): ResolvedRoute {
  for (const notifier of route.notifiers ?? []) {
    if (!known.has(notifier)) {
      throw new Error(
        `[@mcp-o11y/core] route ${id} names notifier ${JSON.stringify(notifier)}, which is not configured; add it or fix the id.`,
      );
    }
  }
  const groupBy = route.groupBy === undefined ? parent.groupBy : checkGroupBy(route.groupBy, id);
  const groupIntervalMs =
    route.groupInterval === undefined ? parent.groupIntervalMs : parseDuration(route.groupInterval);
  const repeatIntervalMs =
    route.repeatInterval === undefined ? parent.repeatIntervalMs : parseDuration(route.repeatInterval);
  if (groupIntervalMs === 0 || repeatIntervalMs === 0) {
    throw new Error(`[@mcp-o11y/core] route ${id}: groupInterval and repeatInterval cannot be zero.`);
  }
  const resolved: ResolvedRoute = {
    id,
    notifiers: route.notifiers ?? parent.notifiers,
    groupBy,
    groupWaitMs: route.groupWait === undefined ? parent.groupWaitMs : parseDuration(route.groupWait),
    groupIntervalMs,
    repeatIntervalMs,
    continue: route.continue ?? false,
    matchers: compileMatchers(route.matchers),
    routes: [],
  };
  const routes = (route.routes ?? []).map((child, index) =>
    resolve(child, resolved, `${id}.${index}`, known),
  );
  return { ...resolved, routes };
}

function checkGroupBy(groupBy: readonly string[], id: string): readonly string[] | undefined {
  if (groupBy.includes('...')) {
    if (groupBy.length > 1)
      throw new Error(
        `[@mcp-o11y/core] route ${id}: cannot have wildcard groupBy ('...') and other labels at the same time.`,
      );
    return undefined;
  }
  const seen = new Set<string>();
  for (const label of groupBy) {
    if (seen.has(label))
      throw new Error(`[@mcp-o11y/core] route ${id}: duplicated label ${JSON.stringify(label)} in groupBy.`);
    seen.add(label);
  }
  return groupBy;
}

/** The routes that handle an alert, in Alertmanager's order (depth first, first match unless `continue`). */
export function matchRoutes(route: ResolvedRoute, labels: Readonly<Record<string, string>>): ResolvedRoute[] {
  if (!matchesAll(route.matchers, labels)) return [];
  const all: ResolvedRoute[] = [];
  for (const child of route.routes) {
    const matches = matchRoutes(child, labels);
    all.push(...matches);
    if (matches.length > 0 && !child.continue) break;
  }
  if (all.length === 0) all.push(route);
  return all;
}

/** Every route of the tree by id. */
export function indexRoutes(
  route: ResolvedRoute,
  into = new Map<string, ResolvedRoute>(),
): Map<string, ResolvedRoute> {
  into.set(route.id, route);
  for (const child of route.routes) indexRoutes(child, into);
  return into;
}

/** The labels an alert is grouped by on this route. */
export function groupLabelsOf(
  route: ResolvedRoute,
  labels: Readonly<Record<string, string>>,
): Record<string, string> {
  if (route.groupBy === undefined) return { ...labels };
  const picked: Record<string, string> = {};
  for (const name of route.groupBy) {
    const value = labels[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** The group key, Alertmanager style: `{route id}:{name="value",...}` with names sorted. */
export function groupKeyOf(route: ResolvedRoute, groupLabels: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(groupLabels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(groupLabels[name])}`);
  return `${route.id}:{${pairs.join(',')}}`;
}
