import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaptureFetch, describeAdapterConformance } from '@mcp-o11y/testkit';
import { adapter } from '../src/index.js';

// Ingestion through the injected fetch: the suite runs in this process, where a self-signed HTTPS
// receiver could not be trusted (NODE_EXTRA_CA_CERTS is read at start; see https-ingestion.test.ts).
const fetch = createCaptureFetch(() => ({
  status: 200,
  body: { itemsReceived: 1, itemsAccepted: 1, errors: [] },
}));

interface Envelope {
  name: string;
  tags: Record<string, string>;
  data: { baseData: { name?: string; message?: string; metrics?: { name: string }[] } };
}
const envelopes = (): Envelope[] => fetch.requests.flatMap((request) => request.json() as Envelope[]);

describeAdapterConformance({
  name: 'azure-monitor',
  descriptor: adapter,
  options: {
    fetch,
    maxRetries: 0,
    offlineStorage: { directory: mkdtempSync(join(tmpdir(), 'ai-conformance-')) },
  },
  env: {
    APPLICATIONINSIGHTS_CONNECTION_STRING:
      'InstrumentationKey=8f9d3e4c-1a2b-4c5d-8e9f-0a1b2c3d4e5f;IngestionEndpoint=https://ingestion.test/',
  },
  receive: {
    spans: async () =>
      envelopes()
        .filter(
          (envelope) => envelope.name.endsWith('.RemoteDependency') || envelope.name.endsWith('.Request'),
        )
        .map((envelope) => ({
          name: envelope.data.baseData.name ?? '',
          traceId: envelope.tags['ai.operation.id'] ?? '',
        })),
    metrics: async () =>
      envelopes()
        .filter((envelope) => envelope.name.endsWith('.Metric'))
        .map((envelope) => ({ name: envelope.data.baseData.metrics?.[0]?.name ?? '' })),
    // The SDK's SimpleLogRecordProcessor.forceFlush does not wait for an export in flight, and the suite
    // checks the exporter's result as soon as the record is seen here: give the response the few ticks
    // it needs to travel back through the Azure pipeline before reporting the record.
    logs: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return envelopes()
        .filter((envelope) => envelope.name.endsWith('.Message'))
        .map((envelope) => ({ body: envelope.data.baseData.message ?? '' }));
    },
  },
  importModule: () => import('../src/index.js'),
});
