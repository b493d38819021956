import { setTimeout as sleep } from 'node:timers/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DOCS_CORPUS, searchDocs } from './docs-corpus.ts';
import { derivedRandom, type SeededRandom } from './seeded-random.ts';

/** Names of the demo's tools, in the order the traffic driver first calls them. */
export const TOOL_NAMES = ['search_docs', 'get_weather', 'summarize_url', 'convert_currency'] as const;

/** The tool that fails by returning `isError: true` (about 10 % of its calls). */
export const FLAKY_TOOL = 'get_weather';

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'CHF'] as const;

/** Units per euro: made-up but plausible. */
const RATES: Readonly<Record<(typeof CURRENCIES)[number], number>> = {
  EUR: 1,
  USD: 1.08,
  GBP: 0.85,
  JPY: 162.4,
  CHF: 0.95,
};

/** What a currency conversion throws when its (pretend) rate provider is down. */
export class RatesUnavailableError extends Error {
  override name = 'RatesUnavailableError';
}

/**
 * The random streams behind the tools' latencies and failures, one per tool and purpose. Create them once
 * per process and share them across sessions, so the n-th call of a tool behaves the same in every run
 * with the same seed, whatever the concurrency.
 */
export interface DemoToolRandoms {
  readonly latency: Readonly<Record<(typeof TOOL_NAMES)[number], SeededRandom>>;
  readonly failure: Readonly<Record<(typeof TOOL_NAMES)[number], SeededRandom>>;
  /** What a successful result says (temperatures, sky). */
  readonly payload: Readonly<Record<(typeof TOOL_NAMES)[number], SeededRandom>>;
}

export function createDemoToolRandoms(seed: number): DemoToolRandoms {
  const streams = (purpose: string) =>
    Object.fromEntries(TOOL_NAMES.map((tool) => [tool, derivedRandom(seed, `${tool}/${purpose}`)])) as Record<
      (typeof TOOL_NAMES)[number],
      SeededRandom
    >;
  return { latency: streams('latency'), failure: streams('failure'), payload: streams('payload') };
}

/**
 * Registers the demo's tools, a resource and a prompt on `server`. The handlers know nothing of
 * observability: `instrument(server)` records every call from the outside.
 */
export function registerDemoTools(server: McpServer, randoms: DemoToolRandoms): void {
  const { latency, failure, payload } = randoms;

  server.registerTool(
    'search_docs',
    {
      title: 'Search the docs',
      description: 'Full-text search over a small in-memory documentation corpus. Fast.',
      inputSchema: {
        query: z.string().min(1).describe('Words to look for'),
        limit: z.number().int().min(1).max(10).default(3).describe('Most pages returned'),
      },
    },
    async ({ query, limit }, extra) => {
      await sleep(latency.search_docs.integer(2, 15), undefined, { signal: extra.signal });
      const pages = searchDocs(query, limit);
      const text =
        pages.length === 0 ? 'No matches.' : pages.map((page) => `${page.title}: ${page.text}`).join('\n');
      return { content: [{ type: 'text', text }] };
    },
  );

  server.registerTool(
    'get_weather',
    {
      title: 'Current weather',
      description:
        'Current weather for a city from a (pretend) upstream service that is sometimes unavailable.',
      inputSchema: {
        city: z.string().min(1).describe('City name'),
        units: z.enum(['metric', 'imperial']).default('metric'),
      },
    },
    async ({ city, units }, extra) => {
      await sleep(latency.get_weather.integer(20, 90), undefined, { signal: extra.signal });
      if (failure.get_weather.chance(0.1)) {
        // A tool-level failure: the call itself succeeds, the result says it did not work.
        return {
          isError: true,
          content: [{ type: 'text', text: `Weather service unavailable for ${city} (HTTP 503).` }],
        };
      }
      const celsius = payload.get_weather.integer(-5, 32);
      const reading = units === 'metric' ? `${celsius} °C` : `${Math.round((celsius * 9) / 5 + 32)} °F`;
      return {
        content: [
          {
            type: 'text',
            text: `${city}: ${reading}, ${payload.get_weather.pick(['sunny', 'cloudy', 'rain', 'wind'])}`,
          },
        ],
      };
    },
  );

  server.registerTool(
    'summarize_url',
    {
      title: 'Summarize a web page',
      description: 'Fetches and summarizes a page (pretend). Slow: 150–600 ms.',
      inputSchema: {
        url: z.url().describe('Page to summarize'),
        maxSentences: z.number().int().min(1).max(5).default(2),
      },
    },
    async ({ url, maxSentences }, extra) => {
      await sleep(latency.summarize_url.integer(150, 600), undefined, { signal: extra.signal });
      const host = new URL(url).host;
      const sentences = Array.from(
        { length: maxSentences },
        (_, index) => `Point ${index + 1} of the page on ${host}.`,
      );
      return { content: [{ type: 'text', text: sentences.join(' ') }] };
    },
  );

  server.registerTool(
    'convert_currency',
    {
      title: 'Convert currency',
      description:
        'Converts an amount between currencies. Throws when the rate provider is down (about 3 %).',
      inputSchema: {
        amount: z.number().positive(),
        from: z.enum(CURRENCIES),
        to: z.enum(CURRENCIES),
      },
    },
    async ({ amount, from, to }, extra) => {
      await sleep(latency.convert_currency.integer(3, 25), undefined, { signal: extra.signal });
      if (failure.convert_currency.chance(0.03)) {
        // An exception, not an isError result: the SDK turns it into an error result for the client.
        throw new RatesUnavailableError(`rate provider did not answer for ${from}/${to}`);
      }
      const converted = (amount / RATES[from]) * RATES[to];
      return { content: [{ type: 'text', text: `${amount} ${from} = ${converted.toFixed(2)} ${to}` }] };
    },
  );

  server.registerResource(
    'docs-index',
    'docs://index',
    { title: 'Docs index', description: 'Titles of the pages search_docs searches', mimeType: 'text/plain' },
    async (uri) => ({
      contents: [{ uri: uri.href, text: DOCS_CORPUS.map((page) => `${page.id}: ${page.title}`).join('\n') }],
    }),
  );

  server.registerPrompt(
    'triage_tool_errors',
    {
      title: 'Triage tool errors',
      description: 'Asks the model to look into why a tool fails',
      argsSchema: { tool: z.string().describe('Tool name') },
    },
    ({ tool }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `The tool ${tool} has been failing. Check its error types and latency.`,
          },
        },
      ],
    }),
  );
}
