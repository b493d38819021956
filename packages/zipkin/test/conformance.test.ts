import { describeAdapterConformance, startHttpReceiver } from '@mcp-o11y/testkit';
import { afterAll } from 'vitest';
import { adapter } from '../src/index.js';
import { zipkinV2Violations } from './zipkin-v2-schema.js';

const receiver = await startHttpReceiver({ handler: () => ({ status: 202, body: '' }) });
afterAll(() => receiver.close());

function receivedSpans() {
  return Promise.resolve(
    receiver.requests.flatMap((request) => {
      const body = request.json<{ name: string; traceId: string }[]>();
      const problems = zipkinV2Violations(body);
      if (problems.length > 0) throw new Error(`invalid Zipkin v2 JSON: ${problems.join('; ')}`);
      return body;
    }),
  );
}

describeAdapterConformance({
  name: 'zipkin (url from OTEL_EXPORTER_ZIPKIN_ENDPOINT)',
  descriptor: adapter,
  options: {},
  env: {
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${receiver.url}/api/v2/spans`,
    OTEL_EXPORTER_ZIPKIN_TIMEOUT: '2000',
  },
  receive: { spans: receivedSpans },
  importModule: () => import('../src/index.js'),
});

describeAdapterConformance({
  name: 'zipkin (url option)',
  descriptor: adapter,
  options: { url: `${receiver.url}/api/v2/spans`, timeoutMs: 2_000 },
  receive: { spans: receivedSpans },
});
