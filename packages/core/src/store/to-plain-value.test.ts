import { describe, expect, it } from 'vitest';
import { bodyToString, toPlainAttributes, toPlainValue } from './to-plain-value.js';

describe('toPlainValue', () => {
  it('keeps primitives and turns the other AnyValue kinds into JSON-friendly data', () => {
    expect(toPlainValue('text')).toBe('text');
    expect(toPlainValue(1.5)).toBe(1.5);
    expect(toPlainValue(false)).toBe(false);
    expect(toPlainValue(undefined)).toBeNull();
    expect(toPlainValue(12n)).toBe('12');
    expect(toPlainValue(new Uint8Array([104, 105]))).toBe('aGk=');
    expect(toPlainValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(toPlainValue(new TypeError('bad'))).toBe('TypeError: bad');
    expect(toPlainValue({ a: [1, { b: null }], skip: undefined })).toEqual({ a: [1, { b: null }] });
  });

  it('cuts deep nesting and cycles instead of recursing forever', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const plain = toPlainValue(cycle);
    expect(JSON.stringify(plain)).toContain('[too deep]');
  });
});

describe('toPlainAttributes', () => {
  it('copies arrays so the source can change afterwards, and drops undefined values', () => {
    const list = [1, 2];
    const copy = toPlainAttributes({ list, gone: undefined });
    list.push(3);
    expect(copy).toEqual({ list: [1, 2] });
    expect(toPlainAttributes(undefined)).toEqual({});
  });
});

describe('bodyToString', () => {
  it('renders strings as is, nothing as empty and structures as JSON', () => {
    expect(bodyToString('hello')).toBe('hello');
    expect(bodyToString(undefined)).toBe('');
    expect(bodyToString(null)).toBe('');
    expect(bodyToString(42)).toBe('42');
    expect(bodyToString({ a: 1 })).toBe('{"a":1}');
  });
});
