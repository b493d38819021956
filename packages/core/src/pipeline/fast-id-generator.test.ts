import { isValidSpanId, isValidTraceId } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FastIdGenerator, randomUuid } from './fast-id-generator.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('FastIdGenerator', () => {
  it('makes valid, distinct lowercase hex trace ids (32 chars) and span ids (16 chars)', () => {
    const generator = new FastIdGenerator();
    const traceIds = new Set<string>();
    const spanIds = new Set<string>();
    for (let index = 0; index < 1000; index += 1) {
      const traceId = generator.generateTraceId();
      const spanId = generator.generateSpanId();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(isValidTraceId(traceId)).toBe(true);
      expect(isValidSpanId(spanId)).toBe(true);
      traceIds.add(traceId);
      spanIds.add(spanId);
    }
    expect(traceIds.size).toBe(1000);
    expect(spanIds.size).toBe(1000);
  });

  it('encodes every bit of the random words, most significant nibble first', () => {
    const words = [0x0123_4567, 0x89ab_cdef, 0xfedc_ba98, 0x7654_3210];
    let next = 0;
    vi.spyOn(Math, 'random').mockImplementation(() => (words[next++ % 4] as number) / 4_294_967_296);
    const generator = new FastIdGenerator();
    expect(generator.generateTraceId()).toBe('0123456789abcdeffedcba9876543210');
    expect(generator.generateSpanId()).toBe('0123456789abcdef');
  });

  it('never returns an all-zero id, which W3C trace context treats as invalid', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const generator = new FastIdGenerator();
    expect(generator.generateTraceId()).toBe('00000000000000000000000000000001');
    expect(generator.generateSpanId()).toBe('0000000000000001');
  });
});

describe('randomUuid', () => {
  it('makes version-4 UUIDs with the RFC 9562 variant, distinct over many calls', () => {
    const ids = new Set<string>();
    for (let index = 0; index < 20_000; index += 1) {
      const id = randomUuid();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(20_000);
  });
});
