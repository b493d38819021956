/**
 * Pure mapping between our telemetry and Application Insights' envelopes. The exporter already maps a
 * SERVER span to a request, a CLIENT span to a dependency, span `exception` events and log records with
 * `exception.*` to exceptions, other log records to traces and metric points to customMetrics, with
 * `operation_Id` = trace id and `operation_ParentId` = parent span id. What it cannot know is MCP: without
 * HTTP or gRPC attributes a request gets result code "0" and an MCP client call a dependency of type
 * "Dependency" with no target. {@link convertEnvelopes} fills those in from the MCP semantic conventions.
 */

/** The wire form of one envelope (`POST /v2.1/track`), as far as this module reads it. */
export interface TelemetryEnvelope {
  readonly name?: string;
  readonly tags?: Record<string, string>;
  readonly data?: { readonly baseType?: string; baseData?: Record<string, unknown> };
  readonly [key: string]: unknown;
}

/**
 * Attributes the exporter drops from `customDimensions` because, on HTTP spans, it maps them to fields
 * (`error.type`, `server.*`, `client.address`, `network.transport`). MCP spans need them as dimensions
 * (the Workbook groups by `error.type`), so {@link carryAttributes} copies them under
 * {@link carriedPrefix} and {@link convertEnvelopes} restores the original names.
 */
export const carriedAttributes: readonly string[] = [
  'error.type',
  'server.address',
  'server.port',
  'client.address',
  'network.transport',
];
/** The prefix carried attributes travel under between the span and the envelope. */
export const carriedPrefix = 'mcp_o11y.carried.';

/** The attributes of an MCP span (one with `mcp.method.name`) plus carried copies; undefined otherwise. */
export function carryAttributes(
  attributes: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  if (typeof attributes['mcp.method.name'] !== 'string') return undefined;
  const carried: Record<string, unknown> = { ...attributes };
  for (const key of carriedAttributes) {
    if (attributes[key] !== undefined) carried[`${carriedPrefix}${key}`] = attributes[key];
  }
  return carried;
}

function restoreCarried(properties: Record<string, unknown>): Record<string, unknown> {
  let restored: Record<string, unknown> | undefined;
  for (const key of Object.keys(properties)) {
    if (!key.startsWith(carriedPrefix)) continue;
    restored ??= { ...properties };
    restored[key.slice(carriedPrefix.length)] = properties[key];
    delete restored[key];
  }
  return restored ?? properties;
}

/** The type MCP client spans get in the dependencies table. */
export const mcpDependencyType = 'MCP';

/**
 * The result code of an MCP operation: the JSON-RPC error code when the response was an error
 * (`rpc.response.status_code`), else `error.type` (`tool_error`, `cancelled`, `timeout`) when the span
 * failed, else "0", the code Application Insights uses for successful non-HTTP operations.
 */
export function mcpResultCode(properties: Record<string, unknown>): string {
  const code = properties['rpc.response.status_code'];
  if (typeof code === 'string' && code !== '') return code;
  const errorType = properties['error.type'];
  if (typeof errorType === 'string' && errorType !== '') return errorType;
  return '0';
}

/** `host:port` of the MCP server a client span called, from `server.address` / `server.port`. */
export function mcpTarget(properties: Record<string, unknown>): string | undefined {
  const address = properties['server.address'];
  if (typeof address !== 'string' || address === '') return undefined;
  const port = properties['server.port'];
  return port === undefined || port === '' ? address : `${address}:${String(port)}`;
}

/**
 * Fills in what the exporter leaves generic on MCP requests and dependencies (envelopes whose
 * properties carry `mcp.method.name`): restores the carried attributes, then request `responseCode`; dependency `type` "MCP", `target`
 * (`server.address:port`), `data` (the span name, e.g. `tools/call get_weather`) and `resultCode`.
 * Everything else passes unchanged. Idempotent, so batches replayed from disk can go through it again.
 */
export function convertEnvelopes(envelopes: readonly TelemetryEnvelope[]): TelemetryEnvelope[] {
  return envelopes.map((envelope) => {
    const baseType = envelope.data?.baseType;
    const baseData = envelope.data?.baseData;
    if (baseData === undefined) return envelope;
    const original = (baseData.properties ?? {}) as Record<string, unknown>;
    if (typeof original['mcp.method.name'] !== 'string') return envelope;
    const properties = restoreCarried(original);
    if (baseType === 'RequestData') {
      return {
        ...envelope,
        data: {
          ...envelope.data,
          baseData: { ...baseData, properties, responseCode: mcpResultCode(properties) },
        },
      };
    }
    if (baseType === 'RemoteDependencyData') {
      const target = mcpTarget(properties);
      return {
        ...envelope,
        data: {
          ...envelope.data,
          baseData: {
            ...baseData,
            properties,
            type: mcpDependencyType,
            resultCode: mcpResultCode(properties),
            data: typeof baseData.name === 'string' ? baseData.name : properties['mcp.method.name'],
            ...(target === undefined ? {} : { target }),
          },
        },
      };
    }
    return properties === original
      ? envelope
      : { ...envelope, data: { ...envelope.data, baseData: { ...baseData, properties } } };
  });
}

/**
 * Rewrites a serialized `track` body (a JSON array, or newline-delimited JSON) with
 * {@link convertEnvelopes}. Returns the input unchanged when it is not JSON it understands.
 */
export function convertTrackBody(body: string): string {
  const trimmed = body.trimStart();
  try {
    if (trimmed.startsWith('[')) {
      return JSON.stringify(convertEnvelopes(JSON.parse(body) as TelemetryEnvelope[]));
    }
    const lines = body.split('\n').filter((line) => line.trim() !== '');
    return convertEnvelopes(lines.map((line) => JSON.parse(line) as TelemetryEnvelope))
      .map((envelope) => JSON.stringify(envelope))
      .join('\n');
  } catch {
    return body;
  }
}

/**
 * The Application Insights sampling score of a trace id, 0 to 100: the C#-compatible djb2 hash every
 * Application Insights SDK uses, so services sampling at the same percentage keep the same traces.
 */
export function samplingScore(traceId: string): number {
  if (traceId === '') return 0;
  let input = traceId;
  while (input.length < 8) input += input;
  let hash = 5381;
  for (let index = 0; index < input.length; index++) {
    hash = (((hash << 5) + hash) | 0) + input.charCodeAt(index);
    hash |= 0;
  }
  const csharpMax = 2147483647;
  hash = hash <= -2147483648 ? csharpMax : Math.abs(hash);
  return (hash / csharpMax) * 100;
}

/** Whether a trace is kept at `percentage` (0 to 100). 100 keeps all, 0 none. */
export function isSampledIn(traceId: string, percentage: number): boolean {
  if (percentage >= 100) return true;
  if (percentage <= 0) return false;
  return samplingScore(traceId) < percentage;
}
