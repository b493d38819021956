import type { AzureMonitorExporterOptions } from '@azure/monitor-opentelemetry-exporter';
import { convertTrackBody } from './convert-to-application-insights.js';

/** A core-rest-pipeline policy, reached through the exporter's public `additionalPolicies` option. */
type PipelinePolicy = NonNullable<AzureMonitorExporterOptions['additionalPolicies']>[number]['policy'];

/** Name of the policy in the Azure pipeline. */
export const envelopePolicyName = 'mcpO11yEnvelopePolicy';

/**
 * A per-call policy on the exporter's ingestion requests: sets the request timeout (the Azure client
 * has none by default) and rewrites the serialized envelopes with `convertTrackBody` (MCP result codes,
 * dependency type and target). It runs once per export, off the request path, before the retries.
 * `onNotAccepted` is called when ingestion did not take the whole batch (an error, or any status but
 * 200): the exporter may then have written to its offline store.
 */
export function createEnvelopePolicy(
  timeoutMillis: number,
  onNotAccepted: () => void = () => {},
): PipelinePolicy {
  return {
    name: envelopePolicyName,
    sendRequest(request, next) {
      if (!(request.timeout > 0)) request.timeout = timeoutMillis;
      if (typeof request.body === 'string' && request.url.includes('/track')) {
        request.body = convertTrackBody(request.body);
      }
      return next(request).then(
        (response) => {
          if (response.status !== 200) onNotAccepted();
          return response;
        },
        (error: unknown) => {
          onNotAccepted();
          throw error;
        },
      );
    },
  };
}
