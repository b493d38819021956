import { describeAdapterConformance } from '@mcp-o11y/testkit';
import { adapter, type PrometheusOptions } from '../src/index.js';

// Every check creates its own instance on a free port; the suite reads metrics back through the real
// scrape endpoint of the latest one.
let scrapeUrl = '';
const options: PrometheusOptions = {
  port: 0,
  onListening: (address) => {
    scrapeUrl = address.url;
  },
};

describeAdapterConformance({
  name: 'prometheus',
  descriptor: adapter,
  options,
  env: { OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', PROMETHEUS_PUSHGATEWAY_URL: '' },
  receive: {
    // `testkit.conformance.1a2b3c4d` ({check}, counter) is exposed as `testkit_conformance_1a2b3c4d_total`.
    metrics: async () => {
      const body = await (await fetch(scrapeUrl)).text();
      return [...body.matchAll(/^# TYPE (testkit_conformance_\w+?)_total counter$/gm)].map((match) => ({
        name: (match[1] ?? '').replaceAll('_', '.'),
      }));
    },
  },
  importModule: () => import('../src/index.js'),
});
