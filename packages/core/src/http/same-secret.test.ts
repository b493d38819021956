import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sameSecret } from './same-secret.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

afterEach(() => {
  vi.mocked(crypto.timingSafeEqual).mockClear();
});

describe('sameSecret', () => {
  it('tells equal from different secrets', () => {
    expect(sameSecret('s3cr3t-token', 's3cr3t-token')).toBe(true);
    expect(sameSecret('s3cr3t-token', 's3cr3t-tokem')).toBe(false);
    expect(sameSecret('', 's3cr3t-token')).toBe(false);
    expect(sameSecret('s3cr3t-token-and-more', 's3cr3t-token')).toBe(false);
    expect(sameSecret('ünïcödé', 'ünïcödé')).toBe(true);
  });

  it.each([
    ['equal', 'correct horse battery staple', 'correct horse battery staple'],
    ['shorter', 'x', 'correct horse battery staple'],
    ['longer', 'correct horse battery staple and then some', 'correct horse'],
    ['empty', '', 'correct horse'],
  ])(
    'always compares two 32-byte SHA-256 digests with crypto.timingSafeEqual (%s input)',
    (_name, given, expected) => {
      const result = sameSecret(given, expected);
      const compare = vi.mocked(crypto.timingSafeEqual);
      expect(compare).toHaveBeenCalledTimes(1);
      const [left, right] = compare.mock.calls[0] as [Buffer, Buffer];
      expect([left.length, right.length]).toEqual([32, 32]);
      expect(left).toEqual(crypto.createHash('sha256').update(given).digest());
      expect(right).toEqual(crypto.createHash('sha256').update(expected).digest());
      expect(result).toBe(given === expected);
    },
  );
});
