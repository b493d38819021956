import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listStoredBatches } from '../src/offline-storage.js';
import { createTestCertificate, HttpsIngestionReceiver } from './support/https-ingestion-receiver.js';
import { type ScenarioProcess, startScenario } from './support/run-scenario.js';

const certificate = createTestCertificate();
const receiver = new HttpsIngestionReceiver(certificate);
let scenario: ScenarioProcess | undefined;

afterAll(async () => {
  if (scenario) {
    await scenario.request({ type: 'shutdown' }).catch(() => undefined);
    await scenario.exited();
  }
  await receiver.stop();
});

const requestNames = () => receiver.ofKind('Request').map((envelope) => envelope.data.baseData.name);
const storedBytes = async (directory: string) =>
  (await listStoredBatches(directory)).reduce((sum, batch) => sum + batch.bytes, 0);

describe('offline storage with the real exporter', () => {
  it('stores telemetry while ingestion refuses connections, within the disk cap, and delivers it when ingestion is back', async () => {
    await receiver.start();
    const connectionString = receiver.connectionString();
    await receiver.stop(); // connection refused from here on
    const directory = mkdtempSync(join(tmpdir(), 'ai-offline-'));
    const maxBytes = 16_384;
    scenario = startScenario({ NODE_EXTRA_CA_CERTS: certificate.certPath });
    await scenario.request({
      type: 'start',
      options: {
        connectionString,
        maxRetries: 0,
        signals: { traces: true, metrics: false, logs: false },
        offlineStorage: { directory, maxBytes, retryIntervalMillis: 300 },
      },
    });

    // One span per export, ~5 kB each: ten of them would be ~50 kB on disk without the cap.
    const marks = Array.from({ length: 10 }, (_, index) => `offline-mark-${index}`);
    for (const mark of marks) {
      await scenario.request({ type: 'emit', mark, bytes: 5_000 });
      expect(await storedBytes(directory)).toBeLessThanOrEqual(maxBytes);
    }
    const stored = await listStoredBatches(directory);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((batch) => batch.path.endsWith('.ai.json'))).toBe(true);
    expect(await storedBytes(directory)).toBeLessThanOrEqual(maxBytes);
    expect(receiver.envelopes).toHaveLength(0);

    // Ingestion comes back on the same port: the exporter's retry timer sends the stored batches.
    await receiver.start(receiver.port);
    await receiver.waitFor(() => requestNames().length >= stored.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const delivered = requestNames();
    expect(delivered.every((name) => typeof name === 'string' && marks.includes(name))).toBe(true);
    // The cap dropped the oldest batches, so the newest mark survived and the first did not.
    expect(delivered).toContain(marks.at(-1));
    expect(delivered).not.toContain(marks[0]);
    // Every stored batch went out exactly once: nothing is left, nothing was sent twice.
    await receiver.waitFor(() => true);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(await listStoredBatches(directory)).toEqual([]);
    expect(scenario.stdout.join('')).toBe('');
  }, 60_000);

  it('counts a stored batch that ingestion refuses for good on replay as dropped, not only logged', async () => {
    if (scenario) {
      await scenario.request({ type: 'shutdown' }).catch(() => undefined);
      await scenario.exited();
    }
    await receiver.stop();
    await receiver.start();
    const connectionString = receiver.connectionString();
    await receiver.stop();
    const directory = mkdtempSync(join(tmpdir(), 'ai-replay-'));
    scenario = startScenario({ NODE_EXTRA_CA_CERTS: certificate.certPath });
    await scenario.request({
      type: 'start',
      options: {
        connectionString,
        maxRetries: 0,
        signals: { traces: true, metrics: false, logs: false },
        offlineStorage: { directory, retryIntervalMillis: 300 },
      },
    });
    await scenario.request({ type: 'emit', mark: 'replay-refused', bytes: 100 });
    expect(await listStoredBatches(directory)).toHaveLength(1);
    // Stored, so the live export reported success: nothing is counted yet.
    const before = (await scenario.request({ type: 'diagnostics' })) as Diagnostics;
    expect(before.dropped).toEqual([]);

    // Ingestion is back but refuses the batch for good (400): the replay drops it.
    receiver.refuseWith = 400;
    await receiver.start(receiver.port);
    await receiver.waitFor(() => receiver.refused.length >= 1, 15_000);
    await expect
      .poll(async () => ((await scenario!.request({ type: 'diagnostics' })) as Diagnostics).dropped, {
        timeout: 5_000,
      })
      .toEqual([
        {
          adapter: 'azure-monitor',
          signal: 'traces',
          reason: 'export_failed',
          count: receiver.refused.length,
        },
      ]);
    expect(receiver.refused.map((envelope) => envelope.data.baseData.name)).toContain('replay-refused');
    expect(await listStoredBatches(directory)).toEqual([]);
    receiver.refuseWith = undefined;
  }, 60_000);
});

interface Diagnostics {
  readonly dropped: readonly { adapter: string; signal: string; reason: string; count: number }[];
}
