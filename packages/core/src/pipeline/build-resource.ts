import { randomUUID } from 'node:crypto';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { ServiceOptions } from './observability-options.js';

/** The resolved identity of the service. */
export interface ResolvedService {
  readonly name: string;
  readonly version?: string;
  readonly environment?: string;
  readonly instanceId: string;
}

// One id per process, made on first use (never at import), shared by every pipeline of the process.
let processInstanceId: string | undefined;

/** Option, then the ecosystem's env variable, then a default, as everywhere in mcp-o11y. */
export function resolveService(
  options: ServiceOptions | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedService {
  const name = options?.name ?? nonEmpty(env.OTEL_SERVICE_NAME) ?? 'mcp-server';
  const version = options?.version ?? nonEmpty(env.MCP_O11Y_SERVICE_VERSION);
  const environment = options?.environment ?? nonEmpty(env.MCP_O11Y_ENVIRONMENT);
  const instanceId =
    nonEmpty(options?.instanceId) ??
    nonEmpty(parseResourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES)['service.instance.id']) ??
    processInstanceIdOf();
  return {
    name,
    instanceId,
    ...(version === undefined ? {} : { version }),
    ...(environment === undefined ? {} : { environment }),
  };
}

/**
 * Builds the resource: `OTEL_RESOURCE_ATTRIBUTES` first, then the service identity on top, so an
 * explicit `service.name` always wins over the environment.
 */
export function buildResource(
  service: ResolvedService,
  env: Readonly<Record<string, string | undefined>>,
): Resource {
  const attributes: Record<string, string> = parseResourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES);
  attributes['service.name'] = service.name;
  if (service.version) attributes['service.version'] = service.version;
  if (service.environment) attributes['deployment.environment.name'] = service.environment;
  // Stable per process: Azure's cloud_RoleInstance and Prometheus' instance label come from it.
  attributes['service.instance.id'] = service.instanceId;
  attributes['telemetry.distro.name'] = 'mcp-o11y';
  return resourceFromAttributes(attributes);
}

/** `key=value,key2=value2`, values percent-decoded, as the OpenTelemetry spec defines it. Pure. */
export function parseResourceAttributes(raw: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (!raw) return attributes;
  for (const pair of raw.split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const key = pair.slice(0, separator).trim();
    try {
      attributes[key] = decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      // A malformed escape drops that one attribute, as the spec allows; never the whole resource.
    }
  }
  return attributes;
}

function processInstanceIdOf(): string {
  processInstanceId ??= randomUUID();
  return processInstanceId;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
