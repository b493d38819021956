import type { AlertsView, IncidentsView, OverviewView, ToolsView } from '@mcp-o11y/dashboard';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_RULE } from '../src/demo-alerts.ts';
import { TOOL_NAMES } from '../src/demo-tools.ts';
import { type DemoProcess, runDemo } from './run-demo.ts';

/**
 * Long enough for `DemoFlakyTool` to fire (10 s window, then 10 s `for`, on 2 s ticks) while traffic runs;
 * it resolves in the waiting phase after the stop, so the whole run stays under a minute.
 */
const DURATION_SECONDS = 24;
const POLL_MS = 250;

let demo: DemoProcess | undefined;

afterEach(() => {
  if (demo !== undefined && demo.child.exitCode === null && demo.child.signalCode === null)
    demo.child.kill('SIGKILL');
  demo = undefined;
});

/** What the poller saw over the whole run. */
interface Observed {
  maxRequests: number;
  toolNames: Set<string>;
  demoAlertFired: boolean;
  /** The last answer of `GET /api/incidents` that contained the demo rule's incident. */
  lastIncidents: IncidentsView | undefined;
  answers: number;
}

async function getJson<T>(base: string, path: string): Promise<T | undefined> {
  try {
    const response = await fetch(new URL(path, base), { signal: AbortSignal.timeout(2_000) });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    // Refused once the demo has closed the dashboard; the last answers before that count.
    return undefined;
  }
}

/** Polls the dashboard's JSON API until `done` resolves. */
async function pollDashboard(base: string, done: Promise<unknown>): Promise<Observed> {
  const observed: Observed = {
    maxRequests: 0,
    toolNames: new Set(),
    demoAlertFired: false,
    lastIncidents: undefined,
    answers: 0,
  };
  let finished = false;
  void done.then(() => {
    finished = true;
  });
  while (!finished) {
    const [overview, tools, alerts, incidents] = await Promise.all([
      getJson<OverviewView>(base, 'api/overview'),
      getJson<ToolsView>(base, 'api/tools'),
      getJson<AlertsView>(base, 'api/alerts'),
      getJson<IncidentsView>(base, 'api/incidents'),
    ]);
    if (overview !== undefined) {
      observed.answers += 1;
      observed.maxRequests = Math.max(observed.maxRequests, overview.requests);
    }
    for (const tool of tools?.tools ?? []) observed.toolNames.add(tool.name);
    if (alerts?.alerts.some((alert) => alert.name === DEMO_RULE && alert.state === 'firing'))
      observed.demoAlertFired = true;
    if (incidents?.incidents.some((incident) => incident.groupKey.includes(DEMO_RULE)))
      observed.lastIncidents = incidents;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return observed;
}

describe('the demo with its dashboard', () => {
  it('serves the dashboard on loopback while the demo alert fires and resolves, then exits 0', async () => {
    demo = runDemo(['--duration', String(DURATION_SECONDS)]);
    await demo.waitForStderr('(open it in a browser)');
    const match = /dashboard on (http:\/\/127\.0\.0\.1:(\d+)\/) /.exec(demo.stderr());
    expect(match, demo.stderr()).not.toBeNull();
    const base = match?.[1] ?? '';
    // MCP_O11Y_DASHBOARD_PORT=0 from runDemo: any free port, not the default 9465.
    expect(Number(match?.[2])).toBeGreaterThan(0);

    const observed = await pollDashboard(base, demo.exited);
    const { code, signal } = await demo.exited;
    const stderr = demo.stderr();

    expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
    expect(demo.stdout()).toBe('');
    expect(observed.answers, 'the dashboard answered').toBeGreaterThan(10);
    expect(observed.maxRequests).toBeGreaterThan(0);
    expect([...observed.toolNames].sort()).toEqual(expect.arrayContaining([...TOOL_NAMES].sort()));
    expect(observed.demoAlertFired, `${DEMO_RULE} firing in /api/alerts`).toBe(true);

    const incident = observed.lastIncidents?.incidents.find((one) => one.groupKey.includes(DEMO_RULE));
    expect(incident, JSON.stringify(observed.lastIncidents)).toBeDefined();
    expect(incident?.status).toBe('resolved');
    const kinds = incident?.timeline.map((event) => event.kind) ?? [];
    expect(kinds).toContain('opened');
    expect(kinds).toContain('resolved');
    expect(kinds.indexOf('opened')).toBeLessThan(kinds.indexOf('resolved'));
    expect(incident?.resolvedAt).toBeGreaterThan(incident?.openedAt ?? Number.POSITIVE_INFINITY);

    // The console notifier told the same story on stderr, and the live table kept running.
    expect(stderr).toMatch(new RegExp(`FIRING +medium +${DEMO_RULE} `));
    expect(stderr).toMatch(new RegExp(`RESOLVED +medium +${DEMO_RULE} `));
    expect(stderr).toContain('mcp-o11y demo | live');
    expect(stderr).toContain('mcp-o11y demo | final summary');
  }, 90_000);
});
