import type { NotificationV1, NotifierV1 } from '@mcp-o11y/core';
import type { CapturedRequest, CaptureFetch, CaptureHttpResponse } from './capture-fetch.js';

/** What the notifier under test supports; each flag switches a group of checks. */
export interface NotifierCapabilities {
  /**
   * The notifier speaks HTTP through the injected `fetch`. Default true. Set false for non-HTTP channels
   * (SMTP): only the checks that do not script responses run (shape, canonical delivery, no stdout).
   */
  readonly http?: boolean;
  /** A 429 or 503 `Retry-After` (delay-seconds or HTTP-date) becomes `retryAfterMs`. Default true. */
  readonly retryAfter?: boolean;
}

/** Options of {@link describeNotifierConformance} and of every `checkNotifier*` function. */
export interface NotifierConformanceOptions {
  /** Shown in test names, e.g. `slack`. */
  readonly name: string;
  /**
   * Creates a fresh notifier for one check. Pass `fetch` to the notifier's `fetch` option: every check
   * scripts its own responses. The suite calls `close()` on it afterwards.
   */
  readonly create: (context: { readonly fetch: CaptureFetch }) => NotifierV1 | Promise<NotifierV1>;
  /** The notification sent by the status-mapping checks. Default `canonicalNotifications.criticalFiring`. */
  readonly canonical?: NotificationV1;
  /**
   * Every secret used in `create` (tokens, webhook paths, passwords). The suite fails when one appears in
   * a result's reason, even when the receiver echoes it back. Without secrets the check is skipped.
   */
  readonly secrets?: readonly string[];
  /**
   * What the receiver answers on success. Default: a 200 with `{"ok":true}` and a 202 with no body. Set it
   * for receivers whose success body the notifier checks (Telegram's `{"ok":true,"result":…}`).
   */
  readonly success?: readonly CaptureHttpResponse[];
  /** Capability flags; see {@link NotifierCapabilities}. */
  readonly capabilities?: NotifierCapabilities;
  /**
   * Turns a captured request into the value snapshotted for each canonical notification (decode the body,
   * drop the URL's token). When set, the suite adds one `toMatchSnapshot` test per fixture.
   */
  readonly snapshot?: (request: CapturedRequest) => unknown;
}

/** The success responses used when {@link NotifierConformanceOptions.success} is not set. */
export const defaultSuccessResponses: readonly CaptureHttpResponse[] = [
  { status: 200, body: { ok: true } },
  { status: 202 },
];
