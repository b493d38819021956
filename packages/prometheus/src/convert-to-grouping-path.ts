/**
 * The Pushgateway URL of one group: `{base}/metrics/job/{job}/{label}/{value}…`. Values that contain a
 * `/` or are empty use the documented base64url form (`/instance@base64/aG9zdC8x`), so any value works.
 * `job` comes first, as the Pushgateway requires.
 */
export function groupingPath(base: string, job: string, labels: Readonly<Record<string, string>>): string {
  const segments = [segment('job', job)];
  for (const [name, value] of Object.entries(labels)) {
    if (name === 'job') continue;
    segments.push(segment(name, value));
  }
  return `${base.replace(/\/+$/, '')}/metrics/${segments.join('/')}`;
}

function segment(name: string, value: string): string {
  if (value === '') return `${name}@base64/=`;
  if (value.includes('/')) return `${name}@base64/${Buffer.from(value).toString('base64url')}`;
  return `${name}/${encodeURIComponent(value)}`;
}

/** `url` without user info, query or fragment: safe to put in logs and errors. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparsable URL)';
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}
