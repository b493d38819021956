import { createHash } from 'node:crypto';

/**
 * Stable identity of an alert: a hash of its labels (which include `alertname`, the rule name), sorted by
 * name, so the same rule and label set give the same fingerprint across restarts and processes. 16 hex
 * characters (64 bits of SHA-256).
 */
export function fingerprintOf(labels: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(labelKey(labels)).digest('hex').slice(0, 16);
}

/** A canonical string of a label set: sorted `name=value` pairs, JSON-quoted. Pure. */
export function labelKey(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  return JSON.stringify(names.map((name) => [name, labels[name]]));
}
