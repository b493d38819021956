import { ROOT_CONTEXT, SeverityNumber, trace } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryLogRecordProcessor } from './in-memory-log-record-processor.js';

const shutdowns: (() => Promise<void>)[] = [];

function makeLogger(processor: InMemoryLogRecordProcessor) {
  const provider = new LoggerProvider({ processors: [processor] });
  shutdowns.push(() => provider.shutdown());
  return provider.getLogger('store-test');
}

afterEach(async () => {
  await Promise.all(shutdowns.splice(0).map((shutdown) => shutdown()));
});

describe('InMemoryLogRecordProcessor', () => {
  it('stores emitted records as plain data with their span context', () => {
    const processor = new InMemoryLogRecordProcessor(10);
    const tracerProvider = new TracerProvider();
    shutdowns.push(() => tracerProvider.shutdown());
    const span = tracerProvider.getTracer('store-test').startSpan('request');
    const logger = makeLogger(processor);

    logger.emit({
      timestamp: 1_700_000_000_123,
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: 'slow tool call',
      attributes: { 'mcp.tool.name': 'search', attempt: 2 },
      context: trace.setSpan(ROOT_CONTEXT, span),
    });
    logger.emit({ body: { event: 'started', ports: [80, 443] } });

    const [structured, warning] = processor.recent();
    expect(warning).toEqual({
      timeMs: 1_700_000_000_123,
      severityText: 'WARN',
      severityNumber: SeverityNumber.WARN,
      body: 'slow tool call',
      attributes: { 'mcp.tool.name': 'search', attempt: 2 },
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
    });
    expect(structured).toMatchObject({
      severityText: '',
      severityNumber: 0,
      body: '{"event":"started","ports":[80,443]}',
      attributes: {},
    });
    expect(structured).not.toHaveProperty('traceId');
  });

  it('keeps the newest maxLogs records, newest first, and counts evictions', () => {
    const processor = new InMemoryLogRecordProcessor(3);
    const logger = makeLogger(processor);
    for (let index = 0; index < 1000; index += 1) logger.emit({ body: `line ${index}` });

    expect(processor.stored).toBe(3);
    expect(processor.evicted).toBe(997);
    expect(processor.recent().map((record) => record.body)).toEqual(['line 999', 'line 998', 'line 997']);
  });

  it('ignores records after shutdown and shuts down twice without complaint', async () => {
    const processor = new InMemoryLogRecordProcessor(3);
    const logger = makeLogger(processor);
    logger.emit({ body: 'before' });
    await processor.shutdown();
    await processor.shutdown();
    logger.emit({ body: 'after' });
    expect(processor.recent().map((record) => record.body)).toEqual(['before']);
  });
});
