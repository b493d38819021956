import { Counter, Histogram, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ExemplarSpanProcessor, OPENMETRICS_CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE } from '../src/index.js';
import { readerWithProvider } from './reader-harness.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

function setUp(...parameters: Parameters<typeof readerWithProvider>) {
  const parts = readerWithProvider(...parameters);
  cleanup = () => parts.provider.shutdown();
  return parts;
}

function recordSample(meter: ReturnType<typeof setUp>['meter']): void {
  const duration = meter.createHistogram('mcp.server.operation.duration', {
    unit: 's',
    description: 'Duration of MCP requests as observed by the server.',
    advice: { explicitBucketBoundaries: [0.01, 0.1, 1] },
  });
  duration.record(0.005, { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' });
  duration.record(0.05, { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' });
  duration.record(2, {
    'mcp.method.name': 'tools/call',
    'gen_ai.tool.name': 'echo',
    'error.type': 'tool_error',
  });
  meter
    .createCounter('mcp_o11y.errors', { unit: '{error}', description: 'Errors by type.' })
    .add(3, { 'error.category': 'validation' });
  meter.createUpDownCounter('mcp_o11y.requests.active', { unit: '{request}' }).add(2);
  meter.createGauge('process.cpu.utilization', { unit: '1', description: 'CPU share.' }).record(0.25);
}

describe('PrometheusMetricReader', () => {
  it('renders the standard OpenTelemetry → Prometheus translation in the text format', async () => {
    const { reader, meter } = setUp();
    recordSample(meter);
    const scrape = await reader.render();
    expect(scrape.contentType).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(scrape.body).toMatchInlineSnapshot(`
      "# HELP mcp_server_operation_duration_seconds Duration of MCP requests as observed by the server.
      # TYPE mcp_server_operation_duration_seconds histogram
      mcp_server_operation_duration_seconds_bucket{le="0.01",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 1
      mcp_server_operation_duration_seconds_bucket{le="0.1",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2
      mcp_server_operation_duration_seconds_bucket{le="1",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2
      mcp_server_operation_duration_seconds_bucket{le="+Inf",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2
      mcp_server_operation_duration_seconds_sum{mcp_method_name="tools/call",gen_ai_tool_name="echo"} 0.055
      mcp_server_operation_duration_seconds_count{mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2
      mcp_server_operation_duration_seconds_bucket{le="0.01",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 0
      mcp_server_operation_duration_seconds_bucket{le="0.1",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 0
      mcp_server_operation_duration_seconds_bucket{le="1",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 0
      mcp_server_operation_duration_seconds_bucket{le="+Inf",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 1
      mcp_server_operation_duration_seconds_sum{mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 2
      mcp_server_operation_duration_seconds_count{mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 1

      # HELP mcp_o11y_errors_total Errors by type.
      # TYPE mcp_o11y_errors_total counter
      mcp_o11y_errors_total{error_category="validation"} 3

      # HELP mcp_o11y_requests_active mcp_o11y.requests.active
      # TYPE mcp_o11y_requests_active gauge
      mcp_o11y_requests_active 2

      # HELP process_cpu_utilization_ratio CPU share.
      # TYPE process_cpu_utilization_ratio gauge
      process_cpu_utilization_ratio 0.25
      "
    `);
  });

  it('renders OpenMetrics with trace-id exemplars on the histogram buckets', async () => {
    const exemplars = new ExemplarSpanProcessor(8);
    const { reader, meter } = setUp({ exemplars });
    recordSample(meter);
    const span = {
      kind: 1,
      attributes: { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo' },
      spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }),
      duration: [0, 50_000_000],
      endTime: [1_700_000_000, 123_000_000],
    };
    exemplars.onEnd(span as never);
    // An error span must not land on a success point, an unsampled one nowhere.
    exemplars.onEnd({
      ...span,
      attributes: { ...span.attributes, 'error.type': 'tool_error' },
      duration: [2, 0],
      spanContext: () => ({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceFlags: 1 }),
    } as never);
    exemplars.onEnd({
      ...span,
      spanContext: () => ({ traceId: 'e'.repeat(32), spanId: 'f'.repeat(16), traceFlags: 0 }),
    } as never);
    const scrape = await reader.render(true);
    expect(scrape.contentType).toBe(OPENMETRICS_CONTENT_TYPE);
    expect(scrape.body).toMatchInlineSnapshot(`
      "# HELP mcp_server_operation_duration_seconds Duration of MCP requests as observed by the server.
      # TYPE mcp_server_operation_duration_seconds histogram
      mcp_server_operation_duration_seconds_bucket{le="0.01",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 1
      mcp_server_operation_duration_seconds_bucket{le="0.1",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2 # {trace_id="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",span_id="bbbbbbbbbbbbbbbb"} 0.05 1700000000.123
      mcp_server_operation_duration_seconds_bucket{le="1",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2
      mcp_server_operation_duration_seconds_bucket{le="+Inf",mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2
      mcp_server_operation_duration_seconds_sum{mcp_method_name="tools/call",gen_ai_tool_name="echo"} 0.055
      mcp_server_operation_duration_seconds_count{mcp_method_name="tools/call",gen_ai_tool_name="echo"} 2
      mcp_server_operation_duration_seconds_bucket{le="0.01",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 0
      mcp_server_operation_duration_seconds_bucket{le="0.1",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 0
      mcp_server_operation_duration_seconds_bucket{le="1",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 0
      mcp_server_operation_duration_seconds_bucket{le="+Inf",mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 1 # {trace_id="cccccccccccccccccccccccccccccccc",span_id="dddddddddddddddd"} 2 1700000000.123
      mcp_server_operation_duration_seconds_sum{mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 2
      mcp_server_operation_duration_seconds_count{mcp_method_name="tools/call",gen_ai_tool_name="echo",error_type="tool_error"} 1
      # HELP mcp_o11y_errors Errors by type.
      # TYPE mcp_o11y_errors counter
      mcp_o11y_errors_total{error_category="validation"} 3
      # HELP mcp_o11y_requests_active mcp_o11y.requests.active
      # TYPE mcp_o11y_requests_active gauge
      mcp_o11y_requests_active 2
      # HELP process_cpu_utilization_ratio CPU share.
      # TYPE process_cpu_utilization_ratio gauge
      process_cpu_utilization_ratio 0.25
      # EOF
      "
    `);
    // Text format never carries exemplars.
    expect((await reader.render(false)).body).not.toContain('trace_id');
  });

  it("serves the user's own prom-client metrics on the same page, in both formats", async () => {
    const registry = new Registry();
    const jobs = new Counter({ name: 'app_jobs_total', help: 'Jobs done.', registers: [registry] });
    jobs.inc(5);
    new Histogram({
      name: 'app_job_seconds',
      help: 'Job time.',
      buckets: [1],
      registers: [registry],
    }).observe(0.5);
    const { reader, meter } = setUp({ registry });
    meter.createCounter('mcp_o11y.notifications', { unit: '{notification}' }).add(1);
    const text = (await reader.render(false)).body;
    expect(text).toContain('# TYPE app_jobs_total counter\napp_jobs_total 5');
    expect(text).toContain('app_job_seconds_bucket{le="1"} 1');
    expect(text).toContain('mcp_o11y_notifications_total 1');
    const openMetrics = (await reader.render(true)).body;
    expect(openMetrics).toContain('# TYPE app_jobs counter\napp_jobs_total 5');
    expect(openMetrics).toContain('# TYPE mcp_o11y_notifications counter\nmcp_o11y_notifications_total 1');
    expect(openMetrics.endsWith('# EOF\n')).toBe(true);
    // An OpenMetrics render must not rename the user's counter for later text renders.
    expect((await reader.render(false)).body).toContain('# TYPE app_jobs_total counter\napp_jobs_total 5');
    expect(registry.getSingleMetric('app_jobs_total')).toBe(jobs);
  });

  it('skips a prom-client metric that collides with an OpenTelemetry one and keeps the first type', async () => {
    const registry = new Registry();
    new Counter({ name: 'jobs_total', help: 'mine', registers: [registry] }).inc();
    const { reader, meter } = setUp({ registry });
    meter.createCounter('jobs').add(7);
    const body = (await reader.render()).body;
    expect(body.match(/^# TYPE jobs_total/gm)).toHaveLength(1);
    expect(body).toContain('jobs_total 7');
  });

  it('renders target_info from the resource', async () => {
    const { reader, meter } = setUp({ targetInfo: true });
    meter.createCounter('x').add(1);
    const body = (await reader.render()).body;
    expect(body).toMatch(
      /^# TYPE target_info gauge\ntarget_info\{service_name="[^"]+",.*telemetry_sdk_language="nodejs".*\} 1$/m,
    );
  });

  it('refuses to render before it is registered on a meter provider', async () => {
    const { PrometheusMetricReader } = await import('../src/index.js');
    await expect(new PrometheusMetricReader().render()).rejects.toThrow(/not bound/);
  });
});
