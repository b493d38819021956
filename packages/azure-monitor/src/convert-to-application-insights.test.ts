import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  carryAttributes,
  convertEnvelopes,
  convertTrackBody,
  isSampledIn,
  samplingScore,
} from './convert-to-application-insights.js';

const request = (properties: Record<string, unknown>) => ({
  name: 'Microsoft.ApplicationInsights.Request',
  data: { baseType: 'RequestData', baseData: { name: 'tools/call boom', responseCode: '0', properties } },
});

describe('convertEnvelopes', () => {
  it('gives MCP requests the JSON-RPC code, else error.type, else 0, and restores carried attributes', () => {
    const carried = carryAttributes({ 'mcp.method.name': 'tools/call', 'error.type': 'tool_error' }) ?? {};
    const [toolError, rpcError, ok] = convertEnvelopes([
      request(Object.fromEntries(Object.entries(carried).filter(([key]) => key !== 'error.type'))),
      request({ 'mcp.method.name': 'tools/call', 'rpc.response.status_code': '-32602' }),
      request({ 'mcp.method.name': 'tools/list' }),
    ]);
    expect(toolError?.data?.baseData).toMatchObject({
      responseCode: 'tool_error',
      properties: { 'error.type': 'tool_error' },
    });
    expect(Object.keys(toolError?.data?.baseData?.properties as object)).not.toContain(
      'mcp_o11y.carried.error.type',
    );
    expect(rpcError?.data?.baseData?.responseCode).toBe('-32602');
    expect(ok?.data?.baseData?.responseCode).toBe('0');
  });

  it('turns MCP client dependencies into type MCP with target and data; leaves other envelopes alone', () => {
    const other = {
      name: 'Microsoft.ApplicationInsights.RemoteDependency',
      data: { baseType: 'RemoteDependencyData', baseData: { name: 'GET /x', type: 'Http', properties: {} } },
    };
    const [mcp, untouched] = convertEnvelopes([
      {
        name: 'Microsoft.ApplicationInsights.RemoteDependency',
        data: {
          baseType: 'RemoteDependencyData',
          baseData: {
            name: 'tools/call get_weather',
            type: 'Dependency',
            properties: {
              'mcp.method.name': 'tools/call',
              'mcp_o11y.carried.server.address': 'mcp.internal',
              'mcp_o11y.carried.server.port': 8443,
            },
          },
        },
      },
      other,
    ]);
    expect(mcp?.data?.baseData).toMatchObject({
      type: 'MCP',
      target: 'mcp.internal:8443',
      data: 'tools/call get_weather',
      resultCode: '0',
    });
    expect(untouched).toBe(other);
  });

  it('rewrites JSON array and newline-delimited bodies, idempotently, and passes anything else through', () => {
    const body = JSON.stringify([
      request({ 'mcp.method.name': 'tools/call', 'rpc.response.status_code': '-32601' }),
    ]);
    const once = convertTrackBody(body);
    expect(JSON.parse(once)[0].data.baseData.responseCode).toBe('-32601');
    expect(convertTrackBody(once)).toBe(once);
    const ndjson = `${JSON.stringify(request({ 'mcp.method.name': 'ping', 'error.type': 'timeout' }))}\n`;
    expect(JSON.parse(convertTrackBody(ndjson)).data.baseData.responseCode).toBe('timeout');
    expect(convertTrackBody('not json')).toBe('not json');
  });
});

describe('sampling', () => {
  it('uses the Application Insights hash: deterministic, in [0, 100], keeping about the ratio', () => {
    expect(samplingScore('4bf92f3577b34da6a3ce929d0e0e4736')).toBe(
      samplingScore('4bf92f3577b34da6a3ce929d0e0e4736'),
    );
    let kept = 0;
    for (let index = 0; index < 2000; index++) {
      const traceId = createHash('md5').update(String(index)).digest('hex');
      const score = samplingScore(traceId);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
      if (isSampledIn(traceId, 25)) kept++;
    }
    expect(kept / 2000).toBeGreaterThan(0.15);
    expect(kept / 2000).toBeLessThan(0.35);
    expect(isSampledIn('anything', 100)).toBe(true);
    expect(isSampledIn('anything', 0)).toBe(false);
  });
});
