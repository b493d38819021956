/** How an error escaped user code: the `mcp_o11y.error.origin` attribute (and the name of the short span). */
export type ProcessErrorOrigin = 'uncaught_exception' | 'unhandled_rejection';

/** `mcp_o11y.error.origin` on the `mcp_o11y.errors` counter, log records and span events. */
export const ATTR_ERROR_ORIGIN = 'mcp_o11y.error.origin';
