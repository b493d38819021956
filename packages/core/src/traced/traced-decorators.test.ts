import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import ts from 'typescript';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runWithCorrelationId } from '../correlation/correlation-id.js';
import type { Observability } from '../pipeline/observability.js';
import type { defineDecoratedClasses, WeatherServiceClass } from './decorated-classes.test-helper.js';
import { measured, traced } from './traced.js';
import { durationPoints, gate, tracedTestPipeline } from './traced-test-pipeline.test-helper.js';

/**
 * The fixture compiled by the TypeScript compiler as a project without `experimentalDecorators` would
 * compile it: standard (TC39 stage 3) decorators, lowered for ES2022 since Node does not run them natively.
 */
function compileFixture(): string {
  const source = readFileSync(new URL('./decorated-classes.test-helper.ts', import.meta.url), 'utf8');
  return ts.transpileModule(source, {
    fileName: 'decorated-classes.ts',
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      experimentalDecorators: false,
      verbatimModuleSyntax: true,
    },
  }).outputText;
}

let compiled: string;
let WeatherService: WeatherServiceClass;
let LocalWeather: WeatherServiceClass;
let observability: Observability;
let exporter: InMemorySpanExporter;

beforeAll(async () => {
  compiled = compileFixture();
  const file = join(mkdtempSync(join(tmpdir(), 'mcp-o11y-decorators-')), 'decorated-classes.mjs');
  writeFileSync(file, compiled);
  const module = (await import(pathToFileURL(file).href)) as {
    defineDecoratedClasses: typeof defineDecoratedClasses;
  };
  ({ WeatherService, LocalWeather } = module.defineDecoratedClasses({ traced, measured }));
});
beforeEach(async () => {
  ({ observability, exporter } = await tracedTestPipeline());
});
afterEach(async () => {
  await observability.shutdown();
});

/** Runs `fn` under an active parent span; returns what it returned and the parent's span id. */
function underParent<T>(fn: () => T): { result: T; parentSpanId: string } {
  return observability.tracer.startActiveSpan('tools/call forecast', (parent) => {
    const result = fn();
    parent.end();
    return { result, parentSpanId: parent.spanContext().spanId };
  });
}

function spanNamed(name: string) {
  return exporter.getFinishedSpans().find((span) => span.name === name);
}

async function pointsByAttributes(): Promise<Record<string, number>> {
  const points = await durationPoints(observability);
  return Object.fromEntries(points.map((point) => [JSON.stringify(point.attributes), point.count]));
}

describe('decorators compiled by TypeScript (standard decorators)', () => {
  it('were lowered with the TC39 helpers, not the legacy experimentalDecorators ones', () => {
    expect(compiled).toContain('__esDecorate');
    expect(compiled).not.toContain('__decorate(');
    expect(compiled).not.toMatch(/^\s*@traced/m);
  });
});

describe('@traced() on instance methods', () => {
  it('sync: stays sync, keeps `this`, one INTERNAL span "Class.method" under the active span', async () => {
    const service = new WeatherService('Oslo');
    const { result, parentSpanId } = underParent(() =>
      runWithCorrelationId('corr-7', () => service.forecast(3)),
    );
    expect(result).toBe('Oslo: 3 days of sun');
    const span = spanNamed('WeatherService.forecast');
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toEqual({
      'code.function.name': 'WeatherService.forecast',
      'mcp_o11y.correlation_id': 'corr-7',
    });
    expect(await pointsByAttributes()).toEqual({
      '{"code.function.name":"WeatherService.forecast"}': 1,
    });
  });

  it('sync throw: the same error comes out; error.type, ERROR status and the exception on the span', async () => {
    const failure = new TypeError('bad input');
    const service = new WeatherService('Oslo');
    const { result: thrown, parentSpanId } = underParent(() => {
      try {
        return service.broken(failure);
      } catch (error) {
        return error;
      }
    });
    expect(thrown).toBe(failure);
    const span = spanNamed('WeatherService.broken');
    expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad input' });
    expect(span?.attributes['error.type']).toBe('other');
    expect(span?.events.map((event) => event.attributes?.['exception.type'])).toEqual(['TypeError']);
    expect(await pointsByAttributes()).toEqual({
      '{"code.function.name":"WeatherService.broken","error.type":"other"}': 1,
    });
  });

  it('async: returns a promise, the span ends only when it settles, `this` is kept', async () => {
    const { ready, open } = gate();
    const service = new WeatherService('Bergen');
    const { result: pending, parentSpanId } = underParent(() => service.forecastLater(5, ready));
    expect(pending).toBeInstanceOf(Promise);
    await Promise.resolve();
    expect(spanNamed('WeatherService.forecastLater')).toBeUndefined();
    open();
    await expect(pending).resolves.toBe('Bergen: 5 days of rain');
    const span = spanNamed('WeatherService.forecastLater');
    expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(await pointsByAttributes()).toEqual({
      '{"code.function.name":"WeatherService.forecastLater"}': 1,
    });
  });

  it('async reject: the same reason comes out, classified (ETIMEDOUT → timeout)', async () => {
    const reason = Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' });
    const service = new WeatherService('Bergen');
    const settled = await service.brokenLater(reason, Promise.resolve()).catch((error: unknown) => error);
    expect(settled).toBe(reason);
    const span = spanNamed('WeatherService.brokenLater');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('timeout');
    expect(await pointsByAttributes()).toEqual({
      '{"code.function.name":"WeatherService.brokenLater","error.type":"timeout"}': 1,
    });
  });

  it('names an inherited method after the class that declares it, and a private one with its #', () => {
    expect(new LocalWeather('Tromsø').forecast(1)).toBe('Tromsø: 1 days of sun');
    expect(new WeatherService('Oslo').revealSecret()).toBe('Oslo secret');
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([
      'WeatherService.forecast',
      'WeatherService.#secret',
    ]);
  });

  it('@measured(): the histogram only, no span', async () => {
    expect(new WeatherService('Oslo').count([1, 2, 3])).toBe(3);
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(await pointsByAttributes()).toEqual({ '{"code.function.name":"WeatherService.count"}': 1 });
  });
});

describe('@traced() on static methods', () => {
  it('sync: `this` is the class, span "Class.method" under the active span', async () => {
    const { result, parentSpanId } = underParent(() => WeatherService.create('Oslo'));
    expect(result).toBeInstanceOf(WeatherService);
    expect(result.city).toBe('Oslo');
    const span = spanNamed('WeatherService.create');
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(await pointsByAttributes()).toEqual({ '{"code.function.name":"WeatherService.create"}': 1 });
  });

  it('a subclass calling an inherited static method gets itself as `this`; the name stays the declaring class', () => {
    const created = LocalWeather.create('Tromsø');
    expect(created).toBeInstanceOf(LocalWeather);
    expect(spanNamed('WeatherService.create')).toBeDefined();
  });

  it('async with a given name and span attributes; the span ends when the promise settles', async () => {
    const { ready, open } = gate();
    const { result: pending, parentSpanId } = underParent(() => WeatherService.load('Oslo', ready));
    expect(pending).toBeInstanceOf(Promise);
    await Promise.resolve();
    expect(spanNamed('weather.load')).toBeUndefined();
    open();
    expect((await pending).city).toBe('Oslo');
    const span = spanNamed('weather.load');
    expect(span?.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span?.attributes).toEqual({ 'code.function.name': 'weather.load', 'weather.source': 'fixture' });
  });

  it('sync throw: the same error, classified (an McpError-like -32602 → validation)', async () => {
    const failure = Object.assign(new Error('MCP error -32602: invalid params'), { code: -32602 });
    expect(() => WeatherService.fail(failure)).toThrow(failure);
    const span = spanNamed('WeatherService.fail');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('validation');
    expect(await pointsByAttributes()).toEqual({
      '{"code.function.name":"WeatherService.fail","error.type":"validation"}': 1,
    });
  });

  it('@measured() on an async static method: resolves with `this` kept, histogram only', async () => {
    await expect(WeatherService.measuredLater(Promise.resolve())).resolves.toBe('WeatherService');
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(await pointsByAttributes()).toEqual({
      '{"code.function.name":"WeatherService.measuredLater"}': 1,
    });
  });
});

describe('decorated methods without a handle', () => {
  it('are plain calls: same results, same errors, nothing recorded', async () => {
    await observability.shutdown();
    const service = new WeatherService('Oslo');
    expect(service.forecast(2)).toBe('Oslo: 2 days of sun');
    const failure = new Error('plain');
    expect(() => WeatherService.fail(failure)).toThrow(failure);
    await expect(service.brokenLater(failure, Promise.resolve())).rejects.toBe(failure);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
