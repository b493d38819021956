import { describe, expect, it } from 'vitest';
import { canonicalNotifications } from './canonical-notifications.js';
import {
  captureCanonicalRequests,
  checkNotifierAbort,
  checkNotifierCanonicalFixtures,
  checkNotifierClientErrors,
  checkNotifierConnectionRefused,
  checkNotifierDelivers,
  checkNotifierNoStdout,
  checkNotifierRetryAfter,
  checkNotifierServerErrors,
  checkNotifierSpecification,
} from './notifier-checks.js';
import type { NotifierConformanceOptions } from './notifier-conformance-options.js';
import { checkNotifierSecrets } from './notifier-secrets-check.js';

/**
 * Registers the `NotifierV1` conformance suite: one vitest test per `checkNotifier*` function, switched
 * by `options.capabilities`, plus one snapshot test per canonical notification when `options.snapshot`
 * is set. Call it at the top level of a test file.
 *
 * @example
 * describeNotifierConformance({
 *   name: 'webhook',
 *   create: ({ fetch }) => webhookNotifier({ url: 'https://hooks.test/T0KEN', fetch }),
 *   secrets: ['T0KEN'],
 * });
 */
export function describeNotifierConformance(options: NotifierConformanceOptions): void {
  const http = options.capabilities?.http !== false;
  const secrets = (options.secrets ?? []).some((secret) => secret !== '');

  describe(`${options.name}: NotifierV1 conformance`, () => {
    it("implements specificationVersion 'v1'", () => checkNotifierSpecification(options));
    it('delivers every canonical notification', () => checkNotifierCanonicalFixtures(options));
    it.skipIf(!http)('maps 2xx to delivered', () => checkNotifierDelivers(options));
    it.skipIf(!http)('maps 429 and 503 to retryable, with Retry-After as retryAfterMs', () =>
      checkNotifierRetryAfter(options),
    );
    it.skipIf(!http)('maps 5xx to retryable', () => checkNotifierServerErrors(options));
    it.skipIf(!http)('maps 400, 401 and 403 to failed', () => checkNotifierClientErrors(options));
    it.skipIf(!http)('maps a refused connection to retryable', () => checkNotifierConnectionRefused(options));
    it.skipIf(!http)('resolves retryable promptly when the signal aborts', () => checkNotifierAbort(options));
    it.skipIf(!http || !secrets)('keeps secrets out of every result', () => checkNotifierSecrets(options));
    it('never writes to stdout', () => checkNotifierNoStdout(options));

    const snapshot = options.snapshot;
    if (snapshot) {
      describe('renders canonical notifications', () => {
        let captured: Awaited<ReturnType<typeof captureCanonicalRequests>> | undefined;
        for (const name of Object.keys(canonicalNotifications) as (keyof typeof canonicalNotifications)[]) {
          it(name, async () => {
            captured ??= await captureCanonicalRequests(options);
            expect(captured[name].map((request) => snapshot(request))).toMatchSnapshot();
          });
        }
      });
    }
  });
}
