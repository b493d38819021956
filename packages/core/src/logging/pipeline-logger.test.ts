import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { runWithCorrelationId } from '../correlation/correlation-id.js';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import type { LoggingOptions } from '../pipeline/observability-options.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import { logRequest } from './log-request.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A pipeline whose JSON lines go to a temp file and whose OpenTelemetry records go to an exporter. */
async function pipeline(logging: LoggingOptions = {}, env: Record<string, string> = {}) {
  const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-logger-'));
  const fd = openSync(join(directory, 'log.jsonl'), 'w+');
  cleanups.push(() => {
    closeSync(fd);
    rmSync(directory, { recursive: true, force: true });
  });
  const exporter = new InMemoryLogRecordExporter();
  const sink: AdapterV1 = {
    specificationVersion: 'v1',
    id: 'sink',
    kinds: ['logs'],
    create: () => ({ specificationVersion: 'v1', id: 'sink', logs: { exporters: [exporter] } }),
  };
  const observability: Observability = await createObservability({
    service: { name: 'weather-server' },
    logging: { level: 'debug', destination: fd, ...logging },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    adapters: [sink],
    env,
  });
  cleanups.push(() => observability.shutdown());
  const lines = (): Record<string, unknown>[] =>
    readFileSync(join(directory, 'log.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const records = async () => {
    await observability.forceFlush();
    return exporter.getFinishedLogRecords();
  };
  const raw = () => readFileSync(join(directory, 'log.jsonl'), 'utf8');
  return { observability, logger: observability.logger, lines, records, raw };
}

describe('the handle logger', () => {
  it('writes one JSON line per record with timestamp, level, message and service', async () => {
    const { logger, lines, records } = await pipeline();
    logger.info('server started', { port: 3000 });
    const [line] = lines();
    expect(line).toMatchObject({
      level: 'info',
      message: 'server started',
      service: 'weather-server',
      port: 3000,
    });
    expect(new Date(String(line?.timestamp)).toISOString()).toBe(line?.timestamp);
    expect(line).not.toHaveProperty('trace_id');
    expect(line).not.toHaveProperty('correlation_id');
    const [record] = await records();
    expect(record?.body).toBe('server started');
    expect(record?.severityText).toBe('INFO');
    expect(record?.attributes).toEqual({ port: 3000 });
  });

  it('adds the active span and the correlation id, to the line and to the record', async () => {
    const { observability, logger, lines, records } = await pipeline();
    const ids = await runWithCorrelationId('req-42', () =>
      observability.tracer.startActiveSpan('tools/call echo', async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger.info('inside');
        span.end();
        return span.spanContext();
      }),
    );
    const [line] = lines();
    expect(ids.traceId).not.toBe('0'.repeat(32));
    expect(line).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId, correlation_id: 'req-42' });
    const [record] = await records();
    expect(record?.spanContext?.traceId).toBe(ids.traceId);
    expect(record?.attributes['mcp_o11y.correlation_id']).toBe('req-42');
  });

  it('carries child bindings (MCP context) on every record of the child, nested children included', async () => {
    const { logger, lines, records } = await pipeline();
    const request = logger
      .child({ method: 'tools/call', tool: 'get_weather' })
      .child({ client: 'claude-desktop' });
    request.warn('slow upstream', { ms: 900 });
    logger.info('root stays plain');
    const [child, root] = lines();
    expect(child).toMatchObject({
      method: 'tools/call',
      tool: 'get_weather',
      client: 'claude-desktop',
      ms: 900,
      level: 'warn',
    });
    expect(root).not.toHaveProperty('method');
    const [record] = await records();
    expect(record?.attributes).toEqual({
      method: 'tools/call',
      tool: 'get_weather',
      client: 'claude-desktop',
      ms: 900,
    });
  });

  it('writes exception details from err: type, message and stack', async () => {
    const { logger, lines, records } = await pipeline();
    const error = new TypeError('upstream refused: api_key=abc123');
    logger.error('call failed', { err: error, attempt: 2 });
    const [line] = lines();
    expect(line).toMatchObject({
      attempt: 2,
      err: { type: 'TypeError', message: 'upstream refused: api_key=[REDACTED]' },
    });
    expect(String((line?.err as { stack?: string } | undefined)?.stack)).toContain(
      'TypeError: upstream refused: api_key=[REDACTED]',
    );
    const [record] = await records();
    expect(record?.attributes).toMatchObject({
      attempt: 2,
      'exception.type': 'TypeError',
      'exception.message': 'upstream refused: api_key=[REDACTED]',
    });
    expect(String(record?.attributes['exception.stacktrace'])).toContain('at ');
  });

  it('never writes a secret, neither to the stream nor to the backends', async () => {
    const { logger, raw, records } = await pipeline();
    logger.info('login with token=s3cr3t-value', { password: 'hunter2', header: 'Bearer abc.def.ghi' });
    logger.child({ authorization: 'Basic dXNlcjpodW50ZXIy' }).info('child');
    logger.error('failed', { err: 'password=hunter2' });
    const text = raw();
    const exported = JSON.stringify((await records()).map((record) => [record.body, record.attributes]));
    for (const secret of ['hunter2', 'abc.def.ghi', 's3cr3t-value', 'dXNlcjpodW50ZXIy']) {
      expect(text).not.toContain(secret);
      expect(exported).not.toContain(secret);
    }
    expect(text).toContain('"password":"[REDACTED]"');
    expect(text).toContain('"header":"Bearer [REDACTED]"');
    expect(exported).toContain('login with token=[REDACTED]');
  });

  it('does nothing for a disabled level, not even reading the fields', async () => {
    const { logger, lines, records } = await pipeline({ level: 'warn' });
    let reads = 0;
    const fields = {
      get costly() {
        reads += 1;
        return 'x';
      },
    };
    logger.info('skipped', fields);
    logger.debug('skipped too', fields);
    expect(reads).toBe(0);
    expect(logger.isLevelEnabled('info')).toBe(false);
    logger.warn('written', fields);
    expect(reads).toBe(1);
    expect(lines().map((line) => line.message)).toEqual(['written']);
    expect((await records()).map((record) => record.body)).toEqual(['written']);
  });
});

describe('logRequest', () => {
  it('writes nothing unless logging.requests is on', async () => {
    const { logger, lines } = await pipeline();
    logRequest(logger, { method: 'tools/call', target: 'echo', durationMs: 1.5 });
    expect(lines()).toEqual([]);
  });

  it('writes the per-request line when on, at warn for failures, with child bindings', async () => {
    const { logger, lines, records } = await pipeline({ requests: true });
    const child = logger.child({ client: 'inspector' });
    logRequest(child, { method: 'tools/call', target: 'echo', durationMs: 1.5, requestId: 7 });
    logRequest(child, { method: 'tools/list', durationMs: 0.2, errorType: '-32601' });
    expect(lines()).toMatchObject([
      {
        level: 'info',
        message: 'tools/call echo',
        method: 'tools/call',
        target: 'echo',
        duration_ms: 1.5,
        outcome: 'ok',
        request_id: 7,
        client: 'inspector',
      },
      { level: 'warn', message: 'tools/list', outcome: 'error', error_type: '-32601' },
    ]);
    expect((await records()).map((record) => record.attributes.outcome)).toEqual(['ok', 'error']);
  });

  it('can be switched on by MCP_O11Y_LOG_REQUESTS=true', async () => {
    const { logger, lines } = await pipeline({}, { MCP_O11Y_LOG_REQUESTS: 'true' });
    logRequest(logger, { method: 'ping', durationMs: 0.1 });
    expect(lines().map((line) => line.message)).toEqual(['ping']);
  });
});
