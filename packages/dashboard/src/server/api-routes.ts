import type { LabelMatcherV1, SilenceInputV1 } from '@mcp-o11y/core';
import { type DashboardResponse, json, problem } from './dashboard-response.js';
import type { DashboardState } from './dashboard-state.js';

/** What a route gets: the path parameters, the query and the parsed JSON body (POST). */
interface RouteInput {
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

type Handler = (state: DashboardState, input: RouteInput) => DashboardResponse | Promise<DashboardResponse>;

interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly pattern: RegExp;
  readonly handler: Handler;
}

const engineOff = 'the alert engine is off (alerts: false, alerts.mode: off, or memory: false)';

/** The JSON API; the README documents every route and shape, and the CLI depends on them. */
export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/overview$/,
    handler: async (state) => json(200, await state.overview()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/timeseries$/,
    handler: (state, { query }) => {
      const window = boundedNumber(query.get('window'), 900, 10, 86_400);
      const step = boundedNumber(query.get('step'), 10, 1, 3600);
      const side = query.get('side') === 'client' ? 'client' : 'server';
      return json(200, state.timeseries(window, step, side));
    },
  },
  { method: 'GET', pattern: /^\/api\/tools$/, handler: (state) => json(200, state.tools()) },
  { method: 'GET', pattern: /^\/api\/clients$/, handler: (state) => json(200, state.clients()) },
  {
    method: 'GET',
    pattern: /^\/api\/integrations$/,
    handler: async (state) => json(200, await state.integrations()),
  },
  { method: 'GET', pattern: /^\/api\/process$/, handler: async (state) => json(200, await state.process()) },
  { method: 'GET', pattern: /^\/api\/alerts$/, handler: (state) => json(200, state.alerts()) },
  {
    method: 'POST',
    pattern: /^\/api\/alerts\/([^/]+)\/ack$/,
    handler: (state, { params, body }) => {
      const alerts = state.observability()?.alerts;
      if (alerts === undefined) return problem(409, engineOff);
      const fingerprint = params[0]!;
      const acknowledged = alerts.acknowledge(fingerprint, actorOf(body.actor));
      if (!acknowledged) return problem(404, `no pending or firing alert with fingerprint ${fingerprint}`);
      return json(200, { acknowledged: true, fingerprint });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/silences$/,
    handler: (state) => json(200, { silences: state.alerts().silences }),
  },
  {
    method: 'POST',
    pattern: /^\/api\/silences$/,
    handler: (state, { body }) => {
      const alerts = state.observability()?.alerts;
      if (alerts === undefined) return problem(409, engineOff);
      const input = silenceInput(body);
      if (typeof input === 'string') return problem(400, input);
      try {
        return json(201, { silence: alerts.silence(input) });
      } catch (error) {
        return problem(400, error instanceof Error ? error.message : String(error));
      }
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/silences\/([^/]+)$/,
    handler: (state, { params }) => {
      const alerts = state.observability()?.alerts;
      if (alerts === undefined) return problem(409, engineOff);
      const id = params[0]!;
      if (!alerts.expireSilence(id)) return problem(404, `no active or pending silence with id ${id}`);
      return json(200, { expired: true, id });
    },
  },
  { method: 'GET', pattern: /^\/api\/incidents$/, handler: (state) => json(200, state.incidents()) },
  {
    method: 'POST',
    pattern: /^\/api\/incidents\/([^/]+)\/close$/,
    handler: (state, { params, body }) => {
      const alerts = state.observability()?.alerts;
      if (alerts === undefined) return problem(409, engineOff);
      const id = params[0]!;
      const comment = typeof body.comment === 'string' ? body.comment.slice(0, 1000) : undefined;
      if (!alerts.closeIncident(id, actorOf(body.actor), comment)) {
        return problem(404, `no open or resolved incident with id ${id}`);
      }
      return json(200, { closed: true, id });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/diagnostics$/,
    handler: async (state) => json(200, await state.diagnostics()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/runbooks$/,
    handler: async (state) => json(200, await state.runbooks()),
  },
];

/** The route for `method` and `path`, with its decoded parameters; `405` when only the method is wrong. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: string[] } | 'method-not-allowed' | undefined {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: match.slice(1).map(decodeURIComponent) };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

function boundedNumber(raw: string | null, fallback: number, min: number, max: number): number {
  const value = raw === null ? fallback : Number(raw);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function actorOf(raw: unknown): string {
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim().slice(0, 100) : 'dashboard';
}

const matcherPattern = /^\s*([\w.:-]+)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/;

/** `POST /api/silences` body → the engine's input, or a message saying what is wrong. Pure. */
export function silenceInput(body: Record<string, unknown>): SilenceInputV1 | string {
  if (!Array.isArray(body.matchers) || body.matchers.length === 0) {
    return 'matchers must be a non-empty array of { name, operator, value } or strings like alertname="X"';
  }
  const matchers: LabelMatcherV1[] = [];
  for (const raw of body.matchers as unknown[]) {
    const matcher = toMatcher(raw);
    if (matcher === undefined) return `invalid matcher ${JSON.stringify(raw)}`;
    matchers.push(matcher);
  }
  const hasDuration = typeof body.duration === 'string';
  const hasEnd = typeof body.endsAt === 'number';
  if (hasDuration === hasEnd)
    return 'give exactly one of duration (e.g. "1h") or endsAt (epoch milliseconds)';
  if (hasDuration && !/^\d+(\.\d+)?(ms|s|m|h|d)$/.test(body.duration as string)) {
    return 'duration must look like 30m, 1h or 2d';
  }
  return {
    matchers,
    ...(hasDuration
      ? { duration: body.duration as SilenceInputV1['duration'] }
      : { endsAt: body.endsAt as number }),
    ...(typeof body.startsAt === 'number' ? { startsAt: body.startsAt } : {}),
    createdBy: actorOf(body.createdBy),
    comment: typeof body.comment === 'string' ? body.comment.slice(0, 1000) : '',
  };
}

function toMatcher(raw: unknown): LabelMatcherV1 | undefined {
  if (typeof raw === 'string') {
    const match = matcherPattern.exec(raw);
    if (match === null) return undefined;
    return { name: match[1]!, operator: match[2] as LabelMatcherV1['operator'], value: match[3]! };
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { name, operator = '=', value } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || typeof value !== 'string') return undefined;
  if (!['=', '!=', '=~', '!~'].includes(operator as string)) return undefined;
  return { name, operator: operator as LabelMatcherV1['operator'], value };
}
