import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { PrometheusMetricReader, type PrometheusMetricReaderOptions } from '../src/index.js';

/** A meter provider with only a Prometheus reader; `target_info` off since the default resource varies by host. */
export function readerWithProvider(options: PrometheusMetricReaderOptions = {}) {
  const reader = new PrometheusMetricReader({ targetInfo: false, ...options });
  const provider = new MeterProvider({ readers: [reader] });
  return { reader, provider, meter: provider.getMeter('test') };
}
