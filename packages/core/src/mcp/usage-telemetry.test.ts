import type { Attributes } from '@opentelemetry/api';
import { type DataPoint, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import { InMemoryBackend } from '../store/in-memory-backend.js';
import { type UsageSlot, UsageTelemetry } from './usage-telemetry.js';

class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

function logger(warnings: string[]): LoggerV1 {
  const self: LoggerV1 = {
    debug: () => {},
    info: () => {},
    warn: (message) => void warnings.push(message),
    error: () => {},
    fatal: () => {},
    child: () => self,
    isLevelEnabled: () => true,
  };
  return self;
}

async function usagePoints(reader: TestReader): Promise<{ attributes: Attributes; value: number }[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === 'mcp_o11y.usage.requests')
    .flatMap((metric) => metric.dataPoints as DataPoint<number>[])
    .map((point) => ({ attributes: point.attributes, value: point.value }));
}

const slot = (): UsageSlot => ({ usagePrincipal: undefined, usageClient: undefined, usageEntry: undefined });

function setup() {
  const reader = new TestReader();
  // The SDK's own cap would fold points past 2000 too; raise it so the test sees this module's cap.
  reader.selectCardinalityLimit = () => 10_000;
  const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
  return { reader, meter };
}

describe('UsageTelemetry', () => {
  it('counts by principal, client and method; instrumentations on one meter share a cell per attribute set', async () => {
    const { reader, meter } = setup();
    const warnings: string[] = [];
    const store = new InMemoryBackend();
    const first = new UsageTelemetry(meter, store, logger(warnings), 100);
    const second = new UsageTelemetry(meter, store, logger(warnings), 100);
    first.entryFor(slot(), 'acme', 'claude').record('tools/call', 0.01, false);
    second.entryFor(slot(), 'acme', 'claude').record('tools/call', 0.02, true);
    second.entryFor(slot(), undefined, undefined).record('ping', 0.001, false);
    expect(await usagePoints(reader)).toEqual([
      {
        attributes: {
          'mcp_o11y.principal': 'acme',
          'mcp.client.name': 'claude',
          'mcp.method.name': 'tools/call',
        },
        value: 2,
      },
      { attributes: { 'mcp.method.name': 'ping' }, value: 1 },
    ]);
    const [principal] = store.listSeries('mcp_o11y.usage.principal');
    expect(principal?.window(60)).toMatchObject({ count: 2, errors: 1 });
    expect(store.listSeries('mcp_o11y.usage.client')[0]?.labels).toEqual({ 'mcp.client.name': 'claude' });
  });

  it('reuses the connection slot while principal and client stay the same', () => {
    const { meter } = setup();
    const usage = new UsageTelemetry(meter, undefined, logger([]), 100);
    const connection = slot();
    const entry = usage.entryFor(connection, 'a', 'c');
    expect(usage.entryFor(connection, 'a', 'c')).toBe(entry);
    const other = usage.entryFor(connection, 'b', 'c');
    expect(other).not.toBe(entry);
    // A second connection with the same labels shares the entry.
    expect(usage.entryFor(slot(), 'b', 'c')).toBe(other);
  });

  it('caps counter cells per meter at 2000, then counts into one _OTHER cell; nothing is lost', async () => {
    const { reader, meter } = setup();
    const usage = new UsageTelemetry(meter, undefined, logger([]), 10_000);
    for (let index = 0; index < 2100; index += 1) {
      usage.entryFor(slot(), `user-${index}`, 'client').record('tools/call', 0.01, false);
    }
    const points = await usagePoints(reader);
    expect(points).toHaveLength(2001);
    const other = points.filter((point) => point.attributes['mcp_o11y.principal'] === '_OTHER');
    expect(other).toEqual([
      {
        attributes: {
          'mcp_o11y.principal': '_OTHER',
          'mcp.client.name': '_OTHER',
          'mcp.method.name': '_OTHER',
        },
        value: 100,
      },
    ]);
    expect(points.reduce((sum, point) => sum + point.value, 0)).toBe(2100);
  });

  it('folds client names past the cap into _OTHER and warns once per kind of label', async () => {
    const { reader, meter } = setup();
    const warnings: string[] = [];
    const usage = new UsageTelemetry(meter, undefined, logger(warnings), 2);
    for (const client of ['a', 'b', 'c', 'd'])
      usage.entryFor(slot(), undefined, client).record('x', 0, false);
    for (const principal of ['p', 'q', 'r']) usage.entryFor(slot(), principal, 'a').record('x', 0, false);
    const clients = (await usagePoints(reader))
      .filter((point) => point.attributes['mcp_o11y.principal'] === undefined)
      .map((point) => [point.attributes['mcp.client.name'], point.value]);
    expect(clients).toEqual([
      ['a', 1],
      ['b', 1],
      ['_OTHER', 2],
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('more than 2 distinct client names');
    expect(warnings[1]).toContain('more than 2 distinct principals');
  });
});
