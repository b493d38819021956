import type { Observability } from '@mcp-o11y/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpOverHttp } from './mcp-fixture.js';
import { observeWithPrometheus } from './observe.js';
import { freePort, type RealServer, startRealServer, waitFor } from './real-servers.js';

// A real Prometheus (Debian's package) scrapes an instrumented MCP server under traffic, with a bearer
// token and OpenMetrics negotiation (exemplar storage on), and we read back through its HTTP API.
const token = 'scrape-T0KEN';
const echoCalls = 7;
const flakyCalls = 3;
let prometheus: RealServer | undefined;
let observability: Observability | undefined;
let mcp: Awaited<ReturnType<typeof startMcpOverHttp>> | undefined;

interface VectorSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

async function query(expression: string): Promise<VectorSample[]> {
  const response = await fetch(`${prometheus?.url}/api/v1/query?query=${encodeURIComponent(expression)}`);
  const body = (await response.json()) as {
    status: string;
    data: { result: VectorSample[] };
    error?: string;
  };
  if (body.status !== 'success') throw new Error(`query ${expression} failed: ${body.error}`);
  return body.data.result;
}

/** Polls until `expression` returns exactly `expected` as its single value. */
async function expectValue(expression: string, expected: number): Promise<void> {
  await waitFor(`${expression} == ${expected}`, async () => {
    const [sample] = await query(expression);
    return sample !== undefined && Number(sample.value[1]) === expected ? true : undefined;
  });
}

beforeAll(async () => {
  const metricsPort = await freePort();
  const started = await observeWithPrometheus({ port: metricsPort, auth: { bearer: token } });
  observability = started.observability;
  mcp = await startMcpOverHttp(observability);
  prometheus = await startRealServer({
    binary: '/usr/bin/prometheus',
    files: () => ({
      'prometheus.yml': [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        '  - job_name: weather-mcp',
        '    scrape_interval: 1s',
        `    authorization: { credentials: ${token} }`,
        `    static_configs: [{ targets: ['127.0.0.1:${metricsPort}'] }]`,
        '',
      ].join('\n'),
    }),
    args: (port, directory) => [
      `--config.file=${directory}/prometheus.yml`,
      `--storage.tsdb.path=${directory}/tsdb`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await mcp?.close();
  await observability?.shutdown();
});

describe('a real Prometheus scraping an instrumented MCP server', () => {
  it('stores the translated series with the values the traffic produced', async () => {
    const client = mcp?.client;
    if (client === undefined) throw new Error('no MCP client');
    for (let call = 0; call < echoCalls; call += 1) {
      await client.callTool({ name: 'echo', arguments: { text: `hello ${call}` } });
    }
    for (let call = 0; call < flakyCalls; call += 1) await client.callTool({ name: 'flaky', arguments: {} });

    const job = 'job="weather-mcp"';
    try {
      await expectValue(`up{${job}}`, 1);
      await expectValue(
        `sum(mcp_server_operation_duration_seconds_count{${job},gen_ai_tool_name="echo"})`,
        echoCalls,
      );
      await expectValue(
        `sum(mcp_server_operation_duration_seconds_count{${job},gen_ai_tool_name="flaky",error_type="tool_error"})`,
        flakyCalls,
      );
      await expectValue(
        `sum(mcp_client_operation_duration_seconds_count{${job},mcp_method_name="tools/call"})`,
        echoCalls + flakyCalls,
      );
      // Buckets are cumulative: the +Inf bucket equals the count.
      await expectValue(
        `sum(mcp_server_operation_duration_seconds_bucket{${job},gen_ai_tool_name="echo",le="+Inf"})`,
        echoCalls,
      );
      await expectValue(`count(target_info{${job},service_name="weather-mcp"})`, 1);
      await expectValue(
        `sum(mcp_o11y_errors_total{${job},mcp_o11y_error_category="tool_error",mcp_method_name="tools/call"})`,
        flakyCalls,
      );
      // HELP text reached Prometheus's metadata API.
      const metadata = (await (
        await fetch(`${prometheus?.url}/api/v1/metadata?metric=mcp_server_operation_duration_seconds`)
      ).json()) as { data: Record<string, { type: string; help: string }[]> };
      expect(metadata.data.mcp_server_operation_duration_seconds?.[0]?.type).toBe('histogram');

      // OpenMetrics was negotiated: Prometheus stored trace-id exemplars on the buckets.
      const exemplars = await waitFor('exemplars', async () => {
        const end = Date.now() / 1000;
        const response = await fetch(
          `${prometheus?.url}/api/v1/query_exemplars?query=${encodeURIComponent(
            'mcp_server_operation_duration_seconds_bucket',
          )}&start=${end - 600}&end=${end + 60}`,
        );
        const body = (await response.json()) as {
          data: { exemplars: { labels: Record<string, string> }[] }[];
        };
        const found = body.data.flatMap((series) => series.exemplars);
        return found.length > 0 ? found : undefined;
      });
      expect(exemplars[0]?.labels.trace_id).toMatch(/^[0-9a-f]{32}$/);
    } catch (error) {
      throw new Error(`${String(error)}\nprometheus log:\n${prometheus?.log()}`, { cause: error });
    }
  }, 60_000);
});
