/**
 * Attributes on one metric point. Keep the set small and bounded: every distinct combination is a new
 * time series in every backend. Never put session ids, request ids or user input here.
 */
export type MetricAttributesV1 = Readonly<Record<string, string | number | boolean>>;
