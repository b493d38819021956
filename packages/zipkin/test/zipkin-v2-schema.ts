import { isIPv4, isIPv6 } from 'node:net';

/**
 * Checks a POSTed body against the `ListOfSpans` definition of Zipkin's published API
 * (openzipkin/zipkin-api, zipkin2-api.yaml), with the constraints its descriptions state: ids as lowercase
 * hex (trace 16 or 32, span and parent 16), `kind` from the enum, `timestamp`/`duration` integer epoch
 * microseconds (duration ≥ 1: "durations of less than one are rounded up"), endpoints with text IPs and an
 * integer port, lower-case `serviceName`, `Tags` as string → string, `Annotation` as integer `timestamp`
 * plus string `value`. Returns every violation as `path: problem`; empty means valid.
 */
export function zipkinV2Violations(body: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(body)) return ['$: ListOfSpans must be an array'];
  for (const [index, span] of body.entries()) checkSpan(span, `$[${index}]`, problems);
  return problems;
}

const spanFields = new Set([
  'traceId',
  'name',
  'parentId',
  'id',
  'kind',
  'timestamp',
  'duration',
  'debug',
  'shared',
  'localEndpoint',
  'remoteEndpoint',
  'annotations',
  'tags',
]);
const kinds = new Set(['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkHex(value: unknown, path: string, lengths: number[], problems: string[]): void {
  if (typeof value !== 'string' || !lengths.includes(value.length) || !/^[0-9a-f]+$/.test(value)) {
    problems.push(
      `${path}: must be ${lengths.join(' or ')} lowercase hex characters, got ${JSON.stringify(value)}`,
    );
  } else if (/^0+$/.test(value)) {
    problems.push(`${path}: must not be all zeros`);
  }
}

function checkMicros(value: unknown, path: string, minimum: number, problems: string[]): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    problems.push(
      `${path}: must be an integer number of microseconds ≥ ${minimum}, got ${JSON.stringify(value)}`,
    );
  }
}

function checkEndpoint(value: unknown, path: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${path}: Endpoint must be an object`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!['serviceName', 'ipv4', 'ipv6', 'port'].includes(key))
      problems.push(`${path}.${key}: not an Endpoint field`);
  }
  const { serviceName, ipv4, ipv6, port } = value;
  if (
    serviceName !== undefined &&
    (typeof serviceName !== 'string' || serviceName !== serviceName.toLowerCase())
  ) {
    problems.push(`${path}.serviceName: must be a lower-case string, got ${JSON.stringify(serviceName)}`);
  }
  if (ipv4 !== undefined && (typeof ipv4 !== 'string' || !isIPv4(ipv4)))
    problems.push(`${path}.ipv4: not an IPv4 address`);
  if (ipv6 !== undefined && (typeof ipv6 !== 'string' || !isIPv6(ipv6)))
    problems.push(`${path}.ipv6: not an IPv6 address`);
  if (
    port !== undefined &&
    (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535)
  ) {
    problems.push(`${path}.port: must be an integer port`);
  }
}

function checkSpan(span: unknown, path: string, problems: string[]): void {
  if (!isObject(span)) {
    problems.push(`${path}: Span must be an object`);
    return;
  }
  for (const key of Object.keys(span))
    if (!spanFields.has(key)) problems.push(`${path}.${key}: not a Span field`);
  checkHex(span.traceId, `${path}.traceId`, [16, 32], problems);
  checkHex(span.id, `${path}.id`, [16], problems);
  if (span.parentId !== undefined) checkHex(span.parentId, `${path}.parentId`, [16], problems);
  if (span.name !== undefined && typeof span.name !== 'string')
    problems.push(`${path}.name: must be a string`);
  if (span.kind !== undefined && !kinds.has(span.kind as string))
    problems.push(`${path}.kind: not in the enum`);
  if (span.timestamp !== undefined) checkMicros(span.timestamp, `${path}.timestamp`, 1, problems);
  if (span.duration !== undefined) checkMicros(span.duration, `${path}.duration`, 1, problems);
  for (const flag of ['debug', 'shared'] as const) {
    if (span[flag] !== undefined && typeof span[flag] !== 'boolean')
      problems.push(`${path}.${flag}: must be a boolean`);
  }
  if (span.localEndpoint !== undefined) checkEndpoint(span.localEndpoint, `${path}.localEndpoint`, problems);
  if (span.remoteEndpoint !== undefined)
    checkEndpoint(span.remoteEndpoint, `${path}.remoteEndpoint`, problems);
  if (span.annotations !== undefined) {
    if (!Array.isArray(span.annotations)) problems.push(`${path}.annotations: must be an array`);
    else
      for (const [index, annotation] of (span.annotations as unknown[]).entries()) {
        const at = `${path}.annotations[${index}]`;
        if (!isObject(annotation)) {
          problems.push(`${at}: Annotation must be an object`);
          continue;
        }
        checkMicros(annotation.timestamp, `${at}.timestamp`, 1, problems);
        if (typeof annotation.value !== 'string' || annotation.value === '')
          problems.push(`${at}.value: must be a non-empty string`);
      }
  }
  if (span.tags !== undefined) {
    if (!isObject(span.tags)) problems.push(`${path}.tags: Tags must be an object`);
    else
      for (const [key, value] of Object.entries(span.tags)) {
        if (typeof value !== 'string')
          problems.push(`${path}.tags.${key}: must be a string, got ${typeof value}`);
      }
  }
}
