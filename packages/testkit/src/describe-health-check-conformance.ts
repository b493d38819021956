import { describe, it } from 'vitest';
import {
  checkHealthCheckAbort,
  checkHealthCheckResult,
  checkHealthCheckSpecification,
  checkHealthCheckUnreachable,
  type HealthCheckConformanceOptions,
} from './health-check-checks.js';

/**
 * Registers the `HealthCheckV1` conformance suite: shape, a valid result against a healthy dependency,
 * settling when the signal aborts and, for HTTP checks, no `pass` when the dependency is unreachable.
 * A check may reject instead of resolving `fail` in the failure cases: core converts a throw into `fail`.
 */
export function describeHealthCheckConformance(options: HealthCheckConformanceOptions): void {
  const http = options.capabilities?.http !== false;
  describe(`${options.name}: HealthCheckV1 conformance`, () => {
    it("implements specificationVersion 'v1'", () => checkHealthCheckSpecification(options));
    it('resolves a valid result', async () => {
      await checkHealthCheckResult(options);
    });
    it('settles promptly when the signal aborts', () => checkHealthCheckAbort(options));
    it.skipIf(!http)('does not pass when the dependency is unreachable', () =>
      checkHealthCheckUnreachable(options),
    );
  });
}
