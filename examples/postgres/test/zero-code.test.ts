import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createObservability,
  instrumentClient,
  normalizeStatement,
  type Observability,
} from '@mcp-o11y/core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEARCH_BOOKS } from '../src/bookshop-database.ts';
import { LISTENING_MESSAGE } from '../src/listening-message.ts';

const postgresUrl = inject('postgresUrl');
const TOKEN = 'zero-code-token-0123456789';
const exampleDirectory = fileURLToPath(new URL('..', import.meta.url));

/** `node --import @mcp-o11y/core/register src/serve.ts`, exactly as the README runs it. */
interface ZeroCodeServer {
  readonly child: ChildProcess;
  readonly url: URL;
  /** Every JSON line the server wrote on stderr so far. */
  lines(): Record<string, unknown>[];
  stop(): Promise<number | null>;
}

async function spawnZeroCode(configFile: string, databaseUrl: string): Promise<ZeroCodeServer> {
  const child = spawn(
    process.execPath,
    ['--import', '@mcp-o11y/core/register', 'src/serve.ts', '--port', '0'],
    {
      cwd: exampleDirectory,
      // Its whole environment: nothing of the test runner's OTEL_* or NODE_OPTIONS leaks in.
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl,
        BOOKSHOP_TOKEN: TOKEN,
        MCP_O11Y_CONFIG: configFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${stderr}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = new RegExp(`${LISTENING_MESSAGE} (\\S+)`).exec(stderr);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    void exited.then((code) => reject(new Error(`the server exited (${code}):\n${stderr}`)));
  });
  return {
    child,
    url,
    lines: () =>
      stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      expect(stdout, 'the server wrote to stdout').toBe('');
      return code;
    },
  };
}

describe.skipIf(postgresUrl === undefined)(
  postgresUrl === undefined
    ? `bookshop zero-code (skipped: ${inject('postgresMissing')})`
    : 'bookshop under node --import @mcp-o11y/core/register',
  () => {
    let directory: string;
    let server: ZeroCodeServer;
    let observability: Observability;

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'bookshop-zero-code-'));
      const configFile = join(directory, 'mcp-o11y.config.yaml');
      // Every pg query counts as slow, so each one logs a warning line carrying its trace id.
      writeFileSync(
        configFile,
        [
          'service: { name: bookshop-zero-code }',
          'instrumentations: [http, express, pg]',
          'statements: { record: true, slowThresholdMs: 0 }',
          'alerts: false',
          '',
        ].join('\n'),
      );
      server = await spawnZeroCode(configFile, postgresUrl as string);
      // The client side, in this process: an instrumented SDK client whose span starts the trace.
      observability = await createObservability({
        service: { name: 'bookshop-agent' },
        logging: { destination: false },
        shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
        registerGlobals: false,
        alerts: false,
      });
    });

    afterAll(async () => {
      await observability?.shutdown();
      if (server !== undefined) expect(await server.stop()).toBe(0);
      rmSync(directory, { recursive: true, force: true });
    });

    it('patches pg before the server imports it: the driver span joins the client trace, normalised', async () => {
      const client = instrumentClient(new Client({ name: 'bookshop-agent', version: '1.0.0' }), {
        observability,
      });
      await client.connect(
        new StreamableHTTPClientTransport(server.url, {
          requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
        }),
      );
      const result = await client.callTool({ name: 'search_books', arguments: { query: 'butler' } });
      await client.close();
      expect(JSON.stringify(result.content)).toContain('Kindred');
      await observability.forceFlush();
      const clientSpan = observability.store
        ?.recentSpans()
        .find((span) => span.kind === 'client' && span.name === 'tools/call search_books');
      expect(clientSpan).toBeDefined();

      // The warning is written when the pg span ends, before the response leaves; allow for the pipe.
      let slow: Record<string, unknown>[] = [];
      for (let attempt = 0; attempt < 100 && slow.length === 0; attempt += 1) {
        slow = server
          .lines()
          .filter(
            (line) =>
              String(line.message).startsWith('[@mcp-o11y/core] slow database call "pg.query:SELECT') &&
              line.trace_id === clientSpan?.traceId,
          );
        if (slow.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(slow).toHaveLength(1);
      expect(slow[0]).toMatchObject({
        level: 'warn',
        service: 'bookshop-zero-code',
        'db.system.name': 'postgresql',
        'db.query.text': normalizeStatement(SEARCH_BOOKS),
        'mcp_o11y.db.query.hash': expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      const stderr = JSON.stringify(server.lines());
      expect(stderr).not.toContain("'available'");
      expect(stderr).not.toContain('butler');
    });
  },
);
