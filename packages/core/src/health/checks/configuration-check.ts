import type { HealthCheckV1 } from '../../spec/health/v1/health-check-v1.js';

/** What {@link configurationCheck} reads: `observability.diagnostics()` fits. */
export interface ConfigurationSource {
  diagnostics(): {
    readonly adapters: readonly string[];
    readonly shutDown: boolean;
    readonly disabled: boolean;
    readonly sampler: string | undefined;
  };
}

/**
 * `configuration`: the configuration was valid, since the pipeline started with it (an invalid one is
 * refused at start with field paths), and the pipeline still runs. Critical: a shut-down pipeline is
 * not ready.
 */
export function configurationCheck(source: ConfigurationSource): HealthCheckV1 {
  return {
    specificationVersion: 'v1',
    name: 'configuration',
    critical: true,
    async check() {
      const diagnostics = source.diagnostics();
      const details = {
        componentType: 'component',
        adapters: diagnostics.adapters,
        sampler: diagnostics.sampler ?? 'none',
      };
      if (diagnostics.shutDown) {
        return {
          status: 'fail',
          message: 'the observability pipeline has been shut down',
          details,
          remediation:
            'The process is stopping; if it is not, something called shutdown() early. Restart the service.',
        };
      }
      if (diagnostics.disabled) {
        return {
          status: 'warn',
          message: 'OTEL_SDK_DISABLED is true: nothing is recorded or exported',
          details,
          remediation: 'Unset OTEL_SDK_DISABLED to turn telemetry on.',
        };
      }
      return {
        status: 'pass',
        message: `configuration valid; ${diagnostics.adapters.length} adapter(s) running`,
        details,
      };
    },
  };
}
