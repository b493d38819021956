/** A measured value for people, without float noise: at most 6 significant digits (`0.30000000000000004` → `0.3`). */
export function formatMeasuredValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
