import { utf8Length } from './format-text.js';

/**
 * Builds a payload showing the first `shownAlerts` alerts with every free-text field clipped to
 * `textLimit` UTF-16 units (`Infinity` = unclipped). Must say how many alerts it left out.
 */
export type BuildPayload<Payload> = (shownAlerts: number, textLimit: number) => Payload;

/** A payload that fits, and what was given up to make it fit. */
export interface FittedPayload<Payload> {
  readonly payload: Payload;
  /** The serialized request body. */
  readonly body: string;
  /** Its UTF-8 length. */
  readonly bytes: number;
  /** Alerts left out (replaced by an "N more alerts" line). */
  readonly omittedAlerts: number;
  /** The text clip applied, when one was needed. */
  readonly textLimit?: number;
}

const smallestTextLimit = 40;

/**
 * Fits a payload under `maxBytes` of serialized UTF-8 by dropping trailing detail: first trailing
 * alerts (largest count that fits, found by bisection — size grows with the count), then long text
 * (largest clip that fits with one alert), then that alert too. Throws only when even the bare header
 * cannot fit, which option validation (≥ 2 000 bytes) rules out.
 */
export function fitPayload<Payload>(
  build: BuildPayload<Payload>,
  totalAlerts: number,
  maxBytes: number,
): FittedPayload<Payload> {
  const attempt = (shown: number, textLimit: number) => {
    const payload = build(shown, textLimit);
    const body = JSON.stringify(payload);
    return { payload, body, bytes: utf8Length(body), omittedAlerts: totalAlerts - shown };
  };
  // A text longer than `maxBytes` UTF-16 units is at least that many UTF-8 bytes: it can never fit, clipped
  // to `maxBytes` or not. Clipping it there first changes no outcome, and keeps a notification with
  // megabyte labels from being serialised whole (hundreds of megabytes) at every step of the search.
  const unclipped = maxBytes;
  const whole = attempt(totalAlerts, unclipped);
  if (whole.bytes <= maxBytes) return whole;

  const shown = largestFitting(0, totalAlerts - 1, (count) => attempt(count, unclipped).bytes <= maxBytes);
  if (shown !== undefined && shown >= 1) return attempt(shown, unclipped);

  // Not even one alert fits as it is: shorten the text, keeping as much of the first alert as possible.
  for (const count of [1, 0]) {
    if (count > totalAlerts) continue;
    const limit = largestFitting(
      smallestTextLimit,
      maxBytes,
      (textLimit) => attempt(count, textLimit).bytes <= maxBytes,
    );
    if (limit !== undefined) return { ...attempt(count, limit), textLimit: limit };
  }
  const bare = attempt(0, smallestTextLimit);
  if (bare.bytes <= maxBytes) return { ...bare, textLimit: smallestTextLimit };
  throw new Error(`[@mcp-o11y/notify-teams] cannot fit even the card header into ${maxBytes} bytes.`);
}

/** The largest n in [low, high] with fits(n), assuming fits is monotone (true then false); else undefined. */
function largestFitting(low: number, high: number, fits: (n: number) => boolean): number | undefined {
  if (high < low || !fits(low)) return undefined;
  let good = low;
  let bad = high + 1;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (fits(middle)) good = middle;
    else bad = middle;
  }
  return good;
}
