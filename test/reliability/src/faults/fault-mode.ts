/**
 * How a faulty backend behaves. `ok` answers like the real backend; the others are the faults the suite
 * injects:
 * - `refuse`: nothing listens on the port (connection refused) until the mode changes;
 * - `hang`: the request is read and never answered (until the mode changes, then the socket is reset);
 * - `slow`: answered like `ok`, after a delay shorter than the clients' timeouts;
 * - `500`: a server error (SMTP: 451, the transient "local error in processing");
 * - `429`: rate limited with `Retry-After` (SMTP: 421 "try again later", which has no Retry-After);
 * - `garbage`: bytes that are not the protocol at all (not HTTP, not SMTP), then the socket closes.
 */
export type FaultMode = 'ok' | 'refuse' | 'hang' | 'slow' | '500' | '429' | 'garbage';

/** Every fault, in the order the table lists them. */
export const FAULTS: readonly Exclude<FaultMode, 'ok'>[] = [
  'refuse',
  'hang',
  'slow',
  '500',
  '429',
  'garbage',
];

/** Not HTTP, not SMTP, not TLS: what a broken proxy or a wrong port answers. */
export const GARBAGE = Buffer.from(
  '\u0000\u00ff\u0013garbage \u00e9\u00e8 not a protocol\r\n\r\n\u0000',
  'latin1',
);
