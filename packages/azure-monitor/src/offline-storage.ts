import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Suffix of the batches the exporter stores (`FileSystemPersist.FILENAME_SUFFIX`). */
const batchSuffix = '.ai.json';
/** The exporter nests batches two levels down: `<root>/Microsoft-AzureMonitor-<hash>/opentelemetry-nodejs-<ikey>`. */
const maxDepth = 3;

/** One stored batch. */
export interface StoredBatch {
  readonly path: string;
  readonly bytes: number;
  /** File name order is the exporter's send order (it starts with the write time in ms). */
  readonly name: string;
}

/** Every stored batch under `root`, oldest first. A missing root is an empty store. */
export async function listStoredBatches(root: string): Promise<StoredBatch[]> {
  const batches: StoredBatch[] = [];
  const walk = async (directory: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && depth < maxDepth) await walk(path, depth + 1);
      else if (entry.isFile() && entry.name.endsWith(batchSuffix)) {
        try {
          batches.push({ path, bytes: (await stat(path)).size, name: entry.name });
        } catch {
          // Sent and deleted by the exporter meanwhile.
        }
      }
    }
  };
  await walk(root, 1);
  return batches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Keeps the stored batches under `root` within `maxBytes` by deleting the oldest first (the newest
 * telemetry is the most useful after an outage). The exporter has only a fixed 50 MB ceiling, under
 * which it stops writing new batches; this cap is the configurable one. Returns the bytes left.
 */
export async function enforceStorageCap(root: string, maxBytes: number): Promise<number> {
  const batches = await listStoredBatches(root);
  let total = batches.reduce((sum, batch) => sum + batch.bytes, 0);
  for (const batch of batches) {
    if (total <= maxBytes) break;
    try {
      await unlink(batch.path);
      total -= batch.bytes;
    } catch {
      // Already sent (the exporter unlinks before sending): it no longer counts either.
      total -= batch.bytes;
    }
  }
  return total;
}

/** The disk cap of one storage directory, shared by the senders that write into it. */
export interface StorageCap {
  /** Deletes the oldest batches until the directory is within the cap. */
  enforce(): Promise<void>;
  /**
   * Stores one batch within the cap: makes room for `incomingBytes` first (oldest batches go), then
   * runs `write`, then enforces the cap again (the estimate may be short).
   */
  store<T>(incomingBytes: number, write: () => Promise<T>): Promise<T>;
}

/**
 * Serialises every write and cap walk on one directory: exports finish concurrently (traces, metrics,
 * logs, and the exporter's replay writing a batch back), and a batch written while another write's walk
 * is between its listing and its deletions would put the directory over the cap until the next walk.
 * Room is made before a write, so the cap holds while the batch lands, not only once it has.
 */
export function createStorageCap(root: string, maxBytes: number): StorageCap {
  let running: Promise<unknown> = Promise.resolve();
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const next = running.then(task, task);
    running = next.catch(() => undefined);
    return next;
  };
  const walk = (budget: number) => enforceStorageCap(root, Math.max(0, budget)).catch(() => 0);
  return {
    enforce: () => serialised(async () => void (await walk(maxBytes))),
    store: (incomingBytes, write) =>
      serialised(async () => {
        await walk(maxBytes - incomingBytes);
        try {
          return await write();
        } finally {
          await walk(maxBytes);
        }
      }),
  };
}
