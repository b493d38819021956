import { mkdtempSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorageCap, listStoredBatches } from './offline-storage.js';

const KIB = 1024;
const totalBytes = async (root: string) =>
  (await listStoredBatches(root)).reduce((sum, batch) => sum + batch.bytes, 0);

describe('createStorageCap', () => {
  it('makes room before each write, so concurrent writes never put the directory over the cap', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ai-cap-'));
    const maxBytes = 10 * KIB;
    // Two old batches already on disk: 8 KiB of the 10.
    writeFileSync(join(root, '1000-old.ai.json'), 'x'.repeat(4 * KIB));
    writeFileSync(join(root, '1001-old.ai.json'), 'x'.repeat(4 * KIB));
    const cap = createStorageCap(root, maxBytes);
    const seenBeforeWrite: number[] = [];
    const seenAfterWrite: number[] = [];
    // Traces, metrics, logs and a replay writing back, all at once, 4 KiB each.
    await Promise.all(
      [2000, 2001, 2002, 2003].map((time) =>
        cap.store(4 * KIB, async () => {
          seenBeforeWrite.push(await totalBytes(root));
          await writeFile(join(root, `${time}-new.ai.json`), 'x'.repeat(4 * KIB));
          seenAfterWrite.push(await totalBytes(root));
          return true;
        }),
      ),
    );
    expect(seenBeforeWrite.every((bytes) => bytes + 4 * KIB <= maxBytes)).toBe(true);
    expect(Math.max(...seenAfterWrite)).toBeLessThanOrEqual(maxBytes);
    // The newest survive, the oldest went first.
    expect((await listStoredBatches(root)).map((batch) => batch.name)).toEqual([
      '2002-new.ai.json',
      '2003-new.ai.json',
    ]);
  });

  it('returns what the write returns and keeps the cap when the write fails', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ai-cap-'));
    const cap = createStorageCap(root, 4 * KIB);
    await expect(cap.store(KIB, async () => 'stored')).resolves.toBe('stored');
    await expect(
      cap.store(KIB, async () => {
        writeFileSync(join(root, '3000-partial.ai.json'), 'x'.repeat(8 * KIB));
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await totalBytes(root)).toBeLessThanOrEqual(4 * KIB);
    // A failed write does not wedge the queue.
    await expect(cap.store(KIB, async () => 'next')).resolves.toBe('next');
  });
});
