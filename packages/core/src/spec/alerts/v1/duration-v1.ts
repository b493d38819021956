/**
 * A duration as written in rules and routes: a positive integer and one unit, `ms`, `s`, `m`, `h` or `d`
 * (`'30s'`, `'5m'`, `'1h'`, `'30d'`). Compound forms (`'1h30m'`) are not accepted; write `'90m'`.
 */
export type DurationV1 = `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;
