import { type MetricsAddress, prometheus } from '@mcp-o11y/prometheus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileTarget, type RawSession, startHostileTarget } from '../fuzz/hostile-mcp-target.js';
import { FULL_RUN, recordSuiteResult } from '../report/suite-result.js';
import { overflowedMetrics, scrapedLabelSets, storedAttributeSets, total } from './attribute-sets.js';

// A cardinality attack from a hostile client: thousands of distinct unknown tool names, resource URIs,
// prompt names and method names, and hundreds of new connections with distinct client names and protocol
// versions. The attack runs in two rounds of fresh names: the number of distinct attribute sets (the
// in-memory metric reader and a real Prometheus scrape) and of window series must be capped and stop
// growing after the first round, and the cap must be reported.

const NAMES = FULL_RUN ? 20_000 : 2_000;
const CONNECTIONS = FULL_RUN ? 2_000 : 200;
const BATCH = 100;

/** Sends `count` requests of `method` with fresh targets, 100 per POST (the SDK's batch limit). */
async function flood(
  session: RawSession,
  count: number,
  message: (index: number) => { method: string; params: Record<string, unknown> },
  idBase: number,
): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => ({
      jsonrpc: '2.0',
      id: idBase + start + offset,
      ...message(start + offset),
    }));
    const answer = await session.post(JSON.stringify(batch));
    expect(answer.status).toBe(200);
  }
}

/** One round of the attack with names tagged `round`. */
async function attack(target: HostileTarget, round: string): Promise<number> {
  const session = await target.rawSession(`attacker-${round}`);
  const tag = (kind: string, index: number) => `${kind}-${round}-${index}-<!channel>`;
  await flood(
    session,
    NAMES,
    (index) => ({ method: 'tools/call', params: { name: tag('tool', index), arguments: {} } }),
    1e6,
  );
  await flood(
    session,
    NAMES / 2,
    (index) => ({ method: 'resources/read', params: { uri: `file:///${tag('uri', index)}` } }),
    2e6,
  );
  await flood(
    session,
    NAMES / 2,
    (index) => ({ method: 'prompts/get', params: { name: tag('prompt', index) } }),
    3e6,
  );
  await flood(session, NAMES / 2, (index) => ({ method: tag('method', index), params: {} }), 4e6);
  // New connections, each with its own client name and protocol version, each making one call.
  for (let index = 0; index < CONNECTIONS; index += 1) {
    const client = await target.rawSession(tag('client', index), `2025-${round}-${index}`);
    await client.post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: tag('tool', index), arguments: {} },
      }),
    );
  }
  return NAMES + (NAMES / 2) * 3 + CONNECTIONS * 2;
}

/** What the pipeline holds after a round. */
async function measure(target: HostileTarget, scrapeUrl: string) {
  const store = target.observability.store;
  if (store === undefined) throw new Error('no in-memory store');
  const stored = await storedAttributeSets(store);
  const scraped = scrapedLabelSets(await (await fetch(scrapeUrl)).text());
  return {
    stored,
    scraped,
    series: store.listSeries().length,
    stats: store.stats(),
    overflowed: await overflowedMetrics(store),
  };
}

/** Three rounds of fresh names; what the pipeline held after each. */
async function threeRounds(target: HostileTarget, scrapeUrl: string) {
  let sent = 0;
  const rounds: Awaited<ReturnType<typeof measure>>[] = [];
  for (const round of ['a', 'b', 'c']) {
    sent += await attack(target, round);
    rounds.push(await measure(target, scrapeUrl));
  }
  return { sent, rounds };
}

function describeRounds(rounds: readonly Awaited<ReturnType<typeof measure>>[]): string {
  const stored = rounds.map((round) => total(round.stored)).join(' → ');
  const scraped = rounds.map((round) => total(round.scraped)).join(' → ');
  const series = rounds.map((round) => round.series).join(' → ');
  const last = rounds.at(-1);
  return `attribute sets stored ${stored}, scraped ${scraped}; window series ${series} (overflow observations ${last?.stats.series.overflowObservations ?? 0}); SDK overflow point on ${last?.overflowed.join(', ') || 'none'}`;
}

const MAX_SERIES = 500;

async function startTarget(instrumentEachServer: boolean) {
  let address: MetricsAddress | undefined;
  const target = await startHostileTarget({
    instrumentEachServer,
    // Options besides the handle: with them, instrument() builds a new instrumentation per call.
    instrument: { resourceUriOnMetrics: true, capture: { arguments: true } },
    memory: { maxSeries: MAX_SERIES, maxSpans: 200 },
    adapters: [prometheus({ port: 0, onListening: (bound) => (address = bound) })],
  });
  if (address === undefined) throw new Error('the Prometheus endpoint did not start');
  return { target, scrapeUrl: address.url };
}

describe('a cardinality attack on servers made by instrumentServerFactory', () => {
  let target: HostileTarget;
  let scrapeUrl = '';
  beforeAll(async () => {
    ({ target, scrapeUrl } = await startTarget(false));
  });
  afterAll(async () => {
    await target.close();
  });

  it('keeps attribute sets and series capped: after saturation a round of fresh names adds none', async () => {
    const { sent, rounds } = await threeRounds(target, scrapeUrl);
    const [, second, third] = rounds;
    if (second === undefined || third === undefined) throw new Error('missing rounds');
    expect(third.stats.series.count).toBeLessThanOrEqual(MAX_SERIES);
    for (const [name, sets] of [...third.stored, ...third.scraped]) expect(sets, name).toBeLessThan(2_000);
    // Round two may add the few `_OTHER` combinations round one had not met; round three adds nothing.
    expect(total(third.stored)).toBe(total(second.stored));
    expect(total(third.scraped)).toBe(total(second.scraped));
    expect(third.series).toBe(second.series);
    // Tool names, resource URIs and prompt names the server does not know never became labels.
    const exposition = await (await fetch(scrapeUrl)).text();
    expect(exposition).toContain('gen_ai_tool_name="_OTHER"');
    for (const kind of ['tool', 'uri', 'prompt'])
      expect(exposition).not.toMatch(new RegExp(`"${kind}-[abc]-`));
    recordSuiteResult({
      area: 'cardinality',
      scenario: `instrumentServerFactory: 3 rounds × (${NAMES} tools, ${NAMES / 2} URIs, prompts, methods; ${CONNECTIONS} clients)`,
      faults: sent,
      requests: sent,
      note: describeRounds(rounds),
    });
  });
  // Was a BUG in packages/core/src/mcp (fixed; this guards the fix). A method the
  // server answers with -32601 (method not found) is the caller's mistake, like an unknown tool, but
  // ProfileCache.#addMethod (mcp-telemetry.ts) admits the first 128 distinct method names of each side as
  // `mcp.method.name` label values on every metric and window series (SideTelemetry.admitMethod), and
  // buildOutcome (operation-cache.ts) counts the -32601 as a series error. So a hostile client writes up to
  // 128 names of its choosing (`[Reset password](https://…)`, `<!channel>`, megabyte strings) into
  // Prometheus, the dashboard and the labels of HighErrorRate alerts, which it can fire at will. Suggested
  // fix: fold a method into `_OTHER` unless the server has a handler for it (or until a response that is
  // not -32601 shows it does), as names are.
  it('keeps method names the server does not serve off metrics', async () => {
    const exposition = await (await fetch(scrapeUrl)).text();
    expect(exposition).not.toMatch(/mcp_method_name="method-[abc]-/);
  });
});

describe('a cardinality attack on servers each instrumented with instrument(server, options)', () => {
  let target: HostileTarget;
  let scrapeUrl = '';
  let rounds: Awaited<ReturnType<typeof measure>>[] = [];
  let sent = 0;
  beforeAll(async () => {
    ({ target, scrapeUrl } = await startTarget(true));
    ({ sent, rounds } = await threeRounds(target, scrapeUrl));
  });
  afterAll(async () => {
    await target.close();
  });

  it('still holds the store cap and the SDK limit of 2000 attribute sets per instrument', () => {
    const last = rounds.at(-1);
    if (last === undefined) throw new Error('no rounds');
    expect(last.stats.series.count).toBeLessThanOrEqual(MAX_SERIES);
    expect(last.series).toBeLessThanOrEqual(2 * MAX_SERIES + 1);
    for (const [name, sets] of [...last.stored, ...last.scraped])
      expect(sets, name).toBeLessThanOrEqual(2_000);
    recordSuiteResult({
      area: 'cardinality',
      scenario: `instrument() per session with options: 3 rounds × (${NAMES} tools, ${NAMES / 2} URIs, prompts, methods; ${CONNECTIONS} clients)`,
      faults: sent,
      requests: sent,
      note: `only the downstream caps hold: ${describeRounds(rounds)}`,
    });
  });

  // Was a BUG in packages/core/src/mcp (fixed; this guards the fix). instrumentationFor()
  // in instrumentation.ts shares one Instrumentation per handle only when the options hold nothing but
  // `observability`; any other option (capture, resourceUriOnMetrics, maxToolNames…) makes every
  // instrument() call build a new one, with its own SideTelemetry caps (128 methods, maxToolNames names,
  // 16 protocol versions, usage cells). A server built and instrumented per session therefore multiplies
  // every cap by the number of sessions a client opens: unknown method names keep becoming labels
  // (attacker text on metrics and alert labels) until the SDK's 2000-per-instrument limit and the store's
  // maxSeries fold them. Suggested fix: key the shared instrumentation by (handle, resolved options), or
  // keep the caps on the handle.
  it('keeps the instrumentation caps across sessions: a round of fresh names adds no attribute set', () => {
    const [, second, third] = rounds;
    if (second === undefined || third === undefined) throw new Error('missing rounds');
    expect(total(third.stored)).toBe(total(second.stored));
  });
});

describe('how a cardinality cap is reported', () => {
  let target: HostileTarget;
  let address: MetricsAddress | undefined;
  beforeAll(async () => {
    target = await startHostileTarget({
      memory: { maxSeries: 3 }, // unknown methods and tools fold before the store: only a handful of series exist
      adapters: [prometheus({ port: 0, onListening: (bound) => (address = bound) })],
    });
    if (address === undefined) throw new Error('the Prometheus endpoint did not start');
    const session = await target.rawSession('attacker');
    await flood(session, 300, (index) => ({ method: `method-${index}`, params: {} }), 1);
    await flood(
      session,
      300,
      (index) => ({ method: 'tools/call', params: { name: `tool-${index}`, arguments: {} } }),
      1_000,
    );
  });
  afterAll(async () => {
    await target.close();
  });

  it('the in-memory store reports its series cap in stats() and folds into _OTHER series', async () => {
    const stats = target.observability.store?.stats();
    expect(stats?.series.count).toBe(3);
    expect(stats?.series.overflowSeries).toBeGreaterThan(0);
    expect(stats?.series.overflowObservations).toBeGreaterThan(0);
    const overflow = target.observability.store?.listSeries().filter((series) => series.isOverflow) ?? [];
    expect(
      overflow.every((series) => Object.values(series.labels).every((value) => value === '_OTHER')),
    ).toBe(true);
    recordSuiteResult({
      area: 'cardinality',
      scenario: 'store series cap (maxSeries 3) under 300 unknown methods',
      faults: 600,
      requests: 600,
      note: `reported in store.stats().series: ${stats?.series.overflowSeries} overflow series, ${stats?.series.overflowObservations} observations folded (no metric, no log)`,
    });
  });

  it('the instrumentation folds unknown tool names and methods past 128 into _OTHER on metrics', async () => {
    if (address === undefined) throw new Error('the Prometheus endpoint did not start');
    const exposition = await (await fetch(address.url)).text();
    const lines = exposition
      .split('\n')
      .filter((line) => line.startsWith('mcp_server_operation_duration_seconds_count'));
    expect(lines.some((line) => line.includes('gen_ai_tool_name="_OTHER"'))).toBe(true);
    expect(lines.some((line) => line.includes('mcp_method_name="_OTHER"'))).toBe(true);
    expect(lines.some((line) => /gen_ai_tool_name="tool-\d+"/.test(line))).toBe(false);
    const methods = new Set(lines.map((line) => /mcp_method_name="([^"]*)"/.exec(line)?.[1]));
    expect(methods.size).toBeLessThanOrEqual(128 + 1);
    recordSuiteResult({
      area: 'cardinality',
      scenario: 'instrumentation name guard under 300 unknown tools and 300 unknown methods',
      faults: 600,
      requests: 600,
      note: `unknown tools all _OTHER; ${methods.size} method label values (128 admitted + _OTHER)`,
    });
  });

  // Was a BUG in packages/core/src/mcp (fixed; this guards the fix). When the
  // instrumentation's name guard folds names (unknown tools and prompts, names past maxToolNames, methods
  // past MAX_METHODS = 128 in mcp-telemetry.ts SideTelemetry.admitName / admitMethod), nothing says so:
  // no counter of folded requests or names, no warning logged when a cap is first reached, nothing in
  // diagnostics(). The only trace is the `_OTHER` label value, which cannot tell "cap reached" from
  // "unknown name"; a server with 150 real tools silently loses 50 of them from every dashboard.
  it('reports that the name guard hit its cap, in a metric or a log', async () => {
    const store = target.observability.store;
    const { metrics } = (await store?.metricsSnapshot()) ?? { metrics: [] };
    const capMetric = metrics.find((metric) => /fold|name.?overflow|cardinality/i.test(metric.name));
    const capLog = (store?.recentLogs() ?? []).find((record) =>
      /maxToolNames|tool names?|method names?|MAX_METHODS/i.test(JSON.stringify(record)),
    );
    const diagnostics = JSON.stringify(target.observability.diagnostics());
    recordSuiteResult({
      area: 'cardinality',
      scenario: 'name guard cap reporting',
      faults: 600,
      note: `metric ${capMetric?.name ?? 'none'}, log ${capLog === undefined ? 'none' : 'found'}, diagnostics().folded ${JSON.stringify(target.observability.diagnostics().folded ?? {})}`,
    });
    expect(capMetric !== undefined || capLog !== undefined || /fold|maxToolNames/.test(diagnostics)).toBe(
      true,
    );
  });
});
