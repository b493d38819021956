import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealthHandler, createObservability, type Observability } from '@mcp-o11y/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, tempProject } from './run-bin.js';

const REMEDIATION = 'Start PostgreSQL or fix DATABASE_URL; the search tool fails without it.';

interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A real pipeline with core's health endpoints on 127.0.0.1, built-in checks off so statuses are exact. */
async function startServer(failing: boolean): Promise<RunningServer> {
  const observability: Observability = await createObservability({
    service: { name: failing ? 'failing-mcp' : 'healthy-mcp' },
    alerts: false,
    registerGlobals: false,
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    logging: { destination: false },
    health: { builtInChecks: false, cacheTtlMs: 0 },
  });
  observability.health.add({
    name: 'cache',
    check: async () => ({ status: 'pass', message: 'hit ratio 0.93' }),
  });
  observability.health.add({
    name: 'database',
    critical: true,
    check: async () =>
      failing
        ? { status: 'fail', message: 'connect ECONNREFUSED 127.0.0.1:5432', remediation: REMEDIATION }
        : { status: 'pass' },
  });
  const server: Server = createServer(createHealthHandler(observability));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await observability.shutdown();
    },
  };
}

let failing: RunningServer;
let healthy: RunningServer;
const dir = tempProject();

beforeAll(async () => {
  [failing, healthy] = await Promise.all([startServer(true), startServer(false)]);
});
afterAll(async () => {
  await Promise.all([failing?.close(), healthy?.close()]);
  dir.cleanup();
});

describe('mcp-o11y doctor --url', () => {
  it('reports a failing custom check with its remediation and exits 1', async () => {
    const run = await runBin(['doctor', '--url', failing.url], { cwd: dir.dir });
    expect(run.stdout).toContain('mcp-o11y doctor: failing-mcp');
    expect(run.stdout).toMatch(/✗ fail\s+database\s+connect ECONNREFUSED 127\.0\.0\.1:5432 \[critical\]/);
    expect(run.stdout).toContain(`→ ${REMEDIATION}`);
    expect(run.stdout).toMatch(/✓ pass\s+cache/);
    expect(run.stdout).toContain('Overall: fail (1 failing, 0 warning, 1 passing)');
    expect(run.stderr).toContain(`${failing.url}/health/detailed`);
    expect(run.code).toBe(1);
  });

  it('prints the same report as JSON, failing checks first', async () => {
    const run = await runBin(['doctor', '--url', `${failing.url}/health/detailed`, '--json'], {
      cwd: dir.dir,
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      status: string;
      service: string;
      checks: Record<string, unknown>[];
    };
    expect(report).toMatchObject({ source: 'url', status: 'fail', service: 'failing-mcp' });
    expect(report.checks[0]).toMatchObject({
      name: 'database',
      status: 'fail',
      critical: true,
      remediation: REMEDIATION,
      output: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    expect(report.checks[1]).toMatchObject({ name: 'cache', status: 'pass' });
  });

  it('exits 0 for a healthy server', async () => {
    const run = await runBin(['doctor', '--url', healthy.url], { cwd: dir.dir });
    expect(run.stdout).toContain('Overall: pass (0 failing, 0 warning, 2 passing)');
    expect(run.stdout).not.toContain('→');
    expect(run.code).toBe(0);
  });

  it('exits 1 when the server cannot be reached, 2 for a bad URL', async () => {
    const down = await runBin(['doctor', '--url', 'http://127.0.0.1:1', '--timeout', '3000'], {
      cwd: dir.dir,
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot reach http://127.0.0.1:1/health/detailed');
    expect(down.stdout).toBe('');
    const bad = await runBin(['doctor', '--url', 'not a url'], { cwd: dir.dir });
    expect(bad.code).toBe(2);
  });
});

describe('mcp-o11y doctor (local)', () => {
  it("runs core's checks in process and exits by the overall status", async () => {
    const run = await runBin(['doctor', '--json'], { cwd: dir.dir, env: { OTEL_SERVICE_NAME: 'local-mcp' } });
    const report = JSON.parse(run.stdout) as {
      source: string;
      service: string;
      status: string;
      checks: { name: string }[];
    };
    expect(report).toMatchObject({ source: 'local', service: 'local-mcp' });
    expect(report.checks.length).toBeGreaterThan(0);
    expect(run.code).toBe(report.status === 'fail' ? 1 : 0);
  });
});
