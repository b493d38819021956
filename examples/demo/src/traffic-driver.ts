import { setTimeout as sleep } from 'node:timers/promises';
import { instrumentClient, type Observability } from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CURRENCIES, TOOL_NAMES } from './demo-tools.ts';
import { SEARCH_TERMS } from './docs-corpus.ts';
import { derivedRandom, type SeededRandom } from './seeded-random.ts';

/** Options of {@link startTrafficDriver}. */
export interface TrafficDriverOptions {
  /** The server's MCP endpoint. */
  readonly url: URL;
  /** Tool calls kept in flight. */
  readonly concurrency: number;
  /** Seed of the tool choice and the arguments. */
  readonly seed: number;
  /**
   * The client is instrumented into it (CLIENT spans, whose trace the server continues); its logger
   * reports failed calls (not tool errors: transport and protocol failures).
   */
  readonly observability: Observability;
}

/** A running client. */
export interface TrafficDriver {
  /** Stops issuing calls, lets those in flight finish, ends the session and closes the client. Idempotent. */
  stop(): Promise<void>;
}

interface PlannedCall {
  readonly name: (typeof TOOL_NAMES)[number];
  readonly arguments: Record<string, unknown>;
}

/** How often each tool is picked after the first round: lookups dominate, slow summaries are rarer. */
const WEIGHTS: Readonly<Record<(typeof TOOL_NAMES)[number], number>> = {
  search_docs: 35,
  get_weather: 30,
  summarize_url: 10,
  convert_currency: 25,
};

const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Montreal', 'Osaka', 'Santiago', 'Tbilisi'];
const PAGES = [
  'https://modelcontextprotocol.io/docs/concepts/tools',
  'https://opentelemetry.io/docs/specs/semconv/gen-ai/mcp/',
  'https://example.com/blog/latency-budgets',
  'https://example.org/runbooks/on-call',
];
/** In-flight calls get this long to finish on stop; then they are cancelled. */
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * Connects a real MCP client over Streamable HTTP and keeps `concurrency` tool calls in flight until
 * stopped: first one call of every tool (so each shows up at once), then a weighted random mix with
 * random arguments.
 */
export async function startTrafficDriver(options: TrafficDriverOptions): Promise<TrafficDriver> {
  const { url, concurrency, seed, observability } = options;
  const { logger } = observability;
  const random = derivedRandom(seed, 'client');
  const client = instrumentClient(new Client({ name: 'mcp-o11y-demo-client', version: '0.0.0' }), {
    observability,
  });
  const transport = new StreamableHTTPClientTransport(url);
  await client.connect(transport);

  const { tools } = await client.listTools();
  const missing = TOOL_NAMES.filter((name) => !tools.some((tool) => tool.name === name));
  if (missing.length > 0) {
    throw new Error(`[@mcp-o11y/example-demo] the server does not list the tools ${missing.join(', ')}.`);
  }
  // Touch the resource once, as a real client would when it starts.
  await client.readResource({ uri: 'docs://index' });

  const warmUp: PlannedCall[] = TOOL_NAMES.map((name) => planCall(name, random));
  const nextCall = (): PlannedCall => warmUp.shift() ?? planCall(pickWeighted(random), random);
  const cancel = new AbortController();
  let stopping = false;

  const worker = async (): Promise<void> => {
    while (!stopping) {
      const call = nextCall();
      try {
        // Tool failures come back as results with isError; only transport and protocol failures throw.
        await client.callTool(call, undefined, { signal: cancel.signal });
      } catch (error) {
        if (stopping) return;
        logger.warn('demo client: tool call failed', { tool: call.name, err: error });
        await sleep(100);
      }
      // A short pause between calls, as a model thinks between tool uses.
      await sleep(random.integer(0, 20));
    }
  };
  const workers = Array.from({ length: concurrency }, () => worker());

  let stopped: Promise<void> | undefined;
  return {
    stop: () => {
      stopped ??= (async () => {
        stopping = true;
        const drainTimer = setTimeout(() => cancel.abort(), DRAIN_TIMEOUT_MS);
        await Promise.allSettled(workers);
        clearTimeout(drainTimer);
        // Ends the session on the server (HTTP DELETE) before closing our side.
        await transport.terminateSession().catch(() => {});
        await client.close();
      })();
      return stopped;
    },
  };
}

function pickWeighted(random: SeededRandom): (typeof TOOL_NAMES)[number] {
  let remaining = random.next() * TOOL_NAMES.reduce((sum, name) => sum + WEIGHTS[name], 0);
  for (const name of TOOL_NAMES) {
    remaining -= WEIGHTS[name];
    if (remaining < 0) return name;
  }
  return TOOL_NAMES[0];
}

function planCall(name: (typeof TOOL_NAMES)[number], random: SeededRandom): PlannedCall {
  switch (name) {
    case 'search_docs': {
      const words = random.chance(0.5)
        ? [random.pick(SEARCH_TERMS)]
        : [random.pick(SEARCH_TERMS), random.pick(SEARCH_TERMS)];
      return { name, arguments: { query: words.join(' '), limit: random.integer(1, 5) } };
    }
    case 'get_weather':
      return { name, arguments: { city: random.pick(CITIES), units: random.pick(['metric', 'imperial']) } };
    case 'summarize_url':
      return { name, arguments: { url: random.pick(PAGES), maxSentences: random.integer(1, 4) } };
    case 'convert_currency': {
      const from = random.pick(CURRENCIES);
      const to = random.pick(CURRENCIES.filter((currency) => currency !== from));
      return { name, arguments: { amount: random.integer(100, 500_000) / 100, from, to } };
    }
  }
}
