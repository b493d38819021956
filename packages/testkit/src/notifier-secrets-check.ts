import type { DeliveryResultV1 } from '@mcp-o11y/core';
import type { CapturedRequest, CaptureStep } from './capture-fetch.js';
import { ConformanceError } from './conformance-error.js';
import { abortMidRequest, attemptSend, withNotifier } from './notifier-attempt.js';
import type { NotifierConformanceOptions } from './notifier-conformance-options.js';

/**
 * No secret from `options.secrets` appears in any result's reason, even when the receiver echoes the
 * request URL and credentials back in its error body. Without secrets there is nothing to check.
 */
export async function checkNotifierSecrets(options: NotifierConformanceOptions): Promise<void> {
  const secrets = (options.secrets ?? []).filter((secret) => secret !== '');
  if (secrets.length === 0) return;
  // The receiver echoes what it got, so a notifier that copies response bodies into reasons leaks too.
  const echo =
    (status: number) =>
    (request: CapturedRequest): CaptureStep => ({
      status,
      body: { error: 'rejected', url: request.url, headers: request.headers, received: request.body },
    });
  const scenarios: [string, (request: CapturedRequest) => CaptureStep][] = [
    ...[400, 401, 403, 404, 429, 500, 503].map(
      (status): [string, (request: CapturedRequest) => CaptureStep] => [
        `an echoing ${status} response`,
        echo(status),
      ],
    ),
    ['a refused connection', () => ({ refuse: true })],
  ];
  const results: [string, DeliveryResultV1][] = [];
  for (const [scenario, step] of scenarios) {
    await withNotifier(options, step, async (harness) => {
      results.push([scenario, await attemptSend(harness, scenario)]);
    });
  }
  await withNotifier(
    options,
    () => ({ hang: true }),
    async (harness) => {
      results.push(['an aborted request', await abortMidRequest(harness)]);
    },
  );
  for (const [scenario, result] of results) {
    const text = JSON.stringify(result);
    for (const [index, secret] of secrets.entries()) {
      if (text.includes(secret) || text.includes(encodeURIComponent(secret))) {
        // The number, never the secret itself: this message ends up in CI logs.
        throw new ConformanceError(
          `notifier "${options.name}"`,
          `the result of ${scenario} contains secret #${index + 1}; never copy URLs, ` +
            'credentials or response bodies into a reason unredacted.',
        );
      }
    }
  }
}
