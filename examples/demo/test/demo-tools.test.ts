import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoToolRandoms, FLAKY_TOOL, registerDemoTools, TOOL_NAMES } from '../src/demo-tools.ts';
import { DEFAULT_SEED } from '../src/parse-args.ts';

let client: Client | undefined;

async function connect(seed = DEFAULT_SEED): Promise<Client> {
  const server = new McpServer({ name: 'demo-tools-test', version: '0.0.0' });
  registerDemoTools(server, createDemoToolRandoms(seed));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'demo-tools-test-client', version: '0.0.0' });
  await client.connect(clientSide);
  return client;
}

afterEach(async () => {
  await client?.close();
  client = undefined;
});

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((part) => part.text ?? '').join('\n');
}

describe('the demo tools', () => {
  it('lists the four tools with input schemas, a resource and a prompt', async () => {
    const connected = await connect();
    const { tools } = await connected.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    const weather = tools.find((tool) => tool.name === 'get_weather');
    expect(weather?.inputSchema.required).toEqual(['city']);
    expect((await connected.listResources()).resources.map((resource) => resource.uri)).toEqual([
      'docs://index',
    ]);
    expect((await connected.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual([
      'triage_tool_errors',
    ]);
  });

  // The end-to-end test counts on the flaky tool failing early in every run with the default seed.
  it(`makes ${FLAKY_TOOL} return isError within its first calls with the default seed`, async () => {
    const connected = await connect();
    const results = [];
    for (let call = 0; call < 3; call += 1) {
      results.push(await connected.callTool({ name: FLAKY_TOOL, arguments: { city: 'Oslo' } }));
    }
    const failed = results.filter((result) => result.isError === true);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(textOf(failed[0]!)).toBe('Weather service unavailable for Oslo (HTTP 503).');
    expect(results.some((result) => result.isError !== true)).toBe(true);
  });

  it('turns the exception convert_currency throws into an error result for the client', async () => {
    const connected = await connect();
    const results = [];
    for (let call = 0; call < 15; call += 1) {
      results.push(
        await connected.callTool({
          name: 'convert_currency',
          arguments: { amount: 100, from: 'EUR', to: 'USD' },
        }),
      );
    }
    const failed = results.filter((result) => result.isError === true);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(textOf(failed[0]!)).toContain('rate provider did not answer for EUR/USD');
    expect(textOf(results.find((result) => result.isError !== true)!)).toBe('100 EUR = 108.00 USD');
  });

  it('answers search_docs from the corpus and validates arguments with the zod schemas', async () => {
    const connected = await connect();
    const found = await connected.callTool({ name: 'search_docs', arguments: { query: 'span', limit: 1 } });
    expect(textOf(found)).toMatch(/^Tracing: /);
    const invalid = await connected.callTool({ name: 'summarize_url', arguments: { url: 'not a url' } });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toMatch(/url/i);
  });
});
