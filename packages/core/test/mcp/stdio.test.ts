import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SpanKind } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrumentClient } from '../../src/mcp/instrument.js';
import { type Observed, observe, until } from './observe.js';
import { assertAllProtocol, fixture, installFileAdapter, workspace } from './spawned.js';

let observed: Observed;
beforeEach(async () => {
  observed = await observe();
});
afterEach(async () => {
  await observed.shutdown();
});

async function callOverStdio(args: string[], env: Record<string, string>, cwd?: string) {
  const files = workspace();
  const client = instrumentClient(new Client({ name: 'stdio-client', version: '1.0.0' }), {
    observability: observed.observability,
  });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [fixture('stdout-tee.mjs'), ...args],
    env: {
      ...(process.env as Record<string, string>),
      MCP_O11Y_TEST_OUT: files.spansFile,
      MCP_O11Y_STDOUT_COPY: files.stdoutFile,
      ...env,
    },
    ...(cwd === undefined ? {} : { cwd }),
    stderr: 'pipe',
  });
  await client.connect(transport);
  const result = await client.callTool({ name: 'echo', arguments: { text: 'piped' } });
  return { files, client, result };
}

describe('stdio', () => {
  it('continues the client trace in an instrumented SDK v1 server process; stdout carries only protocol', async () => {
    const { files, client, result } = await callOverStdio([fixture('v1-stdio-server.mjs')], {});
    expect(result.content).toEqual([{ type: 'text', text: 'piped' }]);
    await until(() => files.spans().some((span) => span.name === 'tools/call echo'));
    await client.close();
    const server = files.spans().find((span) => span.name === 'tools/call echo');
    await until(() => observed.spans().some((span) => span.name === 'tools/call echo'));
    const sent = observed
      .spans()
      .find((span) => span.name === 'tools/call echo' && span.kind === SpanKind.CLIENT);
    expect(server?.kind).toBe(SpanKind.SERVER);
    expect(server?.traceId).toBe(sent?.spanContext().traceId);
    expect(server?.parentSpanId).toBe(sent?.spanContext().spanId);
    expect(server?.attributes).toMatchObject({
      'network.transport': 'pipe',
      'mcp.client.name': 'stdio-client',
      'gen_ai.tool.name': 'echo',
    });
    expect(sent?.attributes['network.transport']).toBe('pipe');
    expect(assertAllProtocol(files.stdout())).toBeGreaterThanOrEqual(3);
  });
});

describe('zero-code register', () => {
  for (const [label, flag, script] of [
    ['SDK v1, ESM, --import', '--import', 'plain-v1-server.mjs'],
    ['SDK v1, CJS, --require', '--require', 'plain-v1-server.cjs'],
    ['SDK v2, ESM, --import', '--import', 'plain-v2-server.mjs'],
  ] as const) {
    it(`instruments an unmodified server: ${label}`, async () => {
      const files = workspace();
      const config = installFileAdapter(files.dir);
      const register = new URL(`../../dist/register.${flag === '--import' ? 'js' : 'cjs'}`, import.meta.url)
        .pathname;
      const { client, result } = await callOverStdio([flag, register, fixture(script)], {
        MCP_O11Y_CONFIG: config,
        MCP_O11Y_TEST_OUT: files.spansFile,
        MCP_O11Y_STDOUT_COPY: files.stdoutFile,
      });
      expect(result.content).toEqual([{ type: 'text', text: 'piped' }]);
      await until(() => files.spans().some((span) => span.name === 'tools/call echo'), 5000);
      await client.close();
      const server = files.spans().find((span) => span.name === 'tools/call echo');
      const sent = observed
        .spans()
        .find((span) => span.name === 'tools/call echo' && span.kind === SpanKind.CLIENT);
      expect(server?.kind).toBe(SpanKind.SERVER);
      expect(server?.parentSpanId).toBe(sent?.spanContext().spanId);
      expect(assertAllProtocol(files.stdout())).toBeGreaterThanOrEqual(2);
    });
  }
});
