import { describe, expect, it } from 'vitest';
import {
  prometheusLabelName,
  prometheusLabelValue,
  prometheusMetricName,
  prometheusUnitSuffix,
} from './convert-to-prometheus-name.js';

describe('prometheusMetricName', () => {
  it.each([
    ['mcp.server.operation.duration', 's', 'histogram', 'mcp_server_operation_duration_seconds'],
    ['mcp.client.operation.duration', 's', 'histogram', 'mcp_client_operation_duration_seconds'],
    ['mcp_o11y.errors', '{error}', 'counter', 'mcp_o11y_errors_total'],
    ['mcp_o11y.requests.active', '{request}', 'gauge', 'mcp_o11y_requests_active'],
    ['mcp_o11y.circuit_breaker.state', '{state}', 'gauge', 'mcp_o11y_circuit_breaker_state'],
    ['process.cpu.time', 's', 'counter', 'process_cpu_time_seconds_total'],
    ['process.cpu.utilization', '1', 'gauge', 'process_cpu_utilization_ratio'],
    ['process.memory.usage', 'By', 'gauge', 'process_memory_usage_bytes'],
    ['http.server.request.size', 'By', 'histogram', 'http_server_request_size_bytes'],
    ['network.io', 'By/s', 'gauge', 'network_io_bytes_per_second'],
    ['jobs.done', '1', 'counter', 'jobs_done_total'],
    ['requests_total', '{request}', 'counter', 'requests_total'],
    ['latency.seconds', 's', 'histogram', 'latency_seconds'],
    ['2xx.count', '', 'counter', '_2xx_count_total'],
    ['weird--name..x', 'ms', 'gauge', 'weird_name_x_milliseconds'],
    ['temp', 'Cel', 'gauge', 'temp_celsius'],
    ['odd', 'furlong', 'gauge', 'odd_furlong'],
  ] as const)('%s (%s, %s) → %s', (name, unit, type, expected) => {
    expect(prometheusMetricName(name, unit, type)).toBe(expected);
  });

  it('drops UCUM annotations and keeps per-units', () => {
    expect(prometheusUnitSuffix('{packet}/s', 'gauge')).toBe('per_second');
    expect(prometheusUnitSuffix('MiBy', 'gauge')).toBe('mebibytes');
    expect(prometheusUnitSuffix('', 'histogram')).toBe('');
  });
});

describe('labels', () => {
  it('sanitizes attribute keys', () => {
    expect(prometheusLabelName('gen_ai.tool.name')).toBe('gen_ai_tool_name');
    expect(prometheusLabelName('9lives')).toBe('key_9lives');
    expect(prometheusLabelName('__reserved')).toBe('key__reserved');
    expect(prometheusLabelName('error.type')).toBe('error_type');
  });

  it('renders attribute values as text', () => {
    expect(prometheusLabelValue('a"b')).toBe('a"b');
    expect(prometheusLabelValue(42)).toBe('42');
    expect(prometheusLabelValue(true)).toBe('true');
    expect(prometheusLabelValue(['a', 'b'])).toBe('["a","b"]');
  });
});
