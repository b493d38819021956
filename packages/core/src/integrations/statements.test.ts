import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createObservability } from '../pipeline/create-observability.js';
import type { Observability } from '../pipeline/observability.js';
import { createIntegration } from './create-integration.js';
import { describeStatement } from './describe-statement.js';
import { keyOf, pointValues } from './metric-snapshot.test-helper.js';
import type { StatementOptions } from './statement-options.js';

// What a driver would send: literals a statement must never carry out of the process.
const secret = 'alice@example.com';
const statement = `SELECT id, plan FROM accounts WHERE email = '${secret}' AND balance > 31337 AND tier IN (1, 2, 3)`;
const normalized = 'SELECT id, plan FROM accounts WHERE email = ? AND balance > ? AND tier IN (?)';
const literals = [secret, '31337'];

let observability: Observability | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  await observability?.shutdown();
  observability = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A pipeline whose JSON log lines go to a file, so the test can read every line it wrote. */
async function pipeline(
  statements?: StatementOptions,
): Promise<{ observability: Observability; lines: () => string }> {
  const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-statements-'));
  const file = join(directory, 'log.jsonl');
  const logFd = openSync(file, 'w');
  cleanups.push(() => {
    closeSync(logFd);
    rmSync(directory, { recursive: true, force: true });
  });
  observability = await createObservability({
    logging: { destination: logFd },
    shutdownHooks: { signals: false, stdinEnd: false, beforeExit: false },
    registerGlobals: false,
    alerts: false,
    ...(statements === undefined ? {} : { statements }),
  });
  return { observability, lines: () => readFileSync(file, 'utf8') };
}

/** A span as the pg instrumentation makes it, through the pipeline's own tracer provider. */
async function driverSpan(
  target: Observability,
  attributes: Record<string, string | string[]>,
): Promise<void> {
  const span = target.tracer.startSpan('pg.query:SELECT shop', {
    attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'shop', ...attributes },
  });
  await sleep(3);
  span.end();
}

/** Everything the pipeline kept: stored spans and log records, as one JSON text. */
function everything(target: Observability): string {
  return JSON.stringify({ spans: target.store?.recentSpans(), logs: target.store?.recentLogs() });
}

describe('statements of instrumented drivers', () => {
  it('by default keeps only the hash: the text and the parameter values are removed before any backend', async () => {
    const { observability, lines } = await pipeline({ slowThresholdMs: 0 });
    await driverSpan(observability, { 'db.query.text': statement, 'db.postgresql.values': [secret] });
    await driverSpan(observability, { 'db.statement': statement });
    await observability.forceFlush();
    const spans = observability.store?.recentSpans() ?? [];
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(span.attributes).not.toHaveProperty('db.query.text');
      expect(span.attributes).not.toHaveProperty('db.statement');
      expect(span.attributes).not.toHaveProperty('db.postgresql.values');
      expect(span.attributes['mcp_o11y.db.query.hash']).toBe(describeStatement(statement).hash);
    }
    const kept = everything(observability) + lines();
    for (const literal of [...literals, normalized]) expect(kept).not.toContain(literal);
  });

  it('with record on, keeps the normalised text, capped at maxLength', async () => {
    const { observability } = await pipeline({ record: true, maxLength: 40 });
    await driverSpan(observability, { 'db.query.text': statement });
    await driverSpan(observability, { 'db.query.text': 'SELECT 1' });
    const [short, long] = observability.store?.recentSpans() ?? [];
    expect(short?.attributes['db.query.text']).toBe('SELECT ?');
    expect(long?.attributes['db.query.text']).toBe(`${normalized.slice(0, 39).trimEnd()}…`);
    expect(everything(observability)).not.toContain(secret);
  });

  it('logs a slow database span as a warning in its own trace, with the hash and never a literal', async () => {
    const { observability, lines } = await pipeline({ record: true, slowThresholdMs: 0 });
    await driverSpan(observability, { 'db.query.text': statement });
    const [span] = observability.store?.recentSpans() ?? [];
    const warnings = (observability.store?.recentLogs() ?? []).filter((log) => log.severityText === 'WARN');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.body).toMatch(
      /^\[@mcp-o11y\/core\] slow database call "pg\.query:SELECT shop": \d+ ms/,
    );
    expect(warnings[0]?.attributes).toMatchObject({
      'mcp_o11y.db.query.hash': describeStatement(statement).hash,
      'db.query.text': normalized,
      'db.system.name': 'postgresql',
      threshold_ms: 0,
    });
    expect(warnings[0]?.traceId).toBe(span?.traceId);
    expect(warnings[0]?.spanId).toBe(span?.spanId);
    const line = JSON.parse(lines().trim().split('\n').at(-1) as string) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'warn',
      trace_id: span?.traceId,
      'mcp_o11y.db.query.hash': expect.any(String),
    });
    for (const literal of literals) expect(lines() + everything(observability)).not.toContain(literal);
  });

  it('does not log spans under the threshold, nor spans without a statement', async () => {
    const { observability } = await pipeline({ slowThresholdMs: 60_000 });
    await driverSpan(observability, { 'db.query.text': statement });
    observability.tracer.startSpan('GET /slow').end();
    expect((observability.store?.recentLogs() ?? []).filter((log) => log.severityText === 'WARN')).toEqual(
      [],
    );
  });

  it('refuses invalid bounds at start', async () => {
    await expect(pipeline({ maxLength: 3 })).rejects.toThrow(/statements\.maxLength/);
    await expect(pipeline({ slowThresholdMs: -1 })).rejects.toThrow(/statements\.slowThresholdMs/);
  });
});

describe('statements of integration calls', () => {
  const call = (target: Observability, record: boolean) => {
    const database = createIntegration({
      name: 'accounts-db',
      kind: 'database',
      dbSystem: 'postgresql',
      slowThresholdMs: 0,
      retry: false,
      observability: target,
    });
    return database
      .execute(async () => sleep(3), { operation: 'find_account', statement })
      .finally(() => database.dispose())
      .then(() => record);
  };

  it('by default records the hash on the span and in the slow-call warning, and no text anywhere', async () => {
    const { observability, lines } = await pipeline();
    await call(observability, false);
    const [span] = observability.store?.recentSpans() ?? [];
    expect(span?.attributes).toMatchObject({
      'mcp_o11y.db.query.hash': describeStatement(statement).hash,
      'db.system.name': 'postgresql',
    });
    expect(span?.attributes).not.toHaveProperty('db.query.text');
    const warnings = (observability.store?.recentLogs() ?? []).filter((log) => log.severityText === 'WARN');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.body).toMatch(
      /^\[@mcp-o11y\/core\] slow call to integration "accounts-db" \(find_account\): \d+ ms, over the 0 ms threshold\.$/,
    );
    expect(warnings[0]?.attributes).toMatchObject({
      'integration.name': 'accounts-db',
      'mcp_o11y.db.query.hash': describeStatement(statement).hash,
    });
    expect(warnings[0]?.attributes).not.toHaveProperty('db.query.text');
    expect(warnings[0]?.spanId).toBe(span?.spanId);
    const kept = everything(observability) + lines();
    for (const literal of [...literals, normalized]) expect(kept).not.toContain(literal);
    expect(await pointValues(observability, 'mcp_o11y.integration.slow_calls')).toEqual({
      [keyOf({
        'integration.name': 'accounts-db',
        'integration.kind': 'database',
        operation: 'find_account',
      })]: 1,
    });
  });

  it('with record on, puts the normalised text on the span and in the warning', async () => {
    const { observability, lines } = await pipeline({ record: true });
    await call(observability, true);
    const [span] = observability.store?.recentSpans() ?? [];
    expect(span?.attributes['db.query.text']).toBe(normalized);
    const warning = (observability.store?.recentLogs() ?? []).find((log) => log.severityText === 'WARN');
    expect(warning?.attributes['db.query.text']).toBe(normalized);
    for (const literal of literals) expect(everything(observability) + lines()).not.toContain(literal);
  });

  it('logs nothing for calls under the threshold', async () => {
    const { observability } = await pipeline();
    const database = createIntegration({ name: 'fast-db', slowThresholdMs: 60_000, observability });
    await database.execute(async () => 'ok', { statement });
    database.dispose();
    expect((observability.store?.recentLogs() ?? []).filter((log) => log.severityText === 'WARN')).toEqual(
      [],
    );
    expect(await pointValues(observability, 'mcp_o11y.integration.slow_calls')).toEqual({});
    expect(() => createIntegration({ name: 'bad', slowThresholdMs: -5 })).toThrow(/slowThresholdMs/);
  });
});
